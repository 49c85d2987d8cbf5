//! Text extraction: plain text or PDF, detected by content, never by name.
//!
//! A file is a PDF when `%PDF-` occurs within its first 1024 bytes (some producers put junk or a
//! BOM before the header). Anything else must be text: UTF-8 (with or without BOM), UTF-16 with a
//! BOM, or Windows-1252/Latin-1 that is clearly text. What comes out is normalised the same way
//! whatever went in: NFC, `\n` line ends, plain spaces for non-breaking ones, no soft hyphens, no
//! ligature characters.
//!
//! PDF text comes from `pdf-extract` (keeps table rows in reading order), with `lopdf`'s simpler
//! extractor as the fallback. Both run on a worker thread under `catch_unwind` and a time limit,
//! so a hostile PDF can neither panic through nor hang the caller. Pages end with a form feed
//! (`\u{c}`), as in `pdftotext` output.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{LazyLock, mpsc};
use std::thread;
use std::time::Duration;

use unicode_normalization::UnicodeNormalization;

use crate::ImportError;

/// What kind of file the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Text (UTF-8, UTF-16 with BOM, or Windows-1252).
    Text,
    /// A PDF, text extracted in Rust.
    Pdf,
}

/// A file's text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedText {
    /// The text, normalised; for a PDF every page ends with a form feed (`\u{c}`).
    pub text: String,
    /// Text or PDF.
    pub source: SourceKind,
    /// Number of pages (PDF), or 1 plus the number of form feeds (text).
    pub pages: usize,
    /// What was done that a reader of the result may want to know (an 8-bit encoding guessed,
    /// the fallback PDF extractor used, pages that could not be read).
    pub warnings: Vec<String>,
}

/// Limits for [`extract_text_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Wall-clock limit for each PDF extractor (pdf-extract, then the lopdf fallback).
    pub pdf_timeout: Duration,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        // The 22-page samples take ~30 ms; 20 s leaves room for very long minutes with
        // appendices on a slow machine while still ending a pathological file.
        Self {
            pdf_timeout: Duration::from_secs(20),
        }
    }
}

/// How far into the file a `%PDF-` header is looked for.
const PDF_HEADER_WINDOW: usize = 1024;

/// Turns a file's bytes into normalised text, with the default limits.
pub fn extract_text(bytes: &[u8]) -> Result<ExtractedText, ImportError> {
    extract_text_with(bytes, &ExtractOptions::default())
}

/// Turns a file's bytes into normalised text.
pub fn extract_text_with(
    bytes: &[u8],
    options: &ExtractOptions,
) -> Result<ExtractedText, ImportError> {
    if let Some(start) = find_pdf_header(bytes) {
        return extract_pdf(bytes, start, options);
    }
    let (raw, warnings) = decode_text(bytes)?;
    let text = normalise(&raw);
    if is_blank(&text) {
        return Err(ImportError::Empty);
    }
    let pages = 1 + text.matches('\u{c}').count();
    Ok(ExtractedText {
        text,
        source: SourceKind::Text,
        pages,
        warnings,
    })
}

/// Where `%PDF-` starts, if it does within the first 1024 bytes.
pub fn find_pdf_header(bytes: &[u8]) -> Option<usize> {
    let window = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    window.windows(5).position(|w| w == b"%PDF-")
}

fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

// ---------------------------------------------------------------------------------------------
// Text

/// Decodes text bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, or Windows-1252 when the bytes
/// are clearly 8-bit text. Returns the text and warnings; refuses binary data.
pub fn decode_text(bytes: &[u8]) -> Result<(String, Vec<String>), ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0x0b) {
        return Err(ImportError::Empty);
    }
    // A UTF-16 file (Word's "Unicode text") is full of NULs, so its BOM is checked first.
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let encoding = if bytes[0] == 0xff {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
        if had_errors || !looks_like_text(&text) {
            return Err(ImportError::Binary);
        }
        return Ok((text.into_owned(), Vec::new()));
    }
    if bytes.contains(&0) {
        return Err(ImportError::Binary);
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        // (text encoded twice is undone by the parser, for text given as a string too)
        if !looks_like_text(text) {
            return Err(ImportError::Binary);
        }
        // an e-mail's source: the bytes its quoted-printable parts stand for
        if let Some(mail) = from_quoted_printable(text) {
            return Ok((
                mail,
                vec![
                    "the text is an e-mail's source; its quoted-printable parts were decoded"
                        .to_owned(),
                ],
            ));
        }
        return Ok((text.to_owned(), Vec::new()));
    }
    // Not UTF-8: a classic Macintosh program's text (Mac OS Roman, as Word for Mac, ClarisWorks
    // and MacWrite saved "text only" until 2001), whose 'ä' and 'ö' Windows-1252 would read as
    // 'Š' and 'š' and whose 'Å' (0x81) it would refuse; code page 850 reads them as 'è' and 'Ü'.
    if looks_like_mac_text(body) {
        let (text, _, _) = encoding_rs::MACINTOSH.decode(body);
        if looks_like_text(&text) {
            return Ok((
                text.into_owned(),
                vec!["the file is not UTF-8; it was read as Mac OS Roman (a classic Macintosh's text)".to_owned()],
            ));
        }
    }
    // Not UTF-8: a DOS program's text (code page 850, as 1980s and 1990s word processors and
    // mainframe exports wrote Swedish), whose letters Windows-1252 would read as punctuation
    // ('„' for 'ä', '†' for 'å') or refuse ('Å' is 0x8F, undefined there).
    if looks_like_dos_text(body) {
        let text: String = body
            .iter()
            .map(|&b| {
                if b < 0x80 {
                    char::from(b)
                } else {
                    CP850_HIGH[usize::from(b - 0x80)]
                }
            })
            .collect();
        if looks_like_text(&text) {
            return Ok((
                text,
                vec!["the file is not UTF-8; it was read as code page 850 (DOS)".to_owned()],
            ));
        }
    }
    // Not UTF-8: accept 8-bit text only when it is plainly text in a Western encoding.
    if looks_like_8bit_text(body) {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
        return Ok((
            text.into_owned(),
            vec!["the file is not UTF-8; it was read as Windows-1252 (Latin-1)".to_owned()],
        ));
    }
    Err(ImportError::Binary)
}

/// An e-mail's source saved as the protocol (a mail archive's message, "Visa källa"): the parts
/// sent as quoted-printable ("Sammantr=C3=A4desprotokoll", soft line breaks as '=' at a line's
/// end) decoded in their charset (UTF-8, or ISO-8859-1 / Windows-1252), the boundary lines and
/// the parts' own headers blank, the rest as it is. A part runs from its
/// 'Content-Transfer-Encoding: quoted-printable' header to the message's next boundary line.
/// A transport's encoding of bytes, as a charset is, so it is undone here, before the text is
/// read. `None` when no part is so sent.
fn from_quoted_printable(input: &str) -> Option<String> {
    let lower_has = |l: &str, w: &str| l.to_ascii_lowercase().contains(w);
    if !input
        .lines()
        .any(|l| lower_has(l, "content-transfer-encoding: quoted-printable"))
    {
        return None;
    }
    let boundaries: Vec<String> = input
        .lines()
        .filter_map(|l| {
            let at = l.to_ascii_lowercase().find("boundary=")?;
            let b = l[at + 9..].trim().trim_matches(|c| c == '"' || c == ';');
            let b = b.split('"').next().unwrap_or(b);
            (!b.is_empty()).then(|| format!("--{b}"))
        })
        .collect();
    let is_boundary = |l: &str| boundaries.iter().any(|b| l.trim().starts_with(b.as_str()));
    let mut out = String::with_capacity(input.len());
    let mut charset_1252 = false;
    // (in a quoted-printable part, its headers over, in a part's headers)
    let (mut qp, mut body, mut part_head) = (false, false, false);
    let mut bytes: Vec<u8> = Vec::new();
    let flush = |bytes: &mut Vec<u8>, out: &mut String, latin: bool| {
        if bytes.is_empty() {
            return;
        }
        // a part declared UTF-8 stays UTF-8 where a byte is amiss (a character cut apart)
        if latin {
            out.push_str(&encoding_rs::WINDOWS_1252.decode(bytes).0);
        } else {
            out.push_str(&String::from_utf8_lossy(bytes));
        }
        bytes.clear();
    };
    for line in input.split_inclusive('\n') {
        // (a line's trailing white space is no part of it in quoted-printable, RFC 2045)
        let bare = line.trim_end();
        // the boundary lines and a part's own headers are no text of the message
        if is_boundary(bare) {
            flush(&mut bytes, &mut out, charset_1252);
            (qp, body, charset_1252, part_head) = (false, false, false, true);
            out.push('\n');
            continue;
        }
        if !body {
            if lower_has(bare, "content-transfer-encoding: quoted-printable") {
                qp = true;
            }
            if lower_has(bare, "charset=") {
                charset_1252 = lower_has(bare, "iso-8859") || lower_has(bare, "windows-1252");
            }
            if bare.is_empty() {
                body = qp;
                part_head = false;
            }
            if part_head {
                out.push('\n');
            } else {
                out.push_str(line);
            }
            continue;
        }
        // a quoted-printable body line: '=XX' a byte, '=' at the end a soft line break
        let (text, soft) = match bare.strip_suffix('=') {
            Some(t) => (t, true),
            None => (bare, false),
        };
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let hex = |k: usize| b.get(k).is_some_and(u8::is_ascii_hexdigit);
            if b[i] == b'=' && hex(i + 1) && hex(i + 2) {
                let v = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .unwrap_or(b'?');
                bytes.push(v);
                i += 3;
            } else {
                bytes.push(b[i]);
                i += 1;
            }
        }
        if !soft {
            bytes.push(b'\n');
        }
    }
    flush(&mut bytes, &mut out, charset_1252);
    Some(out)
}

/// Text encoded as UTF-8 twice, its bytes once read as Windows-1252 on the way ("SammantrÃ¤des-
/// protokoll", "Ã–resund", "Â§ 14", "â€“"), as an export or a copy between systems leaves it:
/// the text as intended, or `None` when the text shows no such pairs or is not wholly of that
/// form (a letter that Windows-1252 cannot hold, or bytes that are no UTF-8 once undone).
pub(crate) fn undo_double_encoding(text: &str) -> Option<String> {
    // A Swedish letter's two bytes read as two characters: 'Ã' (0xC3) and its second byte.
    let pairs = text
        .as_bytes()
        .windows(2)
        .filter(|w| w == b"\xc3\x83" || w == b"\xc3\x82")
        .count();
    if pairs < 3 {
        return None;
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    if unmappable {
        return None;
    }
    let repaired = std::str::from_utf8(&bytes).ok()?;
    // undone, the pairs are gone: the text was wholly of that form
    (repaired.matches('Ã').count() * 2 < pairs).then(|| repaired.to_owned())
}

/// Whether decoded text is text: almost no control characters besides line ends, tabs and
/// form feeds.
fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return false;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{b}') {
            control += 1;
        }
    }
    // Tolerate a stray escape or two in a long file, nothing more.
    control * 200 <= total
}

/// Code page 850's characters for the bytes 0x80 to 0xFF.
const CP850_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', 'ø', '£', 'Ø', '×', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '®', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', 'Á', 'Â', 'À', '©', '╣', '║', '╗', '╝', '¢', '¥', '┐', //
    '└', '┴', '┬', '├', '─', '┼', 'ã', 'Ã', '╚', '╔', '╩', '╦', '╠', '═', '╬', '¤', //
    'ð', 'Ð', 'Ê', 'Ë', 'È', 'ı', 'Í', 'Î', 'Ï', '┘', '┌', '█', '▄', '¦', 'Ì', '▀', //
    'Ó', 'ß', 'Ô', 'Ò', 'õ', 'Õ', 'µ', 'þ', 'Þ', 'Ú', 'Û', 'Ù', 'ý', 'Ý', '¯', '´', //
    '\u{ad}', '±', '‗', '¾', '¶', '§', '÷', '¸', '°', '¨', '·', '¹', '³', '²', '■', '\u{a0}',
];

/// Whether non-UTF-8 bytes are Swedish text in Mac OS Roman: its letters ä, ö, å, Ä and Ö (0x8A,
/// 0x9A, 0x8C, 0x80, 0x85; 'Å' 0x81 and 'é' 0x8E are code page 850's 'ü' and 'Ä' too, so they
/// count for neither) stand in words, beside letters, at least three times and four times as
/// often as code page 850's and Windows-1252's own (see `looks_like_dos_text`), and the text has
/// almost no control bytes.
fn looks_like_mac_text(bytes: &[u8]) -> bool {
    // code page 850's ä, å, Å, ö, Ö; Windows-1252's Ä, Å, Ö, ä, å, ö
    let others = [
        0x84, 0x86, 0x8f, 0x94, 0x99, 0xc4, 0xc5, 0xd6, 0xe4, 0xe5, 0xf6,
    ];
    mostly_in_words(
        bytes,
        &[0x80, 0x81, 0x85, 0x8a, 0x8c, 0x8e, 0x9a],
        &[0x80, 0x85, 0x8a, 0x8c, 0x9a],
        &others,
    )
}

/// Whether non-UTF-8 bytes are Swedish text in code page 850 (or 437, the same for å, ä and ö):
/// its letters å, ä, ö, Å, Ä, Ö, é and ü (0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82, 0x81) stand
/// in words, beside letters, more often than Windows-1252's (0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6,
/// 0xE9, 0xFC), at least three times, and the text has almost no control bytes.
fn looks_like_dos_text(bytes: &[u8]) -> bool {
    let dos = [0x81, 0x82, 0x84, 0x86, 0x8e, 0x8f, 0x94, 0x99];
    mostly_in_words(
        bytes,
        &dos,
        &dos,
        &[0xc4, 0xc5, 0xd6, 0xe4, 0xe5, 0xe9, 0xf6, 0xfc],
    )
}

/// The test both 8-bit guesses make: of the high bytes standing in a word (beside an ASCII
/// letter or one of `letters`), those of `own` are at least three and more than four times
/// those of `others`, and at most one byte in 200 is a control byte (not tab, line or page end).
fn mostly_in_words(bytes: &[u8], letters: &[u8], own: &[u8], others: &[u8]) -> bool {
    let letter = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || letters.contains(b));
    let (mut mine, mut theirs, mut control) = (0usize, 0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) || b == 0x7f {
            control += 1;
            continue;
        }
        if b < 0x80 {
            continue;
        }
        let in_word =
            letter(i.checked_sub(1).and_then(|j| bytes.get(j))) || letter(bytes.get(i + 1));
        if !in_word {
            continue;
        }
        if own.contains(&b) {
            mine += 1;
        } else if others.contains(&b) {
            theirs += 1;
        }
    }
    mine >= 3 && mine > theirs * 4 && control * 200 <= bytes.len()
}

/// Whether non-UTF-8 bytes are clearly Windows-1252/Latin-1 text: no bytes that are undefined
/// there, almost no control bytes, and a modest share of high bytes (Swedish text has a few
/// per cent å/ä/ö; random binary has half its bytes high).
fn looks_like_8bit_text(bytes: &[u8]) -> bool {
    let mut control = 0usize;
    let mut high = 0usize;
    for &b in bytes {
        match b {
            0x81 | 0x8d | 0x8f | 0x90 | 0x9d => return false,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {}
            0x00..=0x1f | 0x7f => control += 1,
            0x80..=0xff => high += 1,
            _ => {}
        }
    }
    let n = bytes.len().max(1);
    control * 200 <= n && high * 4 <= n
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/// Normalises extracted text: `\r\n` and `\r` → `\n`, NFC, non-breaking and other fixed-width
/// spaces → space, ligatures (ﬁ ﬂ …) → letters, soft hyphens, zero-width spaces and stray BOMs
/// removed; a word split by a soft hyphen at a line end is joined on the first line.
pub fn normalise(text: &str) -> String {
    // Nearly all real text is NFC already and has nothing to map: checking that first is several
    // times cheaper than running it through the composer (the bulk of import time otherwise).
    let already_nfc = unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes;
    if already_nfc && !text.contains(needs_mapping) {
        return text.to_string();
    }
    // A soft hyphen ending a line splits one word: it is joined here, before the soft hyphens
    // go, or the word would come out as two ("sä" / "kerhet").
    let joined;
    let text = if text.contains('\u{ad}') {
        joined = crate::parse::text::join_soft_hyphens(text);
        joined.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    // Decomposing ligatures before NFC: NFC alone keeps them (they are compatibility characters).
    let expanded = std::iter::from_fn(move || {
        let c = chars.next()?;
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            return Some('\n');
        }
        Some(c)
    });
    if already_nfc {
        expanded.for_each(|c| push_mapped(&mut out, c));
    } else {
        expanded.nfc().for_each(|c| push_mapped(&mut out, c));
    }
    out
}

/// Whether `normalise` changes this character (other than by NFC).
fn needs_mapping(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{a0}'
            | '\u{2007}'
            | '\u{202f}'
            | '\u{2002}'
            | '\u{2003}'
            | '\u{2009}'
            | '\u{ad}'
            | '\u{200b}'
            | '\u{feff}'
            | '\u{fb00}'..='\u{fb06}'
    )
}

/// Pushes a character with spaces unified, invisible characters dropped and ligatures expanded.
fn push_mapped(out: &mut String, c: char) {
    match c {
        '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => out.push(' '),
        '\u{ad}' | '\u{200b}' | '\u{feff}' => {}
        '\u{fb00}' => out.push_str("ff"),
        '\u{fb01}' => out.push_str("fi"),
        '\u{fb02}' => out.push_str("fl"),
        '\u{fb03}' => out.push_str("ffi"),
        '\u{fb04}' => out.push_str("ffl"),
        '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
        _ => out.push(c),
    }
}

/// Removes spaces and tabs at the ends of lines (PDF extractors leave the space that ended a
/// wrapped line) and blank lines at the start and end of each page.
fn tidy_pdf_page(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for line in page.split('\n') {
        out.push_str(line.trim_end_matches([' ', '\t']));
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    let mut page = trimmed.to_owned();
    page.push('\n');
    page
}

// ---------------------------------------------------------------------------------------------
// PDF

/// How one extractor's run ended.
enum PdfOutcome {
    /// Page texts, and warnings about pages that failed.
    Pages(Vec<String>, Vec<String>),
    /// The document needs a password.
    Encrypted,
    /// The extractor returned an error (a short reason).
    Failed(String),
}

fn extract_pdf(
    bytes: &[u8],
    start: usize,
    options: &ExtractOptions,
) -> Result<ExtractedText, ImportError> {
    // Offsets in a PDF count from its header, so junk before it is cut off.
    let pdf: std::sync::Arc<[u8]> = bytes[start..].into();
    let mut warnings = Vec::new();

    let primary = {
        let pdf = pdf.clone();
        run_bounded(options.pdf_timeout, move || pdf_extract_pages(&pdf))
    };
    let primary_failure = match primary {
        Bounded::Done(PdfOutcome::Encrypted) => return Err(ImportError::PdfEncrypted),
        Bounded::Done(PdfOutcome::Pages(pages, page_warnings))
            if pages.iter().any(|p| !is_blank(p)) =>
        {
            warnings.extend(page_warnings);
            return Ok(finish_pdf(pages, warnings));
        }
        Bounded::Done(PdfOutcome::Pages(..)) => None,
        Bounded::Done(PdfOutcome::Failed(reason)) => Some(reason),
        Bounded::Panicked(reason) => Some(format!("the PDF reader crashed ({reason})")),
        Bounded::TimedOut => Some("extraction timed out".to_owned()),
    };

    // Fallback: lopdf's own extractor. It loses table layout but reads some files pdf-extract
    // cannot (unusual fonts, damaged content streams).
    let fallback = {
        let pdf = pdf.clone();
        run_bounded(options.pdf_timeout, move || lopdf_pages(&pdf))
    };
    match fallback {
        Bounded::Done(PdfOutcome::Encrypted) => Err(ImportError::PdfEncrypted),
        Bounded::Done(PdfOutcome::Pages(pages, page_warnings))
            if pages.iter().any(|p| !is_blank(p)) =>
        {
            warnings.push(
                "text read with the simple PDF extractor; table rows may be out of order"
                    .to_owned(),
            );
            warnings.extend(page_warnings);
            Ok(finish_pdf(pages, warnings))
        }
        // Both read the file and found no text: a scan or images only.
        Bounded::Done(PdfOutcome::Pages(..)) if primary_failure.is_none() => {
            Err(ImportError::PdfNoText)
        }
        Bounded::Done(PdfOutcome::Pages(..)) => {
            Err(ImportError::PdfDamaged(primary_failure.unwrap_or_default()))
        }
        // Report the first extractor's reason: it is the one that usually names the defect.
        Bounded::Done(PdfOutcome::Failed(reason)) => {
            Err(ImportError::PdfDamaged(primary_failure.unwrap_or(reason)))
        }
        Bounded::Panicked(reason) => Err(ImportError::PdfDamaged(
            primary_failure.unwrap_or_else(|| format!("the PDF reader crashed ({reason})")),
        )),
        Bounded::TimedOut => Err(ImportError::PdfDamaged(
            primary_failure.unwrap_or_else(|| "extraction timed out".to_owned()),
        )),
    }
}

fn finish_pdf(pages: Vec<String>, warnings: Vec<String>) -> ExtractedText {
    let mut text = String::new();
    for page in &pages {
        text.push_str(&tidy_pdf_page(&normalise(page)));
        text.push('\u{c}');
    }
    ExtractedText {
        text,
        source: SourceKind::Pdf,
        pages: pages.len(),
        warnings,
    }
}

/// How a bounded run ended.
enum Bounded<T> {
    Done(T),
    /// The panic message.
    Panicked(String),
    TimedOut,
}

/// Runs `f` on a worker thread, catching panics, and waits at most `timeout`.
///
/// A thread cannot be killed in Rust: on time-out the worker is detached and runs on until
/// `f` returns (its result is then dropped, as the channel's receiver is gone). A file that
/// truly loops forever keeps one core busy until the process exits; callers that import many
/// untrusted files should run imports in a child process if that matters.
fn run_bounded<T, F>(timeout: Duration, f: F) -> Bounded<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    install_quiet_panic_hook();
    let (tx, rx) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name(WORKER_NAME.to_owned())
        .spawn(move || {
            QUIET_PANICS.with(|q| q.set(true));
            let result = panic::catch_unwind(AssertUnwindSafe(f));
            // The receiver may have given up (time-out); nothing to do then.
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Bounded::Panicked(format!("could not start a worker thread: {e}"));
    }
    match rx.recv_timeout(timeout) {
        Ok(Ok(value)) => Bounded::Done(value),
        Ok(Err(payload)) => Bounded::Panicked(panic_message(payload.as_ref())),
        Err(mpsc::RecvTimeoutError::Timeout) => Bounded::TimedOut,
        // The worker died without sending: only possible if it panicked outside catch_unwind.
        Err(mpsc::RecvTimeoutError::Disconnected) => Bounded::Panicked("worker lost".to_owned()),
    }
}

const WORKER_NAME: &str = "kansli-pdf-extract";

thread_local! {
    /// Set on extraction workers: their panics are expected and reported as `PdfDamaged`.
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once per process, a panic hook that stays silent for panics on extraction
/// workers and hands every other panic to the hook that was there before. Hooks are global, so
/// this chains rather than swaps back and forth (which would race with other threads).
fn install_quiet_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let message = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    };
    short_reason(&message)
}

/// One line, at most ~100 characters: reasons end up after a file name on stderr.
fn short_reason(message: &str) -> String {
    let line = message.lines().next().unwrap_or("").trim();
    // lopdf's most common complaint, in words a secretary can act on.
    if line.contains("cross reference") || line.contains("xref") {
        return "the file is truncated or its cross-reference table is broken".to_owned();
    }
    let mut reason: String = line.chars().take(100).collect();
    if line.chars().count() > 100 {
        reason.push('…');
    }
    if reason.is_empty() {
        "unknown error".to_owned()
    } else {
        reason
    }
}

/// pdf-extract, page by page, with our own output device (see [`PageText`]).
fn pdf_extract_pages(pdf: &[u8]) -> PdfOutcome {
    let doc = match pdf_extract::Document::load_mem(pdf) {
        Ok(doc) => doc,
        Err(e) => return load_failure(pdf, &e.to_string()),
    };
    // lopdf decrypts on load when the empty user password opens the file; if /Encrypt is
    // still there, a real password is needed.
    if doc.is_encrypted() {
        return PdfOutcome::Encrypted;
    }
    // One extractor for the document: its fonts are made once, not again on every page.
    let mut extractor = pdf_extract::PageExtractor::new(&doc);
    let page_numbers = extractor.page_numbers();
    if page_numbers.is_empty() {
        return PdfOutcome::Failed("the PDF has no pages".to_owned());
    }
    let mut output = PageText::default();
    let mut warnings = Vec::new();
    let mut failed = 0usize;
    let mut first_error = None;
    for &n in &page_numbers {
        output.current.clear();
        output.glyphs.clear();
        output.glyph_text.clear();
        if let Err(e) = extractor.output_page(&mut output, n) {
            failed += 1;
            warnings.push(format!(
                "page {n} could not be read: {}",
                short_reason(&e.to_string())
            ));
            first_error.get_or_insert_with(|| short_reason(&e.to_string()));
            // Keep whatever the page gave before the error.
            let page = output.finish_page();
            output.pages.push(page);
        }
    }
    if failed == page_numbers.len() {
        return PdfOutcome::Failed(first_error.unwrap_or_default());
    }
    let mut pages = output.pages;
    if output.split_sheets {
        in_printed_order(&mut pages);
    }
    PdfOutcome::Pages(pages, warnings)
}

/// Pages split from sheets of two put in the order their page numbers give ("Sida 4 av 4",
/// "4 (4)", "4(4)" in a page's first or last lines), as a booklet prints them in the order it
/// is folded (4 | 1, then 2 | 3): only when every page carries its number, the numbers are 1
/// to the count each once, and every one says the same count.
fn in_printed_order(pages: &mut Vec<String>) {
    static NUMBER: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:\bsida\s+(\d{1,3})\s*(?:av|/)\s*(\d{1,3})\b|\b(\d{1,3})\s?\((\d{1,3})\))",
        )
        .expect("regex")
    });
    let n = pages.len();
    let mut numbers: Vec<usize> = Vec::with_capacity(n);
    for page in pages.iter() {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let ends = lines.iter().take(4).chain(lines.iter().rev().take(4));
        let found = ends.into_iter().find_map(|l| {
            let c = NUMBER.captures(l)?;
            let (k, of) = match (c.get(1), c.get(2)) {
                (Some(k), Some(of)) => (k, of),
                _ => (c.get(3)?, c.get(4)?),
            };
            Some((
                k.as_str().parse::<usize>().ok()?,
                of.as_str().parse::<usize>().ok()?,
            ))
        });
        match found {
            Some((k, of)) if of == n && (1..=n).contains(&k) => numbers.push(k),
            _ => return,
        }
    }
    let mut seen = numbers.clone();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != n || numbers.windows(2).all(|w| w[0] < w[1]) {
        return;
    }
    let mut order: Vec<(usize, String)> = numbers.into_iter().zip(pages.drain(..)).collect();
    order.sort_by_key(|(k, _)| *k);
    pages.extend(order.into_iter().map(|(_, p)| p));
}

/// The fallback: lopdf's text extraction, page by page.
fn lopdf_pages(pdf: &[u8]) -> PdfOutcome {
    let doc = match lopdf::Document::load_mem(pdf) {
        Ok(doc) => doc,
        Err(e) => return load_failure(pdf, &e.to_string()),
    };
    if doc.is_encrypted() {
        return PdfOutcome::Encrypted;
    }
    let page_numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if page_numbers.is_empty() {
        return PdfOutcome::Failed("the PDF has no pages".to_owned());
    }
    let mut pages = Vec::with_capacity(page_numbers.len());
    let mut warnings = Vec::new();
    for n in page_numbers {
        match doc.extract_text_with_limit(&[n], pdf_extract::MAX_DECOMPRESSED_CONTENT) {
            Ok(text) => pages.push(text),
            Err(e) => {
                warnings.push(format!(
                    "page {n} could not be read: {}",
                    short_reason(&e.to_string())
                ));
                pages.push(String::new());
            }
        }
    }
    PdfOutcome::Pages(pages, warnings)
}

/// A load error: encrypted if the file declares encryption (lopdf may fail before it gets to
/// the password check), else damaged.
fn load_failure(pdf: &[u8], message: &str) -> PdfOutcome {
    if pdf.windows(8).any(|w| w == b"/Encrypt") {
        PdfOutcome::Encrypted
    } else {
        PdfOutcome::Failed(short_reason(message))
    }
}

/// Whether a line begun so far opens a table's totals row ("Summa", "Totalt", "Antal").
fn is_totals_row(line: &str) -> bool {
    let first = line
        .split('\t')
        .next()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    matches!(
        first.as_str(),
        "summa" | "totalt" | "antal" | "s:a" | "summa röster"
    )
}

/// pdf-extract output device: pdf-extract's plain-text heuristics, plus what minutes need:
/// one string per page, a tab where text jumps to the next table cell (a wide gap on the same
/// line, or up and to the right, as when a row's label cell is vertically centred), and no
/// stray space at the start of a line.
///
/// A page's glyphs are kept until the page ends and then laid out in the direction they run
/// (see [`Glyph`]), so that a landscape table drawn turned on a portrait page (`/Rotate 90`, as
/// print drivers and PDF mergers write appendices) reads row by row like any other.
#[derive(Default)]
struct PageText {
    pages: Vec<String>,
    current: String,
    /// The page's glyphs, in content-stream order, and their text.
    glyphs: Vec<Glyph>,
    glyph_text: String,
    /// The page's MediaBox (llx, lly, urx, ury), to turn the glyphs of each direction into
    /// reading coordinates.
    media_box: (f64, f64, f64, f64),
    /// Page height, to turn PDF y (up) into reading y (down).
    page_height: f64,
    last_end: f64,
    last_y: f64,
    /// Where the current line's first character began: a jump back to it is a new line even
    /// when the glyph widths are unknown (pdf-extract misreads `/W` ranges such as Typst's
    /// PDFs write, and reports every width as zero).
    line_start: f64,
    /// Where the current table cell began (after a tab): a line that starts there again is
    /// the cell's next line, as a correct width would show.
    cell_start: f64,
    /// Where the current row's first cell began: a cell's next line that starts right of it
    /// continues a later cell (a value wrapping in its cell), see [`CONTINUATION`].
    row_start: f64,
    /// Where the cells of the current line began, and those of the last line that began a
    /// row (not a cell's next line): a line that starts where a later cell of that row began
    /// is in that column (a row of a two-column list with only a right-hand person).
    line_cells: Vec<f64>,
    row_cells: Vec<f64>,
    /// Where the columns of a table of marks begin, from its header row ("Ledamot ⇥ Ja ⇥ Nej ⇥
    /// Avstår": three cells or more, the later ones short words in lower case): a row under it that leaves
    /// a column empty ("Filip Ström (SD)" and an X under "Nej") gets a tab for each column it
    /// skips, so that its mark keeps its column. Empty when no such header is above.
    mark_columns: Vec<f64>,
    /// Whether the current line continues a cell (starts with [`CONTINUATION`]).
    line_continues: bool,
    /// Where each line of the page begins in `current`, and its y: a row's next cell, up on
    /// the row's first line, shows which lines were the row's.
    line_starts: Vec<(usize, f64)>,
    /// Text going in beside lines written before, see [`Insert`].
    insert: Option<Insert>,
    /// Insertions written on this page (each copies the page's text after it).
    inserts: usize,
    word_start: bool,
    page_start: bool,
    /// Whether the text shown now is invisible (render mode 3 or 7), as an OCR's text layer
    /// over a scanned page is drawn.
    invisible: bool,
    /// Whether a sheet of two pages was read as two (see [`two_pages_a_sheet`]).
    split_sheets: bool,
    /// The glyphs of the current text-showing operator so far, and whether the last glyph was
    /// invisible: an OCR layer draws each word by an operator of its own.
    run_len: usize,
    last_invisible: bool,
    /// A TJ array's number came before the string shown next (see [`Glyph::adjusted`]).
    adjusted: bool,
    /// The glyph being placed follows the one before it in its TJ array, past a number.
    in_array: bool,
}

/// One glyph as the content stream draws it: where (user space), which way its text runs,
/// its size, advance and text (a range of [`PageText::glyph_text`]).
#[derive(Clone, Copy)]
struct Glyph {
    x: f64,
    y: f64,
    /// The direction the text runs in user space, in quarter turns anticlockwise (0: left to
    /// right; 1: upwards, as on a page shown turned by `/Rotate 90`; 2; 3).
    turn: u8,
    size: f64,
    width: f64,
    /// Whether it begins a text-showing operator (pdf-extract's `begin_word`).
    word_start: bool,
    /// Drawn invisible (render mode 3 or 7): an OCR's text layer.
    invisible: bool,
    /// Begins a string of a TJ array after a number of it: a gap from the glyph before is
    /// the operator's own (a word's gap where no space is drawn, as pdfTeX sets a line).
    adjusted: bool,
    /// How far its line is turned from the nearest quarter turn, in radians (upright text
    /// only): an OCR's text layer over a page scanned askew turns each word with the page.
    skew: f32,
    text: (u32, u32),
}

/// The order to lay a page's glyphs out in when its content stream draws them out of reading
/// order, as some report engines and PDF optimisers do (every bold run first, then the regular
/// text; a right-hand column, a Dnr at the right margin, before the text at its left): `None`
/// when the stream's order is the page's, as nearly every producer writes it. Then the lines
/// are read from the top, each from the left, as `pdftotext -layout` reads any page.
///
/// Out of order is a stream that, at least twice outside the page's top and bottom margins
/// (where running headers and footers are often drawn last), starts a line of text above text
/// it drew before in the same columns, left of text it drew before on the same line, or beside
/// a line drawn before after going back up from text below that is not all at its left. A
/// column drawn after the one at its left (two text columns, a cover's values right after its
/// labels, a table column by column) goes on up and to the right of what was drawn and is read
/// by the layout as it is.
fn reading_order(placed: &[(f64, f64, &Glyph)], height: f64) -> Option<Vec<usize>> {
    // the stream's runs on one line, going right: (y, x0, x1, size)
    let mut runs: Vec<(f64, f64, f64, f64)> = Vec::new();
    for &(x, y, g) in placed {
        let end = x + g.width * g.size;
        match runs.last_mut() {
            Some(r) if (y - r.0).abs() <= g.size * 0.5 && x >= r.1 - g.size * 0.25 => {
                r.1 = r.1.min(x);
                r.2 = r.2.max(end);
            }
            _ => runs.push((y, x, end, g.size)),
        }
    }
    // (the check compares each run with those before it: a page of thousands is left as drawn)
    if runs.len() < 4 || runs.len() > 4_000 {
        return None;
    }
    // widths read as zero (see `line_start`) give runs no extent to compare
    if placed.iter().filter(|(_, _, g)| g.width <= 0.0).count() * 2 > placed.len() {
        return None;
    }
    let margin = |y: f64| y < height * 0.08 || y > height * 0.92;
    // What was drawn before each run, outside the margins: the lowest point reached (a page in
    // order never draws above it), and the runs by the whole point of their height, so a run's
    // line is looked up rather than every run before it compared (an in-order page of a few
    // hundred runs cost a tenth of a cold parse that way; bench/README.md)
    let mut lowest = f64::NEG_INFINITY;
    let mut by_height: foldhash::HashMap<i64, Vec<usize>> = foldhash::HashMap::default();
    let on_line = |by_height: &foldhash::HashMap<i64, Vec<usize>>, s: &(f64, f64, f64, f64)| {
        let reach = s.3 * 0.3;
        ((s.0 - reach).floor() as i64..=(s.0 + reach).floor() as i64)
            .filter_map(|b| by_height.get(&b))
            .flatten()
            .map(|&j| runs[j])
            .filter(|d| (d.0 - s.0).abs() <= reach)
            .collect::<Vec<_>>()
    };
    let mut out_of_order = 0;
    for (k, s) in runs.iter().enumerate() {
        if margin(s.0) {
            continue;
        }
        let line = on_line(&by_height, s);
        let late = (lowest > s.0 + s.3 * 0.5
            && runs[..k]
                .iter()
                .any(|d| !margin(d.0) && d.0 > s.0 + s.3 * 0.5 && d.1 < s.2 && s.1 < d.2))
            || line.iter().any(|d| d.1 >= s.2);
        // back up beside a line drawn before, from text below that is not all at its left: a
        // column of values going in beside its labels, not a next column after the last one
        let prev = k.checked_sub(1).map(|j| runs[j]);
        let beside = prev.is_some_and(|p| p.0 > s.0 + s.3 * 1.5 && p.2 > s.1)
            && line.iter().any(|d| d.2 <= s.1);
        if late || beside {
            out_of_order += 1;
            if out_of_order >= 2 {
                break;
            }
        }
        lowest = lowest.max(s.0);
        by_height.entry(s.0.floor() as i64).or_default().push(k);
    }
    if out_of_order < 2 {
        return None;
    }
    // lines: the glyphs by height, a line's glyphs within half a size of its first
    let mut by_y: Vec<usize> = (0..placed.len()).collect();
    by_y.sort_by(|&a, &b| placed[a].1.total_cmp(&placed[b].1));
    let mut line = vec![0usize; placed.len()];
    let mut n = 0;
    let mut top = f64::NEG_INFINITY;
    for &i in &by_y {
        let (_, y, g) = placed[i];
        if y - top > g.size * 0.5 {
            n += 1;
            top = y;
        }
        line[i] = n;
    }
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by(|&a, &b| {
        line[a]
            .cmp(&line[b])
            .then(placed[a].0.total_cmp(&placed[b].0))
            .then(a.cmp(&b))
    });
    Some(order)
}

/// The order to lay a page's glyphs out in when its stream draws a floating text box last, as
/// Word draws a text box ('Textruta', in front of the text) after the page's text: the box's
/// lines ('Diarienummer' / 'RN 2025/012' beside a paragraph's head) go in after the lines they
/// stand beside, the rest of the page as drawn. `None` for a page that ends where its text is
/// lowest, as nearly every page does.
///
/// A box is what the stream draws after its last return upwards (outside the page's top and
/// bottom margins): at most eight lines going down, narrower than three fifths of the text
/// drawn before it, which goes on at least two lines below the box, standing beside a line
/// drawn before and clear of every line at its heights. A right-hand column drawn after the
/// left one is as wide as it (p26's columns; [`reading_order`] reads a page drawn out of order
/// more than once).
fn box_drawn_last(placed: &[(f64, f64, &Glyph)], height: f64) -> Option<Vec<usize>> {
    let margin = |y: f64| y < height * 0.08 || y > height * 0.92;
    // cheap test first: the page's last glyph outside the margins stands above its lowest line
    let (mut lowest, mut last) = (f64::NEG_INFINITY, None);
    for &(_, y, g) in placed {
        if !margin(y) {
            lowest = lowest.max(y);
            last = Some((y, g.size));
        }
    }
    let (last_y, size) = last?;
    if last_y > lowest - size * 2.0 {
        return None;
    }
    // the stream's runs on one line, going right: (y, x0, x1, size, first glyph, past the last)
    let mut runs: Vec<(f64, f64, f64, f64, usize, usize)> = Vec::new();
    for (i, &(x, y, g)) in placed.iter().enumerate() {
        let end = x + g.width * g.size;
        match runs.last_mut() {
            Some(r) if (y - r.0).abs() <= g.size * 0.5 && x >= r.1 - g.size * 0.25 => {
                r.1 = r.1.min(x);
                r.2 = r.2.max(end);
                r.5 = i + 1;
            }
            _ => runs.push((y, x, end, g.size, i, i + 1)),
        }
    }
    let body: Vec<usize> = (0..runs.len()).filter(|&k| !margin(runs[k].0)).collect();
    // the last return upwards: a run well above the run drawn before it
    let mut from = None;
    for (n, pair) in body.windows(2).enumerate() {
        let (p, r) = (runs[pair[0]], runs[pair[1]]);
        if r.0 < p.0 - r.3 * 1.5 {
            from = Some(n + 1);
        }
    }
    let from = from?;
    let (before, boxed) = body.split_at(from);
    let mut lines = 0;
    let mut prev_y = f64::NEG_INFINITY;
    for &k in boxed {
        let r = runs[k];
        if r.0 < prev_y - r.3 * 0.5 {
            return None; // the box goes up again: more than a box
        }
        if r.0 > prev_y + r.3 * 0.5 {
            lines += 1;
        }
        prev_y = r.0;
    }
    // (top, lowest line, left edge, right edge) of a set of runs
    let extent = |ks: &[usize]| {
        ks.iter().map(|&k| runs[k]).fold(
            (
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ),
            |(top, low, x0, x1), r| (top.min(r.0), low.max(r.0), x0.min(r.1), x1.max(r.2)),
        )
    };
    let (top, _, x0, x1) = extent(boxed);
    let bottom = prev_y;
    let (_, below, bx0, bx1) = extent(before);
    if lines > 8 || x1 - x0 >= (bx1 - bx0) * 0.6 || below < bottom + size * 2.0 {
        return None;
    }
    let at_its_heights = |d: &(f64, f64, f64, f64, usize, usize)| {
        d.0 >= top - d.3 * 0.5 && d.0 <= bottom + d.3 * 0.5
    };
    let clear = before
        .iter()
        .map(|&k| runs[k])
        .filter(at_its_heights)
        .all(|d| d.2 <= x0 || d.1 >= x1);
    let beside = boxed.iter().any(|&k| {
        let r = runs[k];
        before.iter().any(|&j| (runs[j].0 - r.0).abs() <= r.3 * 0.3)
    });
    if !clear || !beside {
        return None;
    }
    // each box line after the last run of the line it stands on, else of the nearest line above
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); placed.len()];
    let mut moved = vec![false; placed.len()];
    for &k in boxed {
        let r = runs[k];
        let on_line = before
            .iter()
            .rev()
            .find(|&&j| (runs[j].0 - r.0).abs() <= r.3 * 0.5);
        let above = || {
            before
                .iter()
                .filter(|&&j| runs[j].0 < r.0)
                .max_by(|&&a, &&b| runs[a].0.total_cmp(&runs[b].0).then(a.cmp(&b)))
        };
        let &j = on_line.or_else(above)?;
        after[runs[j].5 - 1].extend(runs[k].4..runs[k].5);
        moved[runs[k].4..runs[k].5]
            .iter_mut()
            .for_each(|m| *m = true);
    }
    let mut order = Vec::with_capacity(placed.len());
    for i in 0..placed.len() {
        if !moved[i] {
            order.push(i);
            order.extend_from_slice(&after[i]);
        }
    }
    Some(order)
}

/// Where a landscape sheet holding two pages side by side ("2 pages per sheet", a booklet's
/// spread) divides them: every glyph upright, none in a band at the sheet's middle, text on
/// both halves, and the halves' text starting as far from each half's left edge. `None` for a
/// page of one layout (a landscape table crosses the middle; a two-column page split so would
/// read the same).
fn two_pages_a_sheet(glyphs: &[Glyph], (llx, lly, urx, ury): (f64, f64, f64, f64)) -> Option<f64> {
    let (width, height) = (urx - llx, ury - lly);
    if width < height * 1.2 || glyphs.iter().any(|g| g.turn != 0) {
        return None;
    }
    let middle = llx + width / 2.0;
    let band = width * 0.03;
    let crosses = |g: &Glyph| g.x < middle + band && g.x + g.width * g.size > middle - band;
    if glyphs.iter().any(crosses) {
        return None;
    }
    let left = glyphs.iter().filter(|g| g.x < middle);
    let right = glyphs.iter().filter(|g| g.x >= middle);
    let (nl, nr) = (left.clone().count(), right.clone().count());
    if nl < 40 || nr < 40 {
        return None;
    }
    let margin_l = left.map(|g| g.x).fold(f64::INFINITY, f64::min) - llx;
    let margin_r = right.map(|g| g.x).fold(f64::INFINITY, f64::min) - middle;
    ((margin_l - margin_r).abs() <= width * 0.03).then_some(middle)
}

/// Drops the glyphs that draw again a glyph drawn before at nearly the same place: bold as a
/// print driver emulates it for a font without a bold face (the text drawn twice, the second
/// time a fraction of a point to the right), a shadow, a producer's second pass over a line.
/// Read twice, "Beslutande⇥Beslutande" was no label and "§ 12§ 12" no head. Nearly the same
/// place is within a seventh of the size along the line and a tenth across it, drawn by another
/// text-showing operator: a word's letters are never each other's overstrike (a producer whose
/// widths read as zero, such as Typst's, sets a run's glyphs at one place: "Lomma").
fn drop_overstrikes(glyphs: &mut Vec<Glyph>, text: &str) {
    if glyphs.len() < 2 {
        return;
    }
    // (turn, text, bucket across the line) → (along, across, size, operator) of the glyphs drawn;
    // foldhash: std's SipHash was a twentieth of a cold parse here (three look-ups a glyph)
    type Drawn<'a> = foldhash::HashMap<(u8, &'a str, i64), Vec<(f64, f64, f64, usize)>>;
    let mut seen: Drawn = foldhash::HashMap::default();
    let mut keep = vec![true; glyphs.len()];
    let mut op = 0;
    for (i, g) in glyphs.iter().enumerate() {
        if g.word_start {
            op += 1;
        }
        // a glyph whose width reads as zero (Typst's PDFs, see `line_start`) stands where its
        // run's kerning puts it, not where it is seen: no place to judge
        if g.width <= 0.0 {
            continue;
        }
        let t = text.get(g.text.0 as usize..g.text.1 as usize).unwrap_or("");
        // along and across the line, whichever way it runs
        let (along, across) = if g.turn % 2 == 0 {
            (g.x, g.y)
        } else {
            (g.y, g.x)
        };
        let bucket = (across / (g.size * 0.1)).round() as i64;
        let again = (bucket - 1..=bucket + 1).any(|b| {
            seen.get(&(g.turn, t, b)).is_some_and(|v| {
                v.iter().any(|&(a, c, size, o)| {
                    o != op
                        && (a - along).abs() <= g.size / 7.0
                        && (c - across).abs() <= g.size * 0.1
                        && (size - g.size).abs() <= g.size * 0.05
                })
            })
        });
        if again {
            keep[i] = false;
        } else {
            seen.entry((g.turn, t, bucket))
                .or_default()
                .push((along, across, g.size, op));
        }
    }
    retain_kept(glyphs, &keep);
}

/// Drops a form's blank that was written on: a run of underscores ("Anslaget sätts upp
/// ______") with text drawn over it on its line, as Acrobat's Fill & Sign or a typewriter
/// fills one in. Read with it, the value came out between the blank's strokes
/// ("__2_0_2_5_-_0_2_-_2_1___") or glued to them ("__2025-02-21"), and no date was found.
/// A blank nothing was written on stays.
fn drop_filled_blanks(glyphs: &mut Vec<Glyph>, text: &str) {
    let is_blank = |g: &Glyph| text.get(g.text.0 as usize..g.text.1 as usize) == Some("_");
    if !glyphs.iter().any(is_blank) {
        return;
    }
    // runs of underscores in the stream, three or more on one line: (first, end)
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        if !is_blank(&glyphs[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < glyphs.len()
            && is_blank(&glyphs[j])
            && glyphs[j].turn == glyphs[i].turn
            && (glyphs[j].y - glyphs[i].y).abs() <= glyphs[i].size * 0.2
        {
            j += 1;
        }
        if j - i >= 3 {
            runs.push((i, j));
        }
        i = j;
    }
    let mut keep = vec![true; glyphs.len()];
    for &(a, b) in &runs {
        let first = glyphs[a];
        let (x0, x1) = glyphs[a..b]
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, r), g| {
                (l.min(g.x), r.max(g.x + g.width * g.size))
            });
        let written_on = glyphs.iter().enumerate().any(|(k, g)| {
            !(a..b).contains(&k)
                && g.turn == first.turn
                && !is_blank(g)
                && text
                    .get(g.text.0 as usize..g.text.1 as usize)
                    .is_some_and(|t| !t.trim().is_empty())
                && (g.y - first.y).abs() <= first.size * 0.6
                && g.x >= x0
                && g.x < x1
        });
        if written_on {
            keep[a..b].iter_mut().for_each(|k| *k = false);
        }
    }
    retain_kept(glyphs, &keep);
}

/// Drops the reference marks of footnotes, as Word sets them: a digit or two after a word, in
/// a type under four fifths of the word's size and raised by a fifth to seven tenths of it
/// ('vice ordförande¹', 'Kvarnbacken 2:14³'). Read as text, the mark glued itself to the word
/// ('Kvarnbacken 2:143') or, raised, opened a cell of its own. The word before is widened over
/// the mark, so what follows on the line keeps its gap to the word ('närheten⁵.' reads
/// 'närheten.'). A note's own number, at the start of its line at the page's foot, stays, and so
/// do 'm²' and 'm³'. Looked at only where a glyph is smaller than the one before it.
fn drop_footnote_marks(glyphs: &mut Vec<Glyph>, text: &str) {
    let digit = |g: &Glyph| {
        text.get(g.text.0 as usize..g.text.1 as usize)
            .is_some_and(|t| t.len() == 1 && t.as_bytes()[0].is_ascii_digit())
    };
    let mut keep = vec![true; glyphs.len()];
    let mut i = 1;
    while i < glyphs.len() {
        let (p, g) = (glyphs[i - 1], glyphs[i]);
        if g.size >= p.size * 0.8 || g.turn != 0 || p.turn != 0 || !digit(&g) {
            i += 1;
            continue;
        }
        let p_end = p.x + p.width * p.size;
        let raise = g.y - p.y;
        let after_word = text
            .get(p.text.0 as usize..p.text.1 as usize)
            .is_some_and(|t| !t.trim().is_empty());
        if !(p.size * 0.2..=p.size * 0.7).contains(&raise)
            || g.x < p_end - p.size * 0.3
            || g.x > p_end + p.size * 0.6
            || !after_word
        {
            i += 1;
            continue;
        }
        // the mark: digits at its size and height
        let mut j = i + 1;
        while j < glyphs.len()
            && digit(&glyphs[j])
            && (glyphs[j].size - g.size).abs() < 0.01
            && (glyphs[j].y - g.y).abs() < g.size * 0.1
        {
            j += 1;
        }
        // then back on the word's line, or a line of its own
        let back = glyphs
            .get(j)
            .is_none_or(|n| (n.y - p.y).abs() <= p.size * 0.1 || (n.y - g.y).abs() > p.size);
        let unit = j == i + 1
            && text.get(p.text.0 as usize..p.text.1 as usize) == Some("m")
            && matches!(
                text.get(g.text.0 as usize..g.text.1 as usize),
                Some("2" | "3")
            );
        if j - i <= 2 && back && !unit {
            let last = glyphs[j - 1];
            let end = last.x + last.width * last.size;
            if p.size > 0.0 && end > p_end {
                glyphs[i - 1].width = (end - p.x) / p.size;
            }
            keep[i..j].iter_mut().for_each(|k| *k = false);
        }
        i = j;
    }
    retain_kept(glyphs, &keep);
}

/// Keeps the glyphs whose `keep` is true; a dropped glyph that began a word hands the start on
/// to the next glyph kept.
fn retain_kept(glyphs: &mut Vec<Glyph>, keep: &[bool]) {
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut start = false;
    let mut k = 0;
    glyphs.retain_mut(|g| {
        let kept = keep[k];
        k += 1;
        if !kept {
            start |= g.word_start;
            return false;
        }
        if std::mem::take(&mut start) {
            g.word_start = true;
        }
        true
    });
}

/// The angle a page's upright text is turned by when the page was scanned askew and its OCR
/// drew each word turned with it (Tesseract writes a word's matrix so): the middle of its
/// glyphs' turns, when most of them are turned alike by between a fifth of a degree and ten
/// degrees; 0 for a page set straight (the text of nearly every page), whose layout is left as
/// it always was.
fn page_skew(glyphs: &[Glyph]) -> f64 {
    let mut turns: Vec<f32> = glyphs
        .iter()
        .filter(|g| g.turn == 0)
        .map(|g| g.skew)
        .collect();
    if turns.len() < 20 {
        return 0.0;
    }
    let mid = turns.len() / 2;
    let (_, median, _) = turns.select_nth_unstable_by(mid, f32::total_cmp);
    let median = f64::from(*median);
    let degree = std::f64::consts::PI / 180.0;
    if !(0.2 * degree..=10.0 * degree).contains(&median.abs()) {
        return 0.0;
    }
    let alike = turns
        .iter()
        .filter(|t| (f64::from(**t) - median).abs() <= 0.3 * degree)
        .count();
    if alike * 10 < turns.len() * 6 {
        return 0.0;
    }
    median
}

/// Glyphs a page may hold for its layout (a dense A4 page has ~6 000); the rest of a hostile
/// page is dropped rather than held in memory.
const MAX_GLYPHS_PER_PAGE: usize = 500_000;

/// What starts a line that continues a cell right of the row's first one: the tab that would
/// have stood before the cell's text had it been on the row's line.
const CONTINUATION: char = '\t';

/// A gap wider than this many ems on one line separates table cells, not words. Word gaps made
/// by positioning are 0.2–0.35 em; the narrowest cell gaps in the Itsam samples are ~0.46 em.
const CELL_GAP_EM: f64 = 0.42;
/// The same after an explicit space, which justified text widens with word spacing.
const CELL_GAP_AFTER_SPACE_EM: f64 = 1.5;

/// Insertions a page may have before a column jumping back up is written at the page's end
/// again: each moves the text after it, so a hostile page of thousands could cost time
/// quadratic in its length; a real cover has tens.
const MAX_INSERTS_PER_PAGE: usize = 256;

/// Text written into the page's earlier lines rather than at its end. Some producers write a
/// table column by column, or a cover as two text boxes (every label, then every value): a
/// value that jumps back up to the line of its label, with rows of their own below it, goes at
/// the end of that line, and the values after it at the end of the lines at their heights (a
/// value at a height no line has is its cell's next line), until the text goes below every
/// line written so far.
#[derive(Default)]
struct Insert {
    /// Where in the page's text `buf` goes.
    at: usize,
    buf: String,
    /// The lines begun in `buf`: where (in `buf`) and their y.
    lines: Vec<(usize, f64)>,
    /// The heights of the lines being filled in, from the first to the last: text above or
    /// below them goes on at the page's end.
    top: f64,
    floor: f64,
}

impl Insert {
    fn at(at: usize, top: f64, floor: f64) -> Self {
        Self {
            at,
            buf: "\t".to_owned(),
            lines: Vec::new(),
            top,
            floor,
        }
    }
}

impl PageText {
    /// Lays out the page's glyphs and returns its text. Each direction text runs in on the
    /// page is laid out on its own, in reading coordinates of that direction, in the order the
    /// directions first occur (on a turned page the running header is often drawn upright and
    /// the table turned: both read, one after the other).
    fn finish_page(&mut self) -> String {
        let mut glyphs = std::mem::take(&mut self.glyphs);
        let text = std::mem::take(&mut self.glyph_text);
        drop_overstrikes(&mut glyphs, &text);
        drop_filled_blanks(&mut glyphs, &text);
        drop_footnote_marks(&mut glyphs, &text);
        let mut turns: Vec<u8> = Vec::with_capacity(1);
        for g in &glyphs {
            if !turns.contains(&g.turn) {
                turns.push(g.turn);
            }
        }
        let (llx, lly, urx, ury) = self.media_box;
        // a page scanned askew: its upright text turned back about the page's middle
        let skew = page_skew(&glyphs);
        let (sin, cos) = (-skew).sin_cos();
        let (mx, my) = ((llx + urx) / 2.0, (lly + ury) / 2.0);
        for turn in turns {
            self.flush_insert();
            if !self.current.is_empty() && !self.current.ends_with('\n') {
                self.current.push('\n');
            }
            self.page_start = true;
            // Reading coordinates: x along the text, y down the lines. The upright case keeps
            // the formula the extraction has always used.
            let placed: Vec<(f64, f64, &Glyph)> = glyphs
                .iter()
                .filter(|g| g.turn == turn)
                .map(|g| {
                    let (x, y) = match turn {
                        0 if skew != 0.0 => {
                            let (dx, dy) = (g.x - mx, g.y - my);
                            (
                                mx + dx * cos - dy * sin,
                                self.page_height - (my + dx * sin + dy * cos),
                            )
                        }
                        0 => (g.x, self.page_height - g.y),
                        1 => (g.y - lly, g.x - llx),
                        2 => (urx - g.x, g.y - lly),
                        _ => (ury - g.y, urx - g.x),
                    };
                    (x, y, g)
                })
                .collect();
            let height = if turn % 2 == 0 {
                self.page_height
            } else {
                urx - llx
            };
            let order = reading_order(&placed, height).or_else(|| box_drawn_last(&placed, height));
            let mut prev: Option<usize> = None;
            for k in 0..placed.len() {
                let i = order.as_ref().map_or(k, |o| o[k]);
                let (x, y, g) = placed[i];
                let s = text.get(g.text.0 as usize..g.text.1 as usize).unwrap_or("");
                // laid out anew, a glyph whose neighbour in the stream is not the last one is
                // a word's start
                if g.word_start || prev.is_some_and(|p| p + 1 != i) {
                    self.word_start = true;
                }
                self.in_array = g.adjusted && prev.is_some_and(|p| p + 1 == i);
                prev = Some(i);
                self.place(x, y, g.size, g.width, g.invisible, s);
            }
        }
        self.flush_insert();
        // Keep the buffers' room for the next page.
        self.glyphs = glyphs;
        self.glyphs.clear();
        self.glyph_text = text;
        self.glyph_text.clear();
        std::mem::take(&mut self.current)
    }

    /// Where text goes now: the page's end, or an insertion into an earlier line.
    fn out(&mut self) -> &mut String {
        match &mut self.insert {
            Some(ins) => &mut ins.buf,
            None => &mut self.current,
        }
    }

    /// Writes an insertion into the page's text.
    fn flush_insert(&mut self) {
        let Some(ins) = self.insert.take() else {
            return;
        };
        self.inserts += 1;
        if ins.at > self.current.len() || !self.current.is_char_boundary(ins.at) {
            self.current.push_str(&ins.buf);
            return;
        }
        let n = ins.buf.len();
        for e in &mut self.line_starts {
            if e.0 > ins.at {
                e.0 += n;
            }
        }
        self.current.insert_str(ins.at, &ins.buf);
        self.line_starts
            .extend(ins.lines.iter().map(|&(off, y)| (ins.at + off, y)));
        self.line_starts.sort_by_key(|e| e.0);
    }

    /// The page's line at height `y`, if any; with `rows_below`, only one that has a line of its
    /// own (not a cell's next line) below it, as labels written before their values have.
    fn line_at(&self, y: f64, size: f64, rows_below: bool) -> Option<usize> {
        let k = self
            .line_starts
            .iter()
            .rposition(|&(_, ly)| (ly - y).abs() <= size * 0.3)?;
        if !rows_below {
            return Some(k);
        }
        // A column of labels: at least two lines below it, each of its own (no cell's next
        // line) and capitalised, as labels are; a table's wrapped cells and running text are not
        // filled in.
        let label_row = |at: usize| {
            let before = self.current.get(..at).unwrap_or_default();
            let first = self.current.get(at..).and_then(|r| r.chars().next());
            !before.ends_with(CONTINUATION) && first.is_some_and(char::is_uppercase)
        };
        let below = &self.line_starts[k + 1..];
        (below.len() >= 2 && below.iter().all(|&(at, _)| label_row(at))).then_some(k)
    }

    /// At the end of a line (the next begins at `x`): a header row of a table of marks gives
    /// its columns (see `mark_columns`); a line of running text, or one starting left of the
    /// table, ends the table.
    fn note_mark_columns(&mut self, x: f64, size: f64) {
        if self.insert.is_some() || self.line_continues {
            return;
        }
        let at = self
            .line_starts
            .last()
            .map_or(0, |&(at, _)| at)
            .min(self.current.len());
        let line = self.current.get(at..).unwrap_or_default();
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let header = self.line_cells.len() >= 3
            && cells.len() == self.line_cells.len()
            // headings are words ("Parti", "Ja", "Avstår", "Närv."); a row's marks and
            // parties ("X", "SD") are capitals only, and make no header
            && cells[1..].iter().all(|c| {
                (2..=8).contains(&c.chars().count())
                    && c.chars().all(|ch| ch.is_alphabetic() || ch == '.')
                    && c.chars().any(char::is_lowercase)
            });
        // a running header or footer (the page's top or bottom tenth) between a table's rows
        // on two pages ends no table
        let y = self.line_starts.last().map_or(0.0, |&(_, y)| y);
        let margin = y < self.page_height * 0.1 || y > self.page_height * 0.9;
        if header {
            self.mark_columns.clone_from(&self.line_cells);
        } else if !margin
            && self
                .mark_columns
                .first()
                .is_some_and(|first| x < first - size || (cells.len() == 1 && line.len() > 40))
        {
            self.mark_columns.clear();
        }
    }

    /// Where the page's line `k` ends.
    fn line_end(&self, k: usize) -> usize {
        let at = self.line_starts[k].0.min(self.current.len());
        self.current
            .get(at..)
            .and_then(|rest| rest.find('\n'))
            .map_or(self.current.len(), |e| at + e)
    }

    /// Before the text of a row's next cell, which a producer writes after all the lines of
    /// the row's first cell and so up on the row's first line: a first cell wrapped over lines
    /// ("Datum då anslaget sätts" / "upp på kommunens digitala" / "anslagstavla") is one label,
    /// so its lines that go on in lower case are joined. (A later cell's wrapped lines are left
    /// where they are: a name wrapped in its cell, "Joakim" / "Karlsson", reads right so.)
    fn next_cell_up(&mut self, y: f64, size: f64) {
        // The row's lines: the last lines of the page that are not above the new cell's top.
        let mut start = self.current.len();
        for &(at, line_y) in self.line_starts.iter().rev() {
            if line_y < y - size * 0.5 {
                break;
            }
            start = at;
        }
        let start = start.min(self.current.len());
        if !self.current.is_char_boundary(start) {
            return;
        }
        let row = &self.current[start..];
        if !row.contains('\t') && row.contains('\n') {
            // A '\n' becomes a space of the same length: only the joined lines' starts go.
            let mut joined = String::with_capacity(row.len());
            let mut gone: Vec<usize> = Vec::new();
            let mut chars = row.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let wraps = c == '\n' && chars.peek().is_some_and(|(_, n)| n.is_lowercase());
                if wraps {
                    gone.push(start + i + 1);
                }
                joined.push(if wraps { ' ' } else { c });
            }
            if !gone.is_empty() {
                self.current.truncate(start);
                self.current.push_str(&joined);
                self.line_starts.retain(|(at, _)| !gone.contains(at));
            }
        }
    }
}

impl pdf_extract::OutputDev for PageText {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        self.media_box = (media_box.llx, media_box.lly, media_box.urx, media_box.ury);
        self.current.clear();
        self.glyphs.clear();
        self.glyph_text.clear();
        self.page_start = true;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        // two pages printed on one sheet: each read as a page of its own
        if let Some(middle) = two_pages_a_sheet(&self.glyphs, self.media_box) {
            self.split_sheets = true;
            let glyphs = std::mem::take(&mut self.glyphs);
            let (left, right): (Vec<Glyph>, Vec<Glyph>) = glyphs.iter().partition(|g| g.x < middle);
            self.glyphs = left;
            let text = self.glyph_text.clone();
            let page = self.finish_page();
            self.pages.push(page);
            self.glyphs = right;
            self.glyph_text = text;
        }
        let page = self.finish_page();
        self.pages.push(page);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let word_start = std::mem::take(&mut self.word_start);
        if self.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            return Ok(());
        }
        // Which way the text runs: the text matrix's x axis, to the nearest quarter turn.
        let turn = if trm.m11.abs() >= trm.m12.abs() {
            if trm.m11 >= 0.0 { 0 } else { 2 }
        } else if trm.m12 > 0.0 {
            1
        } else {
            3
        };
        let size = if turn == 0 {
            let fx = font_size * (trm.m11 + trm.m21);
            let fy = font_size * (trm.m12 + trm.m22);
            (fx * fy).abs().sqrt()
        } else {
            // turned: the matrix's scale, whatever its direction
            font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt()
        };
        let size = if size.is_finite() && size > 0.5 {
            size
        } else {
            1.0
        };
        // The glyph's advance along its line, the text's horizontal scaling (`Tz`) in it: an
        // OCR stretches each word to the box it measured on the scan. (For text not scaled
        // this is `width * size`, as before.)
        let advance = width * font_size * trm.m11.hypot(trm.m12);
        let width = if advance.is_finite() {
            advance / size
        } else {
            width
        };
        let start = self.glyph_text.len() as u32;
        self.glyph_text.push_str(text);
        self.glyphs.push(Glyph {
            x: trm.m31,
            y: trm.m32,
            turn,
            size,
            width,
            word_start,
            invisible: self.invisible,
            adjusted: word_start && std::mem::take(&mut self.adjusted),
            skew: if turn == 0 {
                trm.m12.atan2(trm.m11) as f32
            } else {
                0.0
            },
            text: (start, self.glyph_text.len() as u32),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn text_adjusted(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.adjusted = true;
        Ok(())
    }

    fn text_render_mode(&mut self, mode: i64) -> Result<(), pdf_extract::OutputError> {
        self.invisible = matches!(mode, 3 | 7);
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

impl PageText {
    /// Writes one glyph at `x`, `y` in reading coordinates (y grows downwards) of the page
    /// being laid out.
    fn place(&mut self, x: f64, y: f64, size: f64, width: f64, invisible: bool, text: &str) {
        // An OCR's text layer draws each word it read by an operator of its own, at the place
        // it measured on the scan, without spaces: a word after a word is a word of its own
        // however near (a box's edge is the ink's, not the type's), and only a gap as wide as
        // a cover's between its columns is a cell's. (A producer that draws each glyph on its
        // own, one character an operator, is not read so.)
        let ocr_word = self.word_start && invisible && self.last_invisible && self.run_len >= 2;
        let in_array = self.in_array;
        self.last_invisible = invisible;
        self.run_len = if self.word_start { 1 } else { self.run_len + 1 };
        if self.page_start {
            self.page_start = false;
            self.line_start = x;
            self.cell_start = x;
            self.row_start = x;
            self.line_cells.clear();
            self.line_cells.push(x);
            self.row_cells.clear();
            self.line_continues = false;
            self.line_starts.clear();
            self.line_starts.push((self.current.len(), y));
            // a table of marks goes on overleaf without its header: its columns are kept
            self.insert = None;
            self.inserts = 0;
        } else if self.word_start {
            let dy = y - self.last_y;
            let gap = x - self.last_end;
            let in_insert = self.insert.is_some();
            if dy.abs() > size * 0.5 && !(dy < 0.0 && gap > 0.0) && in_insert {
                // Filling in a column beside rows written before (see `Insert`).
                let (top, floor) = self
                    .insert
                    .as_ref()
                    .map_or((0.0, 0.0), |i| (i.top, i.floor));
                if y > floor + size * 0.3 || y < top - size * 0.3 {
                    // out of the lines being filled in: on at the page's end
                    self.flush_insert();
                } else {
                    if self.line_at(y, size, false).is_some() {
                        // the line is found again once the insertion is in the text
                        self.flush_insert();
                        let k = self.line_at(y, size, false).unwrap_or_default();
                        self.insert = Some(Insert::at(self.line_end(k), top, floor));
                    } else if let Some(ins) = &mut self.insert {
                        // a line of its own in the column: the cell's next line
                        ins.buf.push('\n');
                        ins.buf.push(CONTINUATION);
                        ins.lines.push((ins.buf.len(), y));
                    }
                    self.line_start = x;
                    self.cell_start = x;
                    self.out().push_str(text);
                    self.word_start = false;
                    self.last_y = y;
                    self.last_end = x + width * size;
                    return;
                }
            }
            let s = self.out();
            if dy.abs() <= size * 0.5 {
                // After a space the gap may be justification (word spacing), so only a much
                // wider one counts as a cell boundary.
                let after_space = s.ends_with(' ');
                // so may a gap inside one TJ array (pdfTeX's justified lines draw no space)
                let cell_gap = if after_space || ocr_word || in_array {
                    CELL_GAP_AFTER_SPACE_EM
                } else {
                    CELL_GAP_EM
                };
                if gap > size * cell_gap {
                    if after_space {
                        s.pop();
                    }
                    // the columns of a table of marks this gap skips, each an empty cell: only
                    // before a mark, or a number on the totals row, so that a page's header
                    // under a table going on overleaf keeps its cells
                    let tol = size * 0.5;
                    let column_of =
                        |at: f64| self.mark_columns.iter().rposition(|c| *c <= at + tol);
                    let line_at = self
                        .line_starts
                        .last()
                        .map_or(0, |&(at, _)| at)
                        .min(self.current.len());
                    let mark = matches!(text, "X" | "x" | "✓" | "✔")
                        || (text.starts_with(|c: char| c.is_ascii_digit())
                            && self.insert.is_none()
                            && is_totals_row(self.current.get(line_at..).unwrap_or_default()));
                    let skipped = match (column_of(self.cell_start), column_of(x)) {
                        (Some(from), Some(to)) if mark && to > from + 1 => to - from - 1,
                        _ => 0,
                    };
                    let s = match &mut self.insert {
                        Some(ins) => &mut ins.buf,
                        None => &mut self.current,
                    };
                    for _ in 0..skipped {
                        s.push('\t');
                    }
                    s.push('\t');
                    self.cell_start = x;
                    self.line_cells.push(x);
                } else if gap > size * 0.1 || ocr_word && gap > -size * 0.2 {
                    s.push(' ');
                } else if gap < -size * 2.0 && !in_insert {
                    // Back to the left on the same line, well before the text written: a cell
                    // drawn after one right of it (a running header's centred cell drawn after
                    // its page number at the right margin). A cell of its own, not glued to
                    // the last word ("Sida 2 av 2Styrelsesammanträde 2025-10-15").
                    self.current.push('\t');
                    self.cell_start = x;
                    self.line_cells.push(x);
                }
            } else if dy < 0.0 && gap > 0.0 {
                // Up and to the right: the next cell of the same table row.
                self.flush_insert();
                self.next_cell_up(y, size);
                let room = self.inserts < MAX_INSERTS_PER_PAGE;
                match self.line_at(y, size, true).filter(|_| room) {
                    // up to a line with rows of their own below it: a column of values beside
                    // labels written before them, filled in line by line (see `Insert`)
                    Some(k) => {
                        let floor = self.line_starts[k..]
                            .iter()
                            .map(|&(_, ly)| ly)
                            .fold(y, f64::max);
                        self.insert = Some(Insert::at(self.line_end(k), y, floor));
                    }
                    None => self.current.push('\t'),
                }
                self.cell_start = x;
            } else {
                let back_to_start = x <= self.line_start.max(self.cell_start) + size * 0.25;
                let new_line = gap < 0.0 || back_to_start;
                // A line that starts where a later cell of the row began, right of the row's
                // first cell, is that cell's value wrapping ("…onsdagen den 17" / "september
                // 2025 kl. 08:30–11:45"): it keeps its column, as in `pdftotext -layout`, so
                // that it is not read as a line of its own.
                // So does one that starts where a later cell of the last row began (the left
                // cells of its row are empty).
                let in_later_column = || {
                    x > self.row_start + size * 2.0
                        && self
                            .row_cells
                            .iter()
                            .skip(1)
                            .any(|c| (x - c).abs() <= size * 0.25)
                };
                let continues_cell = new_line
                    && ((x - self.cell_start).abs() <= size * 0.25
                        && self.cell_start > self.row_start + size * 2.0
                        || in_later_column());
                if new_line {
                    self.note_mark_columns(x, size);
                    if !self.line_continues {
                        std::mem::swap(&mut self.row_cells, &mut self.line_cells);
                    }
                    self.line_cells.clear();
                    self.line_cells.push(x);
                    self.line_continues = continues_cell;
                }
                let s = self.out();
                if dy.abs() > size * 1.5 {
                    s.push('\n');
                }
                if new_line {
                    s.push('\n');
                    if continues_cell {
                        s.push(CONTINUATION);
                    }
                    self.line_start = x;
                    self.cell_start = x;
                } else if dy.abs() <= size * 1.5 {
                    // Slightly lower and to the right (a subscript, a cell top-aligned lower).
                    s.push(if gap > size * CELL_GAP_EM { '\t' } else { ' ' });
                }
                if new_line && !continues_cell {
                    self.row_start = x;
                }
                if new_line || dy.abs() > size * 1.5 {
                    match &mut self.insert {
                        Some(ins) => ins.lines.push((ins.buf.len(), y)),
                        None => self.line_starts.push((self.current.len(), y)),
                    }
                }
            }
        }
        self.out().push_str(text);
        self.word_start = false;
        self.last_y = y;
        self.last_end = x + width * size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page A4 document of `doc`'s objects: `page` is the page's dictionary but for its
    /// type, parent and media box (its contents, resources, annotations); the file's bytes.
    /// `bytes` (a document of `one_page`) with the catalogue's optional content properties
    /// set to `properties` (layers, their default configuration).
    fn with_optional_content(bytes: &[u8], properties: lopdf::Dictionary) -> Vec<u8> {
        let mut doc = lopdf::Document::load_mem(bytes).unwrap();
        let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
        doc.get_dictionary_mut(root)
            .unwrap()
            .set("OCProperties", properties);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn one_page(mut doc: lopdf::Document, mut page: lopdf::Dictionary) -> Vec<u8> {
        use lopdf::{Object, dictionary};
        let pages_id = doc.new_object_id();
        page.set("Type", "Page");
        page.set("Parent", pages_id);
        page.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
        );
        let page = doc.add_object(page);
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    fn sample(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/../../fixtures/samples/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    const SAMPLE_PDFS: [&str; 3] = [
        "itsam-direktionen-2021-11-18.pdf",
        "itsam-direktionen-2024-03-05.pdf",
        "itsam-direktionen-2025-03-27.pdf",
    ];

    #[test]
    fn empty_and_whitespace_are_empty() {
        assert_eq!(extract_text(b""), Err(ImportError::Empty));
        assert_eq!(extract_text(b"  \n\t\r\n\x0c "), Err(ImportError::Empty));
        assert_eq!(extract_text(b"\xef\xbb\xbf \n"), Err(ImportError::Empty));
        assert_eq!(
            extract_text("\u{a0}\u{feff}\n".as_bytes()),
            Err(ImportError::Empty)
        );
    }

    #[test]
    fn binary_junk_and_nuls_are_binary() {
        // A fixed pseudo-random byte string (xorshift), so the test needs no RNG crate.
        let mut x: u32 = 0x2545_f491;
        let junk: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        assert_eq!(extract_text(&junk), Err(ImportError::Binary));
        assert_eq!(
            extract_text(b"Direktionen\0\0\0beslutar"),
            Err(ImportError::Binary)
        );
        // An ELF header, a PNG header: control bytes.
        assert_eq!(
            extract_text(b"\x7fELF\x02\x01\x01\0\0\0\0\0"),
            Err(ImportError::Binary)
        );
        assert_eq!(
            extract_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"),
            Err(ImportError::Binary)
        );
        // Valid UTF-8 made of control characters is not text either.
        assert_eq!(extract_text(&[0x01; 64]), Err(ImportError::Binary));
    }

    #[test]
    fn utf8_with_bom_and_crlf() {
        let got = extract_text("\u{feff}Direktionen\r\n§ 1\r\nBeslut\r".as_bytes()).unwrap();
        assert_eq!(got.text, "Direktionen\n§ 1\nBeslut\n");
        assert_eq!(got.source, SourceKind::Text);
        assert!(got.warnings.is_empty());
    }

    #[test]
    fn text_encoded_twice_is_read_as_intended() {
        let intended = "Miljö- och hälsoskyddsnämnden § 14 kl. 08.30–11.40 Åsa Kärr, Ödén\n";
        let (twice, _, _) = encoding_rs::WINDOWS_1252.decode(intended.as_bytes());
        assert_eq!(undo_double_encoding(&twice).as_deref(), Some(intended));
        // once is as intended, and so is a stray 'Ã' among letters Windows-1252 cannot hold
        assert_eq!(undo_double_encoding(intended), None);
        assert_eq!(undo_double_encoding("JoÃ£o ÃÃÃ Łódź\n"), None);
    }

    #[test]
    fn an_emails_quoted_printable_parts_are_decoded() {
        let mail = "From: Jenny Wahl <jw@example.se>\nMIME-Version: 1.0\n\
            Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n\
            Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n\
            Sammantr=C3=A4desdatum: 2026-02-24 =E2=80=93 ers=C3=A4ttare f=C3=B6r Lisa F=\n\
            =C3=A4lt\n=C2=A7 11 Val av justerare\n--b1\n\
            Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n\
            N=E4mnden\n--b1--\n";
        assert_eq!(
            from_quoted_printable(mail).as_deref(),
            Some(
                "From: Jenny Wahl <jw@example.se>\nMIME-Version: 1.0\n\
                 Content-Type: multipart/mixed; boundary=\"b1\"\n\n\n\n\n\n\
                 Sammanträdesdatum: 2026-02-24 – ersättare för Lisa Fält\n§ 11 Val av justerare\n\
                 \n\n\n\nNämnden\n\n"
            )
        );
        assert_eq!(decode_text(mail.as_bytes()).unwrap().1.len(), 1);
        assert_eq!(from_quoted_printable("Tid: 15.00=17.40\n§ 1"), None);
    }

    #[test]
    fn dos_text_in_code_page_850_is_decoded_with_a_warning() {
        // "Sammanträdesprotokoll", "Åsby", "§ 12", "Östen Lindqvist (c)" as a DOS program wrote
        // them: Windows-1252 would refuse the 0x8F of 'Å' and read 'ä' as '„'
        let bytes =
            b"\x8fSBY KOMMUN   SAMMANTR\x8eDESPROTOKOLL\r\nSammantr\x84desdatum 1992-10-20\r\n\
                      \x99sten Lindqvist (c)\r\n\xf5 101   Val av justerare\r\n";
        let (text, warnings) = decode_text(bytes).unwrap();
        assert!(text.starts_with("ÅSBY KOMMUN   SAMMANTRÄDESPROTOKOLL"));
        assert!(text.contains("Sammanträdesdatum"));
        assert!(text.contains("Östen Lindqvist"));
        assert!(text.contains("§ 101"));
        assert_eq!(warnings.len(), 1);
        // Windows-1252's Swedish text stays Windows-1252
        let (text, _) =
            decode_text(b"Sammantr\xe4desdatum 2024-03-05, \xc5sa \xd6berg, \x96 ok").unwrap();
        assert_eq!(text, "Sammanträdesdatum 2024-03-05, Åsa Öberg, – ok");
    }

    #[test]
    fn mac_roman_text_is_decoded_with_a_warning() {
        // "Sammanträdesdatum", "Åsa Lindén", "Ö-vik", "§ 21" as a classic Macintosh wrote them,
        // lines ended by CR alone: code page 850 would read 'ä' as 'è', Windows-1252 as 'Š'
        let bytes = b"Fritidsn\x8amnden\tSammantr\x8adesdatum 1998-04-16\r\x81sa Lind\x8en (s)\r\
                      \x85stra Kn\x9aset\r\xa4 21\tBidrag f\x9ar \x8cret\r";
        let (text, warnings) = decode_text(bytes).unwrap();
        assert_eq!(
            text,
            "Fritidsnämnden\tSammanträdesdatum 1998-04-16\rÅsa Lindén (s)\rÖstra Knöset\r§ 21\tBidrag för året\r"
        );
        assert_eq!(warnings.len(), 1);
        // code page 850's Swedish text stays code page 850, Windows-1252's Windows-1252
        let (text, _) = decode_text(b"Sammantr\x84desdatum, \x8fsa \x99berg, \x86r").unwrap();
        assert_eq!(text, "Sammanträdesdatum, Åsa Öberg, år");
        let (text, _) = decode_text(b"Sammantr\xe4desdatum, \xc5sa \xd6berg, \xe5r").unwrap();
        assert_eq!(text, "Sammanträdesdatum, Åsa Öberg, år");
    }

    #[test]
    fn latin1_text_is_decoded_with_a_warning() {
        let got =
            extract_text(b"Direktionen beslutar att godk\xe4nna \xe5rsbokslut \xa7 1\r\n").unwrap();
        assert_eq!(
            got.text,
            "Direktionen beslutar att godkänna årsbokslut § 1\n"
        );
        assert_eq!(got.warnings.len(), 1);
        // Windows-1252 punctuation (en dash 0x96) too.
        let got = extract_text(b"kl. 13:00 \x96 14:45 i V\xe4xj\xf6").unwrap();
        assert_eq!(got.text, "kl. 13:00 – 14:45 i Växjö");
    }

    #[test]
    fn mostly_high_bytes_are_binary_not_latin1() {
        let bytes: Vec<u8> = (0..400)
            .map(|i| if i % 3 == 0 { b'a' } else { 0xe5 })
            .collect();
        assert_eq!(extract_text(&bytes), Err(ImportError::Binary));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Direktionen § 1\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(extract_text(&bytes).unwrap().text, "Direktionen § 1\n");
    }

    #[test]
    fn normalise_nfc_spaces_ligatures_soft_hyphens() {
        // "o" + combining diaeresis → "ö"; NBSP and narrow NBSP → space; ﬁ → fi; soft hyphen out.
        let got =
            normalise("Jo\u{308}nko\u{308}ping\u{a0}§\u{202f}1 ﬁnansiering upp\u{ad}följning\r\n");
        assert_eq!(got, "Jönköping § 1 finansiering uppföljning\n");
        // at a line end (a PDF's line break, a text export's), the word is joined
        let got = normalise("för sä\u{ad} \r\n\tkerheten ska förbätt\u{ad}\nras.\n");
        assert_eq!(got, "för säkerheten\n\tska förbättras.\n\n");
    }

    #[test]
    fn sample_pdfs_read_in_order_with_form_feeds() {
        for name in SAMPLE_PDFS {
            let got = extract_text(&sample(name)).unwrap();
            assert_eq!(got.source, SourceKind::Pdf, "{name}");
            assert!(got.warnings.is_empty(), "{name}: {:?}", got.warnings);
            assert!(got.text.contains("Direktionen"), "{name}");
            // The 2021 minutes number their paragraphs from § 59.
            let first = if name.contains("2021") {
                "§ 59"
            } else {
                "§ 1"
            };
            assert!(got.text.contains(first), "{name}");
            assert!(got.pages >= 15, "{name}");
            assert_eq!(got.text.matches('\u{c}').count(), got.pages, "{name}");
            assert!(got.text.ends_with('\u{c}'), "{name}");
            assert!(
                !got.text.contains('\r') && !got.text.contains('\u{a0}'),
                "{name}"
            );
            assert!(
                !got.text.lines().any(|l| l.ends_with(' ')),
                "{name}: trailing space"
            );
            // The header block keeps label and value on one line, as in the text export.
            assert!(got.text.contains("Plats och tid\t"), "{name}");
        }
        // Table rows stay rows: one ärendelista line per paragraph.
        let got = extract_text(&sample("itsam-direktionen-2024-03-05.pdf")).unwrap();
        assert!(
            got.text
                .contains("§ 1\tInformation angående säkerhetsarbetet\tITSAM 2024/25\t3\n")
        );
        assert!(got.text.contains(
            "Datum då anslaget sätts upp\t2024-03-11\tDatum då anslaget tas ned\t2024-04-02"
        ));
    }

    #[test]
    fn sample_pdf_reads_like_its_text_export() {
        // Same words in the same order as the text export (whitespace aside).
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        let pdf = extract_text(&sample("itsam-direktionen-2024-03-05.pdf")).unwrap();
        let txt = extract_text(&sample("itsam-direktionen-2024-03-05.txt")).unwrap();
        let (a, b) = (words(&pdf.text), words(&txt.text));
        let at = a.iter().zip(&b).position(|(x, y)| x != y);
        assert!(
            at.is_none() && a.len() == b.len(),
            "first difference at word {at:?}: pdf {:?} / text {:?}",
            at.map(|i| &a[i.saturating_sub(8)..(i + 8).min(a.len())]),
            at.map(|i| &b[i.saturating_sub(8)..(i + 8).min(b.len())]),
        );
    }

    #[test]
    fn junk_before_the_header_is_skipped() {
        let mut bytes = b"\xef\xbb\xbfsome junk\r\n".to_vec();
        bytes.extend(sample(SAMPLE_PDFS[1]));
        let got = extract_text(&bytes).unwrap();
        assert_eq!(got.source, SourceKind::Pdf);
        assert!(got.text.contains("Direktionen"));
        // A header after the first 1024 bytes does not count; this is then binary junk.
        let mut bytes = vec![0x01; 2000];
        bytes.extend(sample(SAMPLE_PDFS[1]));
        assert_eq!(extract_text(&bytes), Err(ImportError::Binary));
    }

    #[test]
    fn truncated_pdf_is_damaged() {
        let bytes = sample(SAMPLE_PDFS[1]);
        let got = extract_text(&bytes[..2048]);
        assert_eq!(
            got,
            Err(ImportError::PdfDamaged(
                "the file is truncated or its cross-reference table is broken".into()
            ))
        );
        assert!(matches!(
            extract_text(&bytes[..bytes.len() / 2]),
            Err(ImportError::PdfDamaged(_))
        ));
    }

    #[test]
    fn garbage_after_the_header_is_damaged() {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend((0..3000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert!(matches!(
            extract_text(&bytes),
            Err(ImportError::PdfDamaged(_))
        ));
        assert!(matches!(
            extract_text(b"%PDF-"),
            Err(ImportError::PdfDamaged(_))
        ));
    }

    #[test]
    fn encrypted_pdfs() {
        for name in ["bad/encrypted-aes256.pdf", "bad/encrypted-rc4-128.pdf"] {
            assert_eq!(
                extract_text(&fixture(name)),
                Err(ImportError::PdfEncrypted),
                "{name}"
            );
        }
        // An empty user password (only an owner password set) opens it: read it.
        let got = extract_text(&fixture("encrypted-empty-user-password.pdf")).unwrap();
        assert_eq!(got.text, "Direktionen\n\n§ 1 Information\n\u{c}");
    }

    #[test]
    fn image_only_pdf_has_no_text() {
        assert_eq!(
            extract_text(&fixture("bad/image-only.pdf")),
            Err(ImportError::PdfNoText)
        );
    }

    #[test]
    fn pdf_extract_panic_falls_back_to_lopdf() {
        // pdf-extract panics (`expect("MediaBox")`) on a page without a MediaBox; lopdf copes.
        let bytes = fixture("tiny-text.pdf");
        let media_box = b"/MediaBox [0 0 595 842]";
        let at = bytes
            .windows(media_box.len())
            .position(|w| w == media_box)
            .unwrap();
        let mut broken = bytes.clone();
        broken[at..at + media_box.len()].fill(b' ');
        let got = extract_text(&broken).unwrap();
        assert!(got.text.contains("Direktionen"));
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    }

    #[test]
    fn a_decompression_bomb_fails_its_page_alone() {
        // A second page whose content is 80 MiB of spaces, flate-compressed twice into 277
        // bytes: unbounded, it would be inflated in full; bounded, the page fails and the rest
        // of the document is read.
        let mut doc = lopdf::Document::load_mem(&fixture("tiny-text.pdf")).unwrap();
        let bomb = fixture("flate-bomb-80mib-of-spaces.bin");
        let filters = vec![
            lopdf::Object::Name(b"FlateDecode".to_vec()),
            lopdf::Object::Name(b"FlateDecode".to_vec()),
        ];
        let content = doc.add_object(lopdf::Stream::new(
            lopdf::dictionary! { "Filter" => filters },
            bomb,
        ));
        let first = *doc.get_pages().values().next().unwrap();
        let mut page = doc.get_dictionary(first).unwrap().clone();
        page.set("Contents", content);
        let page = doc.add_object(page);
        let pages_id = doc
            .catalog()
            .unwrap()
            .get(b"Pages")
            .unwrap()
            .as_reference()
            .unwrap();
        let pages = doc.get_dictionary_mut(pages_id).unwrap();
        pages
            .get_mut(b"Kids")
            .unwrap()
            .as_array_mut()
            .unwrap()
            .push(page.into());
        pages.set("Count", 2);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();

        let got = extract_text(&bytes).unwrap();
        assert!(got.text.contains("Direktionen"), "{:?}", got.text);
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        assert!(
            got.warnings[0].starts_with("page 2 could not be read"),
            "{:?}",
            got.warnings
        );
    }

    #[test]
    fn an_ocr_layer_reads_its_words_apart_and_its_columns_as_cells() {
        // A scan's text layer: invisible (3 Tr), each word an operator of its own at the place
        // the OCR measured, stretched to its box (Tz), no space drawn. A word's box ends at its
        // ink, so the next may start a hair before the end of the last one's advance.
        use lopdf::{Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        // Helvetica at 10 pt: "Plats" 2.223 em, "och" 1.612, "tid" 1.056, stretched by 1.2 to
        // 26.7, 19.3 and 12.7 pt; "Kommunhuset," 6.725 em. "och" starts 0.2 pt before "Plats"
        // ends, "tid" 0.2 pt after "och"; the value's column 16 pt (1.6 em) after "tid"; "kl"
        // 0.25 pt before "Kommunhuset," ends.
        let words = [
            (50.0, 120, "Plats"),
            (76.5, 120, "och"),
            (96.0, 120, "tid"),
            (125.0, 100, "Kommunhuset,"),
            (192.0, 100, "kl"),
        ];
        let mut content = String::from("3 Tr ");
        for (x, tz, w) in words {
            content.push_str(&format!(
                "BT /F1 10 Tf {tz} Tz 1 0 0 1 {x} 700 Tm ({w}) Tj ET "
            ));
        }
        let content = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let bytes = one_page(
            doc,
            dictionary! {
                "Contents" => content,
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            },
        );

        let got = extract_text(&bytes).unwrap();
        assert_eq!(got.text, "Plats och tid\tKommunhuset, kl\n\u{c}");
    }

    /// Upright glyphs of one character each, a word's letters one after the other: (x, y from
    /// the page's foot, size, text).
    fn glyphs(runs: &[(f64, f64, f64, &str)]) -> (Vec<Glyph>, String) {
        let (mut out, mut text) = (Vec::new(), String::new());
        for &(x, y, size, word) in runs {
            for (k, ch) in word.chars().enumerate() {
                let start = text.len() as u32;
                text.push(ch);
                out.push(Glyph {
                    x: x + k as f64 * size * 0.5,
                    y,
                    turn: 0,
                    size,
                    width: 0.5,
                    word_start: k == 0,
                    invisible: false,
                    adjusted: false,
                    skew: 0.0,
                    text: (start, text.len() as u32),
                });
            }
        }
        (out, text)
    }

    #[test]
    fn a_word_overstruck_for_bold_is_read_once() {
        // "§ 12" drawn twice, the second 0.45 pt to the right; then "Val" once, and a second
        // "1" further on the line (no overstrike)
        let (mut gs, text) = glyphs(&[
            (60.0, 700.0, 10.0, "§ 12"),
            (60.45, 700.0, 10.0, "§ 12"),
            (100.0, 700.0, 10.0, "Val 1"),
        ]);
        drop_overstrikes(&mut gs, &text);
        let read: String = gs
            .iter()
            .map(|g| &text[g.text.0 as usize..g.text.1 as usize])
            .collect();
        assert_eq!(read, "§ 12Val 1");
        assert!(gs[0].word_start && gs[4].word_start);
        // a run whose glyphs all stand at one place (widths read as zero) keeps its letters
        let (mut gs, text) = glyphs(&[(60.0, 700.0, 10.0, "Lomma")]);
        for g in &mut gs {
            g.x = 60.0;
        }
        drop_overstrikes(&mut gs, &text);
        assert_eq!(gs.len(), 5);
    }

    #[test]
    fn a_blank_written_on_goes_and_an_empty_one_stays() {
        let read = |runs: &[(f64, f64, f64, &str)]| {
            let (mut gs, text) = glyphs(runs);
            drop_filled_blanks(&mut gs, &text);
            gs.iter()
                .map(|g| &text[g.text.0 as usize..g.text.1 as usize])
                .collect::<String>()
        };
        // "______" from x 100 (5 pt a stroke), the date typed over it 1.5 pt higher
        assert_eq!(
            read(&[
                (100.0, 700.0, 10.0, "__________"),
                (104.0, 701.5, 10.0, "2025")
            ]),
            "2025"
        );
        assert_eq!(read(&[(100.0, 700.0, 10.0, "__________")]), "__________");
        // text on another line, or beside the blank, writes nothing on it
        assert_eq!(
            read(&[
                (100.0, 700.0, 10.0, "____"),
                (100.0, 680.0, 10.0, "X"),
                (130.0, 700.0, 10.0, "Y")
            ]),
            "____XY"
        );
    }

    #[test]
    fn a_page_scanned_askew_is_turned_back() {
        let degree = std::f32::consts::PI / 180.0;
        let (mut gs, _) = glyphs(&[(50.0, 700.0, 10.0, "Sammanträdesdatum 1995-10-09")]);
        assert_eq!(page_skew(&gs), 0.0);
        gs.iter_mut().for_each(|g| g.skew = 1.4 * degree);
        assert!((page_skew(&gs) - f64::from(1.4 * degree)).abs() < 1e-6);
        // a line or two turned on a straight page (a stamp), or a page turned by a quarter
        gs.iter_mut().take(20).for_each(|g| g.skew = 0.0);
        assert_eq!(page_skew(&gs), 0.0);
    }

    #[test]
    fn a_booklets_pages_go_in_their_printed_order() {
        let page = |k: usize| format!("Hagby kommun\tSida {k} av 4\ntext {k}\n");
        let mut pages: Vec<String> = [4, 1, 2, 3].into_iter().map(page).collect();
        in_printed_order(&mut pages);
        assert_eq!(pages, (1..=4).map(page).collect::<Vec<_>>());
        // a page without its number, or numbers not one to the count: as they came
        let mut pages = vec![page(2), "text\n".to_string(), page(1), page(3)];
        let before = pages.clone();
        in_printed_order(&mut pages);
        assert_eq!(pages, before);
        let mut pages: Vec<String> = [4, 1, 1, 3].into_iter().map(page).collect();
        let before = pages.clone();
        in_printed_order(&mut pages);
        assert_eq!(pages, before);
    }

    #[test]
    fn a_sheet_of_two_pages_is_split_at_its_middle() {
        let landscape = (0.0, 0.0, 842.0, 595.0);
        let page = |dx: f64| -> Vec<(f64, f64, f64, &str)> {
            (0..6)
                .map(|k| {
                    (
                        40.0 + dx,
                        500.0 - 20.0 * k as f64,
                        8.0,
                        "Sammanträdesprotokoll",
                    )
                })
                .collect()
        };
        let (two, _) = glyphs(&[page(0.0), page(421.0)].concat());
        assert_eq!(two_pages_a_sheet(&two, landscape), Some(421.0));
        // a landscape table's row crossing the middle; a portrait page; one page on the sheet
        let mut wide = page(0.0);
        wide.extend(page(421.0));
        wide.push((300.0, 100.0, 8.0, "Ledamot som sträcker sig över mitten"));
        let (wide, _) = glyphs(&wide);
        assert_eq!(two_pages_a_sheet(&wide, landscape), None);
        assert_eq!(two_pages_a_sheet(&two, (0.0, 0.0, 595.0, 842.0)), None);
        let (one, _) = glyphs(&page(0.0));
        assert_eq!(two_pages_a_sheet(&one, landscape), None);
    }

    #[test]
    fn a_page_drawn_out_of_order_is_read_line_by_line() {
        let order = |runs: &[(f64, f64, f64, &str)]| {
            let (gs, text) = glyphs(runs);
            let placed: Vec<(f64, f64, &Glyph)> =
                gs.iter().map(|g| (g.x, 842.0 - g.y, g)).collect();
            reading_order(&placed, 842.0).map(|o| {
                let mut lines: Vec<String> = Vec::new();
                let mut last_y = f64::NAN;
                for i in o {
                    let g = placed[i].2;
                    if placed[i].1 != last_y {
                        lines.push(String::new());
                        last_y = placed[i].1;
                    }
                    let ch = &text[g.text.0 as usize..g.text.1 as usize];
                    lines.last_mut().unwrap().push_str(ch);
                }
                lines
            })
        };
        // bold first (heads and labels), then the regular text between them
        let bold_first = [
            (60.0, 700.0, 10.0, "§1"),
            (60.0, 640.0, 10.0, "§2"),
            (60.0, 580.0, 10.0, "§3"),
            (60.0, 685.0, 10.0, "ab"),
            (60.0, 625.0, 10.0, "cd"),
            (60.0, 565.0, 10.0, "ef"),
        ];
        assert_eq!(
            order(&bold_first),
            Some(
                vec!["§1", "ab", "§2", "cd", "§3", "ef"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )
        );
        // two text columns, the left one first; values after their labels: as drawn
        let columns = [
            (60.0, 700.0, 10.0, "a1"),
            (60.0, 685.0, 10.0, "a2"),
            (60.0, 670.0, 10.0, "a3"),
            (320.0, 700.0, 10.0, "b1"),
            (320.0, 685.0, 10.0, "b2"),
            (320.0, 670.0, 10.0, "b3"),
        ];
        assert_eq!(order(&columns), None);
    }

    #[test]
    fn a_text_box_drawn_last_goes_in_beside_its_lines() {
        let lines = |runs: &[(f64, f64, f64, &str)]| {
            let (gs, text) = glyphs(runs);
            let placed: Vec<(f64, f64, &Glyph)> =
                gs.iter().map(|g| (g.x, 842.0 - g.y, g)).collect();
            box_drawn_last(&placed, 842.0).map(|o| {
                let mut read = String::new();
                let mut last: Option<(usize, f64)> = None;
                for i in o {
                    let (_, y, g) = placed[i];
                    match last {
                        Some((_, ly)) if y != ly => read.push('\n'),
                        Some((j, _)) if j + 1 != i => read.push('|'),
                        _ => {}
                    }
                    last = Some((i, y));
                    read.push_str(&text[g.text.0 as usize..g.text.1 as usize]);
                }
                read
            })
        };
        let text = "Text going on below the head, forty char";
        // a paragraph's head and text, then the box with the Dnr beside the head
        let page = [
            (60.0, 700.0, 12.0, "§ 18"),
            (60.0, 684.0, 12.0, "Taxa"),
            (60.0, 660.0, 10.0, text),
            (60.0, 646.0, 10.0, text),
            (60.0, 632.0, 10.0, text),
            (400.0, 700.0, 10.0, "Diarienummer"),
            (400.0, 684.0, 10.0, "RN 2025/012"),
        ];
        let read = lines(&page).expect("a box");
        assert!(
            read.starts_with("§ 18|Diarienummer\nTaxa|RN 2025/012\nText"),
            "{read}"
        );
        // a page that ends at its lowest line is as drawn
        assert_eq!(lines(&page[..5]), None);
        // a short right-hand column drawn after the left one, as wide as it: as drawn
        let columns = [
            (60.0, 700.0, 10.0, text),
            (60.0, 686.0, 10.0, text),
            (60.0, 672.0, 10.0, text),
            (60.0, 658.0, 10.0, text),
            (60.0, 644.0, 10.0, text),
            (300.0, 700.0, 10.0, text),
            (300.0, 686.0, 10.0, text),
        ];
        assert_eq!(lines(&columns), None);
    }

    #[test]
    fn a_footnotes_mark_is_dropped_and_its_note_kept() {
        let read = |runs: &[(f64, f64, f64, &str)]| {
            let (mut gs, text) = glyphs(runs);
            drop_footnote_marks(&mut gs, &text);
            gs.iter()
                .map(|g| &text[g.text.0 as usize..g.text.1 as usize])
                .collect::<String>()
        };
        // 'ordförande' (10 pt, ten glyphs 5 pt wide) with '1' raised in 6.5 pt, then '.'
        let (mut gs, text) = glyphs(&[
            (60.0, 700.0, 10.0, "ordförande"),
            (110.0, 703.3, 6.5, "1"),
            (113.25, 700.0, 10.0, "."),
        ]);
        drop_footnote_marks(&mut gs, &text);
        assert_eq!(gs.len(), 11);
        // the word reaches over the mark: the '.' is no word of its own
        assert!((gs[9].x + gs[9].width * gs[9].size - 113.25).abs() < 0.01);
        // two digits; a mark at the line's end
        assert_eq!(
            read(&[(60.0, 700.0, 10.0, "2:14"), (80.0, 703.3, 6.5, "12")]),
            "2:14"
        );
        // m² stays; so does the note's own number at the start of its line, and a smaller
        // digit on the line's baseline
        assert_eq!(
            read(&[(60.0, 700.0, 10.0, "120 m"), (85.0, 703.3, 6.5, "2")]),
            "120 m2"
        );
        assert_eq!(
            read(&[
                (60.0, 700.0, 10.0, "text"),
                (60.0, 90.0, 5.2, "1"),
                (64.0, 88.0, 8.0, " Note")
            ]),
            "text1 Note"
        );
        assert_eq!(
            read(&[(60.0, 700.0, 10.0, "Sida"), (80.0, 700.0, 7.0, "2")]),
            "Sida2"
        );
    }

    #[test]
    fn a_form_xobject_is_read_where_the_page_places_it() {
        // A stamp drawn as a form of its own coordinates, placed by a `cm` at the page's top
        // right: read beside the top line, not at the page's origin.
        use lopdf::{Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        let stamp = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 200.into(), 30.into()],
                "Resources" => resources.clone(),
            },
            b"BT /F1 10 Tf 5 10 Td (Justerat) Tj ET".to_vec(),
        ));
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"BT /F1 10 Tf 50 800 Td (Kommunstyrelsen) Tj 0 -20 Td (Protokoll) Tj 0 -20 Td (Beslutande) Tj ET q 1 0 0 1 300 790 cm /S1 Do Q BT /F1 10 Tf 50 100 Td (Sida 1) Tj ET"
                .to_vec(),
        ));
        let mut page_resources = resources.clone();
        page_resources.set("XObject", dictionary! { "S1" => stamp });
        let bytes = one_page(
            doc,
            dictionary! {
                "Contents" => content,
                "Resources" => page_resources,
            },
        );

        let got = extract_text(&bytes).unwrap();
        assert!(
            got.text.starts_with("Kommunstyrelsen\tJusterat\n"),
            "{:?}",
            got.text
        );
    }

    /// A one-page PDF whose text is `content` in a print driver's Type3 font `/T`: glyphs 'a'
    /// and 'b', glyph space a hundredth of text space, each glyph 0.55 em wide by its `d1`,
    /// and `widths` as its /Widths (in hundredths) for /FirstChar 97 … /LastChar 98.
    fn type3_page(widths: Vec<lopdf::Object>, content: &[u8]) -> Vec<u8> {
        use lopdf::{Object, Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.4");
        let proc_ = doc.add_object(Stream::new(dictionary! {}, b"55 0 0 0 50 70 d1".to_vec()));
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type3",
            "FontBBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
            "CharProcs" => dictionary! { "a" => proc_, "b" => proc_ },
            "Encoding" => dictionary! {
                "Type" => "Encoding",
                "Differences" => vec![97.into(), Object::Name(b"a".to_vec()), Object::Name(b"b".to_vec())],
            },
            "FirstChar" => 97, "LastChar" => 98,
            "Widths" => widths,
            "Resources" => dictionary! {},
        });
        let content = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        one_page(
            doc,
            dictionary! {
                "Contents" => content,
                "Resources" => dictionary! { "Font" => dictionary! { "T" => font } },
            },
        )
    }

    #[test]
    fn a_type3_fonts_widths_are_read_through_its_font_matrix() {
        // Widths in hundredths (55 = 0.55 em). Words placed one by one a space apart read as
        // words, not as cells (read as thousandths, every word seemed ten times narrower).
        // "aaaa" is 22 pt at 10 pt; the next word 3 pt after it
        let bytes = type3_page(
            vec![55.into(), 55.into()],
            b"BT /T 10 Tf 1 0 0 1 50 700 Tm (aaaa) Tj ET BT /T 10 Tf 1 0 0 1 75 700 Tm (bb) Tj ET",
        );
        let got = extract_text(&bytes).unwrap();
        assert_eq!(got.text, "aaaa bb\n\u{c}");
    }

    #[test]
    fn a_type3_fonts_widths_short_of_its_last_char_are_read_from_its_glyph_procedures() {
        // A driver wrote the font's /Widths when it first used it and added glyphs later:
        // /LastChar counts 'b', /Widths stops at 'a', 'b's width is only in its d1. The page is
        // read (it failed to the fallback extractor, which ran the words together).
        let bytes = type3_page(
            vec![55.into()],
            b"BT /T 10 Tf 1 0 0 1 50 700 Tm (aaaa) Tj ET BT /T 10 Tf 1 0 0 1 75 700 Tm (bbbb) Tj ET BT /T 10 Tf 1 0 0 1 100 700 Tm (ab) Tj ET",
        );
        let got = extract_text(&bytes).unwrap();
        assert_eq!(got.text, "aaaa bbbb ab\n\u{c}");
        assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    }

    #[test]
    fn optional_content_turned_off_is_not_read() {
        // A draft's layer left in the file and turned off by the default view (/D /OFF): text
        // marked with it (`/OC /name BDC`), with a membership dictionary of it (AnyOn), and a
        // form XObject carrying it (/OC) are not read; a layer that is on is.
        use lopdf::{Object, Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let on = doc
            .add_object(dictionary! { "Type" => "OCG", "Name" => Object::string_literal("Text") });
        let off = doc.add_object(
            dictionary! { "Type" => "OCG", "Name" => Object::string_literal("Utkast") },
        );
        let md = doc.add_object(
            dictionary! { "Type" => "OCMD", "OCGs" => vec![off.into()], "P" => "AnyOn" },
        );
        let resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        let mark = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form", "OC" => off,
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => resources.clone(),
            },
            b"BT /F1 60 Tf 150 400 Td (UTKAST) Tj ET".to_vec(),
        ));
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"/OC /On BDC BT /F1 10 Tf 50 800 Td (Justerare) Tj ET EMC /OC /Off BDC BT /F1 10 Tf 150 800 Td (Ej utsedd) Tj ET EMC /OC /Md BDC BT /F1 10 Tf 50 780 Td (Kolla namnet) Tj ET EMC BT /F1 10 Tf 150 800 Td (Per Alm) Tj ET /M1 Do"
                .to_vec(),
        ));
        let mut page_resources = resources.clone();
        page_resources.set("XObject", dictionary! { "M1" => mark });
        page_resources.set(
            "Properties",
            dictionary! { "On" => on, "Off" => off, "Md" => md },
        );
        let bytes = one_page(
            doc,
            dictionary! { "Contents" => content, "Resources" => page_resources },
        );
        let bytes = with_optional_content(
            &bytes,
            dictionary! {
                "OCGs" => vec![on.into(), off.into()],
                "D" => dictionary! { "ON" => vec![on.into()], "OFF" => vec![off.into()] },
            },
        );

        let got = extract_text(&bytes).unwrap();
        assert_eq!(got.text, "Justerare\tPer Alm\n\u{c}");
    }

    #[test]
    fn optional_content_hidden_by_an_expression_or_its_usage_is_not_read() {
        // Every group on by the default configuration; hidden are a membership dictionary's
        // visibility expression that is false (/VE [/And draft [/Not text]]) and a group the
        // configuration's /AS turns off for viewing by its /Usage /View /ViewState /OFF; an
        // expression that is true (/VE [/Or text review]) is read.
        use lopdf::{Object, dictionary};
        let mut doc = lopdf::Document::with_version("1.6");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let ocg =
            |name: &str| dictionary! { "Type" => "OCG", "Name" => Object::string_literal(name) };
        let text = doc.add_object(ocg("Text"));
        let draft = doc.add_object(ocg("Utkast"));
        let mut review_group = ocg("Granskning");
        review_group.set(
            "Usage",
            dictionary! { "View" => dictionary! { "ViewState" => "OFF" } },
        );
        let review = doc.add_object(review_group);
        let draft_md = doc.add_object(dictionary! {
            "Type" => "OCMD",
            "VE" => vec!["And".into(), draft.into(), vec!["Not".into(), text.into()].into()],
        });
        let either_md = doc.add_object(dictionary! {
            "Type" => "OCMD", "OCGs" => vec![review.into()],
            "VE" => vec!["Or".into(), text.into(), review.into()],
        });
        let content = doc.add_object(lopdf::Stream::new(
            dictionary! {},
            b"/OC /T BDC BT /F1 10 Tf 50 800 Td (Justerare) Tj ET EMC /OC /D BDC BT /F1 10 Tf 150 800 Td ([namn]) Tj ET EMC /OC /R BDC BT /F1 10 Tf 50 780 Td (Kolla) Tj ET EMC /OC /E BDC BT /F1 10 Tf 150 800 Td (Per Alm) Tj ET EMC"
                .to_vec(),
        ));
        let resources = dictionary! {
            "Font" => dictionary! { "F1" => font },
            "Properties" => dictionary! { "T" => text, "D" => draft_md, "R" => review, "E" => either_md },
        };
        let bytes = one_page(
            doc,
            dictionary! { "Contents" => content, "Resources" => resources },
        );
        let view = dictionary! {
            "Event" => "View", "Category" => vec!["View".into()], "OCGs" => vec![review.into()],
        };
        let bytes = with_optional_content(
            &bytes,
            dictionary! {
                "OCGs" => vec![text.into(), draft.into(), review.into()],
                "D" => dictionary! { "BaseState" => "ON", "AS" => vec![view.into()] },
            },
        );

        let got = extract_text(&bytes).unwrap();
        assert_eq!(got.text, "Justerare\tPer Alm\n\u{c}");
    }

    #[test]
    fn a_gap_inside_one_tj_array_is_a_words_not_a_cells() {
        // pdfTeX draws no space: a justified line's gaps are numbers in its TJ array, 0.7 em
        // on a loose line; the same gap between two operators is a table's cell boundary
        use lopdf::dictionary;
        let mut doc = lopdf::Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let content = doc.add_object(lopdf::Stream::new(
            dictionary! {},
            b"BT /F1 10 Tf 50 800 Td [(Nam)15(nden)-700(beslutar)]TJ ET BT /F1 10 Tf 50 786 Td (Plats) Tj ET BT /F1 10 Tf 79.23 786 Td (tid) Tj ET"
                .to_vec(),
        ));
        let bytes = one_page(
            doc,
            dictionary! {
                "Contents" => content,
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            },
        );
        let got = extract_text(&bytes).unwrap();
        assert_eq!(got.text, "Namnden beslutar\nPlats\ttid\n\u{c}");
    }

    #[test]
    fn glyph_names_of_code_points_and_ligatures_read_as_their_letters() {
        // A driver's font without ToUnicode names å 'uni00E5', ä 'adieresis.alt' and the fi
        // ligature 'f_i', each at a code of its own choosing; a converter working on
        // decomposed text names them by their sequences, 'uni0061030A', 'uni00610308' and
        // 'uni00660069'
        use lopdf::{Object, Stream, dictionary};
        for names in [
            ["uni00E5", "adieresis.alt", "f_i"],
            ["uni0061030A", "uni00610308", "uni00660069"],
        ] {
            let mut doc = lopdf::Document::with_version("1.4");
            let name = |n: &str| Object::Name(n.as_bytes().to_vec());
            let font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                "Encoding" => dictionary! {
                    "Type" => "Encoding",
                    "Differences" => vec![33.into(), name(names[0]), name(names[1]), name(names[2]), name("s"), name("k"), name("l"), name("r")],
                },
            });
            let content = doc.add_object(Stream::new(
                dictionary! {},
                br"BT /F1 10 Tf 50 700 Td (\043\044\045\041\046\040\047\042\046\045) Tj ET"
                    .to_vec(),
            ));
            let bytes = one_page(
                doc,
                dictionary! {
                    "Contents" => content,
                    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                },
            );

            let got = extract_text(&bytes).unwrap();
            assert_eq!(got.text, "fiskål rälk\n\u{c}", "{names:?}");
        }
    }

    #[test]
    fn a_font_missing_from_the_resources_reads_as_helvetica() {
        // "/F9" named by the content, not held by the page's resources (a damaged file): the
        // page is read, not failed
        let mut doc = lopdf::Document::load_mem(&fixture("tiny-text.pdf")).unwrap();
        let first = *doc.get_pages().values().next().unwrap();
        let content = doc.add_object(lopdf::Stream::new(
            lopdf::dictionary! {},
            br"BT /F9 10 Tf 50 700 Td (Sammantr\344desprotokoll) Tj ET".to_vec(),
        ));
        doc.get_dictionary_mut(first)
            .unwrap()
            .set("Contents", content);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let got = extract_text(&bytes).unwrap();
        assert_eq!(got.text, "Sammanträdesprotokoll\n\u{c}");
        assert!(got.warnings.is_empty(), "{:?}", got.warnings);
        // a name written with two slashes ("//F9": an empty name, then /F9, then the size)
        let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
        let first = *doc.get_pages().values().next().unwrap();
        let content = doc.add_object(lopdf::Stream::new(
            lopdf::dictionary! {},
            br"BT //F9 10 Tf 50 700 Td (Protokoll) Tj ET".to_vec(),
        ));
        doc.get_dictionary_mut(first)
            .unwrap()
            .set("Contents", content);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        assert_eq!(extract_text(&bytes).unwrap().text, "Protokoll\n\u{c}");
    }

    #[test]
    fn form_fields_read_from_their_appearance_beside_their_labels() {
        // A blankett filled in and saved unflattened: the label is page text, the value only in
        // the widget's appearance stream, placed in its /Rect; a hidden widget is not shown.
        use lopdf::{Object, Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        let appearance = |doc: &mut lopdf::Document, text: &[u8]| {
            let mut content = b"/Tx BMC BT /F1 10 Tf 2 5 Td (".to_vec();
            content.extend_from_slice(text);
            content.extend_from_slice(b") Tj ET EMC");
            doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 250.into(), 20.into()],
                    "Resources" => resources.clone(),
                },
                content,
            ))
        };
        let shown = appearance(&mut doc, br"J\344vsn\344mnden");
        let hidden = appearance(&mut doc, b"Dold");
        let widget = |ap, flags: i64, y: i64| {
            dictionary! {
                "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "F" => flags,
                "Rect" => vec![150.into(), y.into(), 400.into(), (y + 20).into()],
                "AP" => dictionary! { "N" => ap },
            }
        };
        let a1 = doc.add_object(widget(shown, 4, 695));
        let a2 = doc.add_object(widget(hidden, 6, 655));
        let content = doc.add_object(Stream::new(
            dictionary! {},
            br"BT /F1 10 Tf 50 700 Td (N\344mnd) Tj 0 -20 Td (Datum) Tj 0 -20 Td (Plats) Tj ET"
                .to_vec(),
        ));
        let bytes = one_page(
            doc,
            dictionary! {
                "Contents" => content,
                "Resources" => resources.clone(),
                "Annots" => vec![Object::Reference(a1), Object::Reference(a2)],
            },
        );

        let got = extract_text(&bytes).unwrap();
        assert!(got.text.contains("Nämnd\tJävsnämnden"), "{:?}", got.text);
        assert!(!got.text.contains("Dold"), "{:?}", got.text);
    }

    #[test]
    fn bounded_runs_time_out_and_catch_panics() {
        let slow = run_bounded(Duration::from_millis(20), || {
            thread::sleep(Duration::from_millis(500));
            1
        });
        assert!(matches!(slow, Bounded::TimedOut));
        let boom = run_bounded(Duration::from_secs(5), || -> u8 { panic!("boom") });
        assert!(matches!(boom, Bounded::Panicked(m) if m == "boom"));
        assert!(matches!(
            run_bounded(Duration::from_secs(5), || 7),
            Bounded::Done(7)
        ));
    }

    #[test]
    fn error_messages_are_one_line() {
        for e in [
            ImportError::Empty,
            ImportError::Binary,
            ImportError::PdfEncrypted,
            ImportError::PdfNoText,
            ImportError::PdfDamaged(short_reason("a\nb")),
        ] {
            assert!(!e.to_string().contains('\n'));
        }
        assert_eq!(short_reason(&"x".repeat(300)).chars().count(), 101);
    }
}
