//! The document model every format is written from: a protocol's content in the order and with
//! the labels of Swedish minutes, all text already chosen, so the Typst template, the HTML
//! template and the text writer only lay it out.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kansli_core::law::calendar::format_date;
use kansli_core::law::deadlines::{appeal_last_day, posting_deadline};
use kansli_core::organisation::AuthorityKind;
use kansli_core::protocol::{Item, ParsedProtocol, Participant, ParticipantCategory};
use serde::Serialize;

use crate::{RenderError, RenderOptions};

/// How a publication copy's PDF description begins; the meeting's `authority/body/meeting`
/// follows.
pub const PUBLICATION_COPY: &str = "Publiceringsexemplar av protokollet";

/// Which document of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// The whole protocol.
    Protokoll,
    /// A protokollsutdrag of the given paragraph numbers.
    Utdrag(Vec<u32>),
    /// The notice of the meeting with its agenda.
    Kallelse,
    /// The notice of justering for the anslagstavla.
    Anslag,
}

impl DocumentKind {
    /// Parses an extract's paragraph list: "23,24", "§ 23, 24", "23-25".
    pub fn extract(raw: &str) -> Result<DocumentKind, RenderError> {
        let mut out: Vec<u32> = Vec::new();
        for part in raw.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
            let part = part.trim_start_matches('§');
            if part.is_empty() {
                continue;
            }
            let bad = || RenderError::Request(format!("not a paragraph number: {part:?}"));
            match part.split_once(['-', '–']) {
                Some((a, b)) => {
                    let a: u32 = a.trim().parse().map_err(|_| bad())?;
                    let b: u32 = b.trim().parse().map_err(|_| bad())?;
                    if b < a || b - a > 1000 {
                        return Err(bad());
                    }
                    out.extend(a..=b);
                }
                None => out.push(part.trim().parse().map_err(|_| bad())?),
            }
        }
        if out.is_empty() {
            return Err(RenderError::Request(
                "an extract needs at least one paragraph number".into(),
            ));
        }
        out.sort_unstable();
        out.dedup();
        Ok(DocumentKind::Utdrag(out))
    }
}

/// The `layout` of a protocol that is a meeting's kallelse made from its recorded agenda (the
/// meeting not yet held): its agenda is numbered by ärende, not by §, and its items carry the
/// proposals.
pub const KALLELSE_LAYOUT: &str = "kallelse";

/// One block of running text: a paragraph, a list or a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// "text", "list" or "table".
    pub kind: &'static str,
    /// The lines of a text block (kept as printed lines).
    pub lines: Vec<String>,
    /// The entries of a list, with their depth (0 or 1).
    pub entries: Vec<ListEntry>,
    /// The rows of a table; the first is its header.
    pub rows: Vec<Vec<String>>,
    /// The number of columns of a table.
    pub columns: usize,
    /// The block continues the one before it without a blank line in the source ("beslutar
    /// att:" and its list): set close to it.
    pub joined: bool,
}

/// One entry of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListEntry {
    /// 0 for the top level, 1 for a nested entry.
    pub depth: u8,
    /// The marker as written: "-", "–", "•" or "*".
    pub marker: String,
    /// The entry's text.
    pub text: String,
}

/// A headed section of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionView {
    /// The heading as printed ("Direktionens beslut").
    pub heading: String,
    /// Its text.
    pub blocks: Vec<Block>,
}

/// One paragraph (§) as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemView {
    /// Its number.
    pub paragraph: u32,
    /// "§ 23".
    pub label: String,
    /// "Dnr ITSAM 2024/25", if any.
    pub dnr: Option<String>,
    /// The title.
    pub title: String,
    /// Its sections in the customary order.
    pub sections: Vec<SectionView>,
}

/// One row of the ärendelista.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaRow {
    /// The paragraph number.
    pub paragraph: u32,
    /// "§ 23".
    pub label: String,
    /// The title.
    pub title: String,
    /// The Dnr as printed.
    pub dnr: Option<String>,
}

/// A labelled row of the first page ("Plats och tid", "Beslutande" …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverRow {
    /// The label.
    pub label: String,
    /// One line per person or fact.
    pub lines: Vec<String>,
}

/// The signature page of minutes justerade in Kansli.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignaturePage {
    /// The SHA-256 of the record's canonical content.
    pub sha256: String,
    /// Who signed, when.
    pub signers: Vec<SignerRow>,
    /// Where a reader checks the minutes: "kommunens webbplats", "förbundets webbplats" …
    pub check_at: &'static str,
}

/// One signer on the signature page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerRow {
    /// The name.
    pub name: String,
    /// Swedish time with its offset from UTC, so the instant is unambiguous also in the hour
    /// that repeats in October: "2026-03-19 11:00:00 (UTC+01:00)".
    pub signed_at: String,
}

/// One signature line of "Underskrifter".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureRow {
    /// "Sekreterare", "Ordförande", "Justerare".
    pub role: String,
    /// The name under the line.
    pub name: String,
}

/// The ANSLAG/BEVIS facts. Only what the protocol says is printed as a fact: a date the
/// protocol does not give stays empty in the box, and what the law engine computes instead is a
/// separate field, printed with its label ("senast … enligt kommunallagen").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeView {
    /// The organ.
    pub organ: String,
    /// ISO date of the meeting.
    pub meeting_date: String,
    /// "§§ 1-9", if known.
    pub paragraphs: Option<String>,
    /// ISO date the notice goes up, as the protocol gives it.
    pub posted: Option<String>,
    /// ISO date it comes down, as the protocol gives it.
    pub removal: Option<String>,
    /// ISO last day of the appeal period: three weeks from the posting date the protocol gives
    /// (13 kap. 5 § kommunallagen, moved past holidays); none when that date is not known.
    pub appeal_last_day: Option<String>,
    /// ISO latest lawful posting date (the second day after the justering, 8 kap. 12 §),
    /// computed when the protocol gives the justering date but not the posting date.
    pub posting_due: Option<String>,
    /// Where the minutes are kept.
    pub kept_at: Option<String>,
}

/// A document ready to be written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// "protokoll", "utdrag", "kallelse" or "anslag".
    pub kind: &'static str,
    /// For file names: "protokoll", "utdrag-23-24", "kallelse", "anslag".
    pub kind_slug: String,
    /// The word in the page header: "Sammanträdesprotokoll", "Protokollsutdrag" …
    pub heading: String,
    /// The document's title (PDF metadata, HTML title).
    pub title: String,
    /// The authority, if known.
    pub authority: Option<String>,
    /// Who the document is by (PDF and HTML author): the authority, or the body when the
    /// authority is not known.
    pub author: String,
    /// The body as the protocol names it.
    pub body: String,
    /// "Direktionens", for "Direktionens beslut".
    pub body_genitive: String,
    /// ISO meeting date.
    pub date: String,
    /// "5 mars 2024".
    pub date_long: String,
    /// The meeting date's parts (for Typst's datetime).
    pub year: i32,
    /// Month 1-12.
    pub month: u32,
    /// Day 1-31.
    pub day: u32,
    /// "Teknikringen 9, Linköping kl. 13:00 – 14:45".
    pub place_and_time: String,
    /// "kl. 13:00 – 14:45", if a time is known.
    pub time: Option<String>,
    /// The place, if known.
    pub place: Option<String>,
    /// "§§ 1-9" for the whole meeting (or the extract's paragraphs).
    pub paragraph_range: Option<String>,
    /// The labelled rows of the first page.
    pub cover: Vec<CoverRow>,
    /// Underskrifter.
    pub signatures: Vec<SignatureRow>,
    /// ANSLAG/BEVIS.
    pub notice: NoticeView,
    /// The first sentence of the ANSLAG/BEVIS box: that the minutes are justerade and the
    /// justering announced, or, for minutes not yet justerade, that the notice comes then.
    pub notice_statement: &'static str,
    /// The signature page of minutes justerade in Kansli (none otherwise).
    pub signature_page: Option<SignaturePage>,
    /// For a certified protokollsutdrag: who certified it and when.
    pub certification: Option<crate::Certification>,
    /// The ärendelista.
    pub agenda: Vec<AgendaRow>,
    /// The paragraphs printed.
    pub items: Vec<ItemView>,
    /// The Dnr of every paragraph printed (PDF keywords).
    pub keywords: Vec<String>,
    /// The PDF's description: "Publiceringsexemplar av protokollet authority/body/meeting" for
    /// a publication copy ([`crate::RenderOptions::publication_of`]), else none.
    pub description: Option<String>,
    /// The chair, for a kallelse's signature.
    pub chair: Option<String>,
    /// The secretary, for a kallelse's and an anslag's signature.
    pub secretary: Option<String>,
    /// The day the document was made, ISO, if given.
    pub today: Option<String>,
    /// The anslag's opening sentence: "Kommunfullmäktige i Lomma kommun har haft sammanträde
    /// den 26 september 2024. Protokollet är justerat."
    pub announcement: String,
    /// Who may appeal, worded for the authority's kind: "Den som är medlem i kommunen".
    pub appellants: String,
    /// When the document was rendered: the PDF's creation date (none: the meeting date, so a
    /// rendering without a clock stays reproducible).
    #[serde(skip)]
    pub rendered_at: Option<DateTime<Utc>>,
}

/// An instant as Swedish time with its offset: "2026-03-19 11:00:00 (UTC+01:00)". The
/// offset keeps the hour that repeats when summer time ends unambiguous.
fn swedish_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&chrono_tz::Europe::Stockholm)
        .format("%Y-%m-%d %H:%M:%S (UTC%:z)")
        .to_string()
}

/// Where the signature page sends a reader to check the minutes, worded for the kind of
/// authority whose website it is.
fn check_at(kind: AuthorityKind) -> &'static str {
    match kind {
        AuthorityKind::Kommun => "kommunens webbplats",
        AuthorityKind::Kommunalforbund => "förbundets webbplats",
        AuthorityKind::Region => "regionens webbplats",
        AuthorityKind::Other => "myndighetens webbplats",
    }
}

/// Who may appeal a decision by laglighetsprövning (13 kap. 1 § kommunallagen), for the kind of
/// authority that made it: the members of a kommun or a region; for a kommunalförbund, the
/// members of the kommuner and regioner that are its members.
pub fn appellants(kind: AuthorityKind) -> &'static str {
    match kind {
        AuthorityKind::Kommun => "Den som är medlem i kommunen",
        AuthorityKind::Region => "Den som är medlem i regionen",
        AuthorityKind::Kommunalforbund => {
            "Den som är medlem i en kommun eller region som är medlem i förbundet"
        }
        AuthorityKind::Other => "Den som är medlem i en kommun eller region som beslutet gäller",
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub use kansli_core::text::genitive;

/// "1-4" → "§§ 1-4", "7" → "§ 7".
fn paragraphs_label(raw: &str) -> String {
    let raw = raw.trim().trim_start_matches('§').trim();
    if raw.contains(['-', '–', ',']) || raw.contains(" och ") {
        format!("§§ {raw}")
    } else {
        format!("§ {raw}")
    }
}

/// One participant as a line: "Jacob Käll (M), Vimmerby kommun, ordförande §§ 1-4 för X (S)".
pub fn person_line(p: &Participant) -> String {
    let mut s = p.name.clone();
    if let Some(party) = p.party.as_deref().filter(|x| !x.is_empty()) {
        s.push_str(&format!(" ({party})"));
    }
    if let Some(rep) = p.represents.as_deref().filter(|x| !x.is_empty()) {
        s.push_str(", ");
        s.push_str(rep);
    }
    if let Some(role) = p.role.as_deref().filter(|x| !x.is_empty()) {
        s.push_str(", ");
        s.push_str(role);
    }
    if let Some(pars) = p.paragraphs.as_deref().filter(|x| !x.is_empty()) {
        s.push(' ');
        s.push_str(&paragraphs_label(pars));
    }
    if let Some(f) = p.serves_for.as_deref().filter(|x| !x.is_empty()) {
        s.push_str(" för ");
        s.push_str(f);
    }
    s
}

/// Splits running text into blocks: blank lines separate paragraphs, lines with tabs are table
/// rows, lines starting with a dash or bullet are list entries.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for chunk in text.split("\n\n") {
        let mut current: Option<Block> = None;
        let mut first_in_chunk = true;
        for raw in chunk.lines() {
            if raw.trim().is_empty() {
                continue;
            }
            let trimmed = raw.trim();
            let kind = if raw.contains('\t') {
                "table"
            } else if list_text(trimmed).is_some() {
                "list"
            } else {
                "text"
            };
            let same = current.as_ref().is_some_and(|b| b.kind == kind);
            if !same && let Some(b) = current.take() {
                out.push(finish(b));
            }
            let joined = !first_in_chunk;
            first_in_chunk = false;
            let b = current.get_or_insert_with(|| Block {
                kind,
                lines: Vec::new(),
                entries: Vec::new(),
                rows: Vec::new(),
                columns: 0,
                joined,
            });
            match kind {
                "table" => b.rows.push(
                    raw.trim_end()
                        .split('\t')
                        .map(|c| c.trim().to_string())
                        .collect(),
                ),
                "list" => b.entries.push(ListEntry {
                    depth: u8::from(raw.starts_with([' ', '\u{a0}'])),
                    marker: trimmed.chars().next().map(String::from).unwrap_or_default(),
                    text: list_text(trimmed).unwrap_or(trimmed).to_string(),
                }),
                _ => b.lines.push(trimmed.to_string()),
            }
        }
        if let Some(b) = current {
            out.push(finish(b));
        }
    }
    out
}

fn list_text(trimmed: &str) -> Option<&str> {
    ["- ", "– ", "• ", "* "]
        .iter()
        .find_map(|m| trimmed.strip_prefix(m))
        .map(str::trim)
}

fn finish(mut b: Block) -> Block {
    if b.kind == "table" {
        b.columns = b.rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for row in &mut b.rows {
            row.resize(b.columns, String::new());
        }
        // One row is no table: a line that happens to hold a tab.
        if b.rows.len() < 2 {
            b.kind = "text";
            b.lines = b
                .rows
                .drain(..)
                .map(|r| r.join(" ").trim().to_string())
                .collect();
            b.columns = 0;
        }
    }
    b
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_section(heading: impl Into<String>, text: &str) -> Option<SectionView> {
    let blocks = blocks(text);
    (!blocks.is_empty()).then(|| SectionView {
        heading: heading.into(),
        blocks,
    })
}

fn lines_section(heading: &str, lines: &[String]) -> Option<SectionView> {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| SectionView {
        heading: heading.to_string(),
        blocks: vec![Block {
            kind: "text",
            lines,
            entries: Vec::new(),
            rows: Vec::new(),
            columns: 0,
            joined: false,
        }],
    })
}

/// The sections of a paragraph in the customary order. `body` names the body as the subject
/// of a votering's result ("beslutar direktionen"), `body_genitive` heads the decision.
pub fn item_view(item: &Item, body: &str, body_genitive: &str) -> ItemView {
    let mut sections = Vec::new();
    if let Some(d) = item.decision.as_deref() {
        sections.extend(text_section(format!("{body_genitive} beslut"), d));
    }
    if let Some(s) = item.summary.as_deref() {
        sections.extend(text_section("Sammanfattning av ärendet", s));
    }
    for s in &item.sections {
        let heading = s.heading.trim();
        if heading.is_empty() {
            continue;
        }
        sections.extend(text_section(heading, &s.text));
    }
    sections.extend(lines_section("Beslutsunderlag", &item.basis));
    // The parser also reads yrkanden, propositionsordning, votes and reservations out of
    // running text ("Överläggning", "Beslutsgång"); what is already printed there is not
    // printed twice.
    let printed: String = squash(
        &[
            item.decision.as_deref().unwrap_or(""),
            item.summary.as_deref().unwrap_or(""),
        ]
        .into_iter()
        .map(str::to_string)
        .chain(item.sections.iter().map(|s| s.text.clone()))
        .collect::<Vec<_>>()
        .join(" "),
    );
    let fresh = |t: &str| !t.trim().is_empty() && !printed.contains(&squash(t));
    // Each yrkande with who moved it, unless its text already names them ("Anna Berg (S)
    // yrkar …").
    let motions: Vec<String> = item
        .motions
        .iter()
        .map(|m| m.text.trim().to_string())
        .zip(&item.motions)
        .filter(|(t, _)| fresh(t))
        .map(|(t, m)| {
            let movers: Vec<&str> = m
                .movers
                .iter()
                .map(|n| n.trim())
                .filter(|n| !n.is_empty() && !t.contains(n))
                .collect();
            match movers.as_slice() {
                [] => t,
                [one] => format!("{one}: {t}"),
                [rest @ .., last] => format!("{} och {last}: {t}", rest.join(", ")),
            }
        })
        .collect();
    if !motions.is_empty() {
        sections.extend(text_section("Yrkanden", &motions.join("\n\n")));
    }
    if let Some(p) = item.proposition_order.as_deref().filter(|t| fresh(t)) {
        sections.extend(text_section("Propositionsordning", p));
    }
    // A votering recorded live in Kansli: its result and every member's vote, then the
    // secretary's own words on the vote, if any, under the one heading.
    let vote_text = item.vote.as_deref().filter(|t| fresh(t));
    match (&item.recorded.votering, vote_text) {
        (Some(v), Some(t)) => {
            let printed = v.printed(body);
            let text = if printed.contains(t.trim()) {
                printed
            } else {
                format!("{printed}\n\n{}", t.trim())
            };
            sections.extend(text_section("Omröstning", &text));
        }
        (Some(v), None) => sections.extend(text_section("Omröstning", &v.printed(body))),
        (None, Some(t)) => sections.extend(text_section("Omröstning", t)),
        (None, None) => {}
    }
    let fresh_all =
        |v: &[String]| -> Vec<String> { v.iter().filter(|t| fresh(t)).cloned().collect() };
    let reservations = fresh_all(&item.reservations);
    if !reservations.is_empty() {
        sections.extend(text_section("Reservation", &reservations.join("\n\n")));
    }
    let notes = fresh_all(&item.notes);
    if !notes.is_empty() {
        sections.extend(text_section("Protokollsanteckning", &notes.join("\n\n")));
    }
    // With members recorded as disqualified in Kansli, unless a jäv text already names them
    // (in the jäv or in what is printed above).
    let jav = fresh_all(&item.jav_statements());
    if !jav.is_empty() {
        sections.extend(text_section("Jäv", &jav.join("\n\n")));
    }
    if item.recorded.immediately_justerad && !printed.to_lowercase().contains("omedelbart juster") {
        sections.extend(text_section(
            "Omedelbar justering",
            "Paragrafen förklaras omedelbart justerad.",
        ));
    }
    sections.extend(lines_section("Beslutsexpediering", &item.dispatch));
    ItemView {
        paragraph: item.paragraph,
        label: format!("§ {}", item.paragraph),
        dnr: item.dnr.as_deref().map(|d| format!("Dnr {}", d.trim())),
        title: item.title.trim().to_string(),
        sections,
    }
}

/// The notice dates as the protocol gives them; what the law engine can add is kept apart: the
/// latest lawful posting date when only the justering date is known, and the appeal period's
/// last day from a posting date the protocol gives. A computed date is never put where the
/// protocol's own date belongs (found: "sätts upp 2024-03-27" printed for a notice posted
/// 2024-03-26, and an appeal day one day late with it).
fn notice_view(p: &ParsedProtocol, options: &RenderOptions, range: Option<String>) -> NoticeView {
    let posted = p.notice.posted;
    let posting_due = match (posted, p.justering.date) {
        (None, Some(j)) => posting_deadline(j).ok().map(|d| d.date()),
        _ => None,
    };
    let appeal = posted.and_then(|d| appeal_last_day(d).ok());
    NoticeView {
        organ: p.body.clone(),
        meeting_date: iso(p.meeting_date),
        paragraphs: range,
        posted: posted.map(iso),
        removal: p.notice.removal.map(iso),
        appeal_last_day: appeal.map(|a| iso(a.date())),
        posting_due: posting_due.map(iso),
        kept_at: p
            .notice
            .kept_at
            .clone()
            .or_else(|| options.kept_at.clone())
            .or_else(|| p.authority.clone()),
    }
}

impl Document {
    /// Builds the document of one kind from a protocol.
    pub fn build(
        p: &ParsedProtocol,
        kind: &DocumentKind,
        options: &RenderOptions,
    ) -> Result<Document, RenderError> {
        let body = if p.body.trim().is_empty() {
            "Organet".to_string()
        } else {
            p.body.trim().to_string()
        };
        let body_genitive = genitive(&body);
        let chosen: Vec<&Item> = match kind {
            DocumentKind::Utdrag(numbers) => {
                let missing: Vec<String> = numbers
                    .iter()
                    .filter(|n| !p.items.iter().any(|i| i.paragraph == **n))
                    .map(|n| format!("§ {n}"))
                    .collect();
                if !missing.is_empty() {
                    let have: Vec<String> =
                        p.items.iter().map(|i| i.paragraph.to_string()).collect();
                    return Err(RenderError::Request(format!(
                        "the protocol has no {} (it has §§ {})",
                        missing.join(", "),
                        have.join(", ")
                    )));
                }
                p.items
                    .iter()
                    .filter(|i| numbers.contains(&i.paragraph))
                    .collect()
            }
            DocumentKind::Protokoll => p.items.iter().collect(),
            // A kallelse made from a recorded agenda carries its items (proposal,
            // föredragande, beslutsunderlag); one made from held minutes lists the titles only.
            DocumentKind::Kallelse if p.layout == KALLELSE_LAYOUT => p.items.iter().collect(),
            DocumentKind::Kallelse | DocumentKind::Anslag => Vec::new(),
        };
        let whole_range = p
            .paragraphs
            .map(|r| {
                if r.first == r.last {
                    format!("§ {}", r.first)
                } else {
                    format!("§§ {}-{}", r.first, r.last)
                }
            })
            .or_else(|| match (p.items.first(), p.items.last()) {
                (Some(a), Some(b)) if a.paragraph != b.paragraph => {
                    Some(format!("§§ {}-{}", a.paragraph, b.paragraph))
                }
                (Some(a), _) => Some(format!("§ {}", a.paragraph)),
                _ => None,
            });
        let paragraph_range = match kind {
            DocumentKind::Utdrag(_) => {
                let n: Vec<String> = chosen.iter().map(|i| i.paragraph.to_string()).collect();
                Some(if n.len() == 1 {
                    format!("§ {}", n[0])
                } else {
                    format!("§§ {}", n.join(", "))
                })
            }
            _ => whole_range.clone(),
        };
        let (kind_name, kind_slug, heading) = match kind {
            // Every page of minutes not yet justerade says so in its header.
            DocumentKind::Protokoll if options.not_justerad => (
                "protokoll",
                "protokoll".to_string(),
                "Sammanträdesprotokoll (ej justerat)",
            ),
            DocumentKind::Protokoll => (
                "protokoll",
                "protokoll".to_string(),
                "Sammanträdesprotokoll",
            ),
            DocumentKind::Utdrag(n) => (
                "utdrag",
                format!(
                    "utdrag-{}",
                    n.iter().map(u32::to_string).collect::<Vec<_>>().join("-")
                ),
                "Protokollsutdrag",
            ),
            DocumentKind::Kallelse => ("kallelse", "kallelse".to_string(), "Kallelse"),
            DocumentKind::Anslag => ("anslag", "anslag".to_string(), "Anslag"),
        };
        let time = match (&p.start_time, &p.end_time, kind) {
            // A kallelse gives the time the meeting is called to, never when it ended.
            (Some(a), _, DocumentKind::Kallelse) => Some(format!("kl. {a}")),
            (Some(a), Some(b), _) => Some(format!("kl. {a} – {b}")),
            (Some(a), None, _) => Some(format!("kl. {a}")),
            _ => None,
        };
        let place_and_time = [p.place.clone(), time.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let justering = [p.justering.place.clone(), p.justering.date.map(iso)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");

        // The meeting date is always in "Plats och tid", after the place (the parser reads a
        // place with the date and times taken out).
        let when = [Some(iso(p.meeting_date)), time.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let mut cover = vec![CoverRow {
            label: "Plats och tid".into(),
            lines: vec![match p.place.as_deref().map(str::trim) {
                Some(place) if !place.is_empty() => format!("{place}, {when}"),
                _ => when,
            }],
        }];
        // Members present who did not serve are ersättare in the model (present, not
        // beslutande) and shown apart under their own heading.
        let not_serving = |x: &kansli_core::protocol::Participant| {
            kansli_core::protocol::is_not_serving_member(x)
        };
        for (label, cat, apart) in [
            ("Beslutande", ParticipantCategory::Beslutande, false),
            (
                kansli_core::protocol::NOT_SERVING_MEMBERS_HEADING,
                ParticipantCategory::Ersattare,
                true,
            ),
            ("Ersättare", ParticipantCategory::Ersattare, false),
            ("Övriga närvarande", ParticipantCategory::Ovriga, false),
        ] {
            let lines: Vec<String> = p
                .participants
                .iter()
                .filter(|x| x.category == cat && not_serving(x) == apart)
                .map(person_line)
                .collect();
            if !lines.is_empty() {
                cover.push(CoverRow {
                    label: label.into(),
                    lines,
                });
            }
        }
        if !p.justerare.is_empty() {
            // One line, as the samples print it: a list run into one cell reads back as one name.
            let names = kansli_core::text::and_list(&p.justerare);
            cover.push(CoverRow {
                label: "Justerare".into(),
                lines: vec![names],
            });
        }
        if !justering.is_empty() {
            cover.push(CoverRow {
                label: "Justeringens plats och tid".into(),
                lines: vec![justering],
            });
        }
        let mut signatures = Vec::new();
        if let Some(s) = &p.secretary {
            signatures.push(SignatureRow {
                role: "Sekreterare".into(),
                name: s.clone(),
            });
        }
        if let Some(c) = &p.chair {
            signatures.push(SignatureRow {
                role: "Ordförande".into(),
                name: c.clone(),
            });
        }
        for j in &p.justerare {
            signatures.push(SignatureRow {
                role: "Justerare".into(),
                name: j.clone(),
            });
        }

        let agenda_source: Vec<AgendaRow> = if p.agenda.is_empty() {
            p.items
                .iter()
                .map(|i| AgendaRow {
                    paragraph: i.paragraph,
                    label: format!("§ {}", i.paragraph),
                    title: i.title.trim().to_string(),
                    dnr: i.dnr.clone(),
                })
                .collect()
        } else {
            // A kallelse of a meeting not yet held numbers its ärenden: the paragraphs get
            // their numbers at the meeting.
            let numbered = matches!(kind, DocumentKind::Kallelse) && p.layout == KALLELSE_LAYOUT;
            p.agenda
                .iter()
                .map(|a| AgendaRow {
                    paragraph: a.paragraph,
                    label: if numbered {
                        format!("{}.", a.paragraph)
                    } else {
                        format!("§ {}", a.paragraph)
                    },
                    // The paragraph's own title wins: the ärendelista is made from the paragraphs.
                    title: p
                        .items
                        .iter()
                        .find(|i| i.paragraph == a.paragraph)
                        .map(|i| i.title.trim().to_string())
                        .unwrap_or_else(|| a.title.trim().to_string()),
                    dnr: p
                        .items
                        .iter()
                        .find(|i| i.paragraph == a.paragraph)
                        .and_then(|i| i.dnr.clone())
                        .or_else(|| a.dnr.clone()),
                })
                .collect()
        };
        let agenda = match kind {
            DocumentKind::Utdrag(n) => agenda_source
                .into_iter()
                .filter(|a| n.contains(&a.paragraph))
                .collect(),
            _ => agenda_source,
        };
        let mut items: Vec<ItemView> = chosen
            .iter()
            .map(|i| item_view(i, &body, &body_genitive))
            .collect();
        if matches!(kind, DocumentKind::Utdrag(_)) {
            // An extract is read alone: what was corrected after the justering goes with it.
            for it in &mut items {
                for r in options
                    .rattelser
                    .iter()
                    .filter(|r| r.paragraph.is_none_or(|n| n == it.paragraph))
                {
                    it.sections.extend(text_section(
                        format!("Rättelse efter justeringen, {}", r.made_on),
                        &r.text,
                    ));
                }
            }
        }
        if matches!(kind, DocumentKind::Kallelse) {
            // Ärenden are numbered in a kallelse; paragraphs get their § at the meeting.
            for it in &mut items {
                it.label = format!("{}.", it.paragraph);
            }
        }
        let mut keywords: Vec<String> = Vec::new();
        let dnrs = if items.is_empty() {
            agenda
                .iter()
                .filter_map(|a| a.dnr.clone())
                .collect::<Vec<_>>()
        } else {
            chosen.iter().filter_map(|i| i.dnr.clone()).collect()
        };
        for d in dnrs {
            if !keywords.contains(&d) {
                keywords.push(d);
            }
        }
        let notice = notice_view(p, options, whole_range);
        let authority = p
            .authority
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string);
        let title = match &authority {
            Some(a) => format!(
                "{a}, {body} – {} {}",
                heading.to_lowercase(),
                iso(p.meeting_date)
            ),
            None => format!(
                "{body} – {} {}",
                heading.to_lowercase(),
                iso(p.meeting_date)
            ),
        };
        let kind_of_authority = options
            .authority_kind
            .or_else(|| authority.as_deref().map(AuthorityKind::from_name))
            .unwrap_or(AuthorityKind::Other);
        let announcement = match &authority {
            Some(a) => format!(
                "{body} i {a} har haft sammanträde den {}. Protokollet är justerat.",
                format_date(p.meeting_date)
            ),
            None => format!(
                "{body} har haft sammanträde den {}. Protokollet är justerat.",
                format_date(p.meeting_date)
            ),
        };
        Ok(Document {
            kind: kind_name,
            kind_slug,
            heading: heading.to_string(),
            title,
            author: authority.clone().unwrap_or_else(|| body.clone()),
            authority,
            body,
            body_genitive,
            date: iso(p.meeting_date),
            date_long: format_date(p.meeting_date),
            year: p.meeting_date.year(),
            month: p.meeting_date.month(),
            day: p.meeting_date.day(),
            place_and_time,
            time,
            place: p.place.clone(),
            paragraph_range,
            cover,
            signatures,
            notice,
            notice_statement: if options.not_justerad {
                "Protokollet är ännu inte justerat. Anslaget om justeringen sätts upp när det har justerats."
            } else {
                "Protokollet är justerat. Justeringen har tillkännagivits genom anslag."
            },
            signature_page: options.content_sha256.as_ref().map(|sha| SignaturePage {
                sha256: sha.clone(),
                signers: p
                    .signatures
                    .iter()
                    .map(|s| SignerRow {
                        name: s.name.clone(),
                        signed_at: s.signed_at.map(swedish_time).unwrap_or_default(),
                    })
                    .collect(),
                check_at: check_at(kind_of_authority),
            }),
            certification: options.certification.clone(),
            agenda,
            items,
            keywords,
            description: options
                .publication_of
                .as_ref()
                .map(|spec| format!("{PUBLICATION_COPY} {spec}")),
            chair: p.chair.clone(),
            secretary: p.secretary.clone(),
            today: options.today.map(iso),
            announcement,
            appellants: appellants(kind_of_authority).to_string(),
            rendered_at: options.rendered_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genitive_of_bodies() {
        assert_eq!(genitive("Direktionen"), "Direktionens");
        assert_eq!(genitive("Kommunfullmäktige"), "Kommunfullmäktiges");
        assert_eq!(
            genitive("Kommunstyrelsens arbetsutskott"),
            "Kommunstyrelsens arbetsutskotts"
        );
        assert_eq!(
            genitive("Kultur- och fritidsnämndens"),
            "Kultur- och fritidsnämndens"
        );
    }

    #[test]
    fn blocks_split_text_lists_and_tables() {
        let b = blocks("Inledning.\n- ett\n - två\n\nA\tB\n1\t2\n\nSlut.");
        assert_eq!(b.len(), 4);
        assert_eq!(b[0].kind, "text");
        assert_eq!(b[1].kind, "list");
        assert_eq!(b[1].entries[1].depth, 1);
        assert_eq!(b[2].kind, "table");
        assert_eq!(b[2].columns, 2);
        assert_eq!(b[3].lines, vec!["Slut."]);
    }

    #[test]
    fn members_who_did_not_serve_are_shown_apart_from_the_ersattare() {
        let person = |name: &str, category, role: &str| kansli_core::protocol::Participant {
            name: name.into(),
            category,
            role: Some(role.into()),
            represents: None,
            party: Some("S".into()),
            paragraphs: None,
            serves_for: None,
        };
        let p = ParsedProtocol {
            participants: vec![
                person("Maria Lund", ParticipantCategory::Beslutande, "ordförande"),
                person(
                    "Karin Åberg",
                    ParticipantCategory::Ersattare,
                    kansli_core::protocol::NOT_SERVING_MEMBER,
                ),
                person("Eva Sten", ParticipantCategory::Ersattare, "ersättare"),
            ],
            ..ParsedProtocol::new(
                "Socialnämnden",
                NaiveDate::from_ymd_opt(2024, 3, 5).unwrap(),
            )
        };
        let d = Document::build(&p, &DocumentKind::Protokoll, &RenderOptions::default()).unwrap();
        let rows: Vec<(&str, usize)> = d
            .cover
            .iter()
            .map(|r| (r.label.as_str(), r.lines.len()))
            .filter(|(l, _)| *l != "Plats och tid")
            .collect();
        assert_eq!(
            rows,
            vec![
                ("Beslutande", 1),
                ("Ej tjänstgörande ledamöter", 1),
                ("Ersättare", 1)
            ]
        );
    }

    #[test]
    fn computed_notice_dates_are_never_printed_as_the_protocols() {
        let p = ParsedProtocol {
            authority: Some("Kommunalförbundet Itsam".into()),
            justering: kansli_core::protocol::ParsedJustering {
                place: Some("Digitalt".into()),
                date: NaiveDate::from_ymd_opt(2024, 3, 8),
            },
            ..ParsedProtocol::new("Direktionen", NaiveDate::from_ymd_opt(2024, 3, 5).unwrap())
        };
        let d = Document::build(&p, &DocumentKind::Anslag, &RenderOptions::default()).unwrap();
        // Only the justering date is known: the box stays empty, the latest lawful posting
        // day is computed apart (DESIGN.md's worked example: justerat Friday 8 March 2024, due
        // Monday 11 March), and no appeal day is invented.
        assert_eq!(d.notice.posted, None);
        assert_eq!(d.notice.removal, None);
        assert_eq!(d.notice.appeal_last_day, None);
        assert_eq!(d.notice.posting_due.as_deref(), Some("2024-03-11"));
        assert_eq!(d.notice.kept_at.as_deref(), Some("Kommunalförbundet Itsam"));
        let text = crate::render_document(&d, crate::Format::Txt).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.contains("senast 2024-03-11 enligt kommunallagen"),
            "{text}"
        );
        assert!(!text.contains("sätts upp\t2024-03-11"), "{text}");
        assert!(!text.contains("senast 2024-04-02"), "{text}");

        // The posting date as the protocol gives it (issue 17: posted 2024-03-26, last day of
        // appeal 2024-04-16), and the appeal day computed from it.
        let mut p = p;
        p.notice.posted = NaiveDate::from_ymd_opt(2024, 3, 26);
        let d = Document::build(&p, &DocumentKind::Anslag, &RenderOptions::default()).unwrap();
        assert_eq!(d.notice.posted.as_deref(), Some("2024-03-26"));
        assert_eq!(d.notice.posting_due, None);
        assert_eq!(d.notice.appeal_last_day.as_deref(), Some("2024-04-16"));
    }

    fn lomma() -> ParsedProtocol {
        ParsedProtocol {
            authority: Some("Lomma kommun".into()),
            place: Some("Sessionssalen Kärnan".into()),
            start_time: Some("18:00".into()),
            end_time: Some("18:34".into()),
            ..ParsedProtocol::new(
                "Kommunfullmäktige",
                NaiveDate::from_ymd_opt(2024, 9, 26).unwrap(),
            )
        }
    }

    /// What was recorded live is printed: the votering with every member's vote (KL 5 kap.
    /// 66 §), the jäv of a member marked disqualified, and the omedelbar justering.
    #[test]
    fn a_recorded_votering_jav_and_omedelbar_justering_are_printed() {
        let item: Item = serde_json::from_value(serde_json::json!({
            "paragraph": 4, "dnr": null, "title": "Budget 2027",
            "decision": "Direktionen beslutar att fastställa budgeten.",
            "summary": null, "basis": [],
            "motions": [{"movers": ["Eva Ek"], "text": "Avslag på förslaget."}],
            "proposition_order": null,
            "vote": "Ordföranden ställer proposition och finner att ja-propositionen vinner.",
            "reservations": [], "notes": [], "disqualifications": [],
            "dispatch": [], "sections": [],
            "votering": {"ja": "bifall till förslaget", "nej": "avslag", "casts": [
                {"name": "Anna Ordförande", "choice": "ja"},
                {"name": "Bo Lund", "choice": "ja"},
                {"name": "Eva Ek", "choice": "nej"},
                {"name": "Hans Holm", "choice": "avstår"}
            ]},
            "disqualified": ["Cia Ceder"],
            "immediately_justerad": true
        }))
        .unwrap();
        let p = ParsedProtocol {
            items: vec![item],
            ..ParsedProtocol::new("Direktionen", NaiveDate::from_ymd_opt(2026, 3, 12).unwrap())
        };
        let d = Document::build(&p, &DocumentKind::Protokoll, &RenderOptions::default()).unwrap();
        let text = crate::render_document(&d, crate::Format::Txt).unwrap();
        let text = String::from_utf8(text).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for wanted in [
            "Omröstning",
            "Ja-proposition: bifall till förslaget. Nej-proposition: avslag.",
            "Med 2 ja-röster mot 1 nej-röst, 1 avstår beslutar direktionen enligt ja-propositionen.",
            "Ja (2): Anna Ordförande, Bo Lund",
            "Nej (1): Eva Ek",
            "Avstår (1): Hans Holm",
            "Cia Ceder anmäler jäv och deltar inte i handläggningen av ärendet.",
            "Paragrafen förklaras omedelbart justerad.",
            "Eva Ek: Avslag på förslaget.",
            "Avstår (1): Hans Holm Ordföranden ställer proposition",
        ] {
            assert!(flat.contains(wanted), "{wanted:?} in {flat}");
        }
        // The vote under one heading: the secretary's words follow the roll call.
        assert_eq!(flat.matches("Omröstning").count(), 1, "{flat}");
    }

    #[test]
    fn the_authority_names_the_document() {
        let d = Document::build(
            &lomma(),
            &DocumentKind::Protokoll,
            &RenderOptions::default(),
        )
        .unwrap();
        assert_eq!(d.author, "Lomma kommun");
        assert_eq!(
            d.title,
            "Lomma kommun, Kommunfullmäktige – sammanträdesprotokoll 2024-09-26"
        );
        assert_eq!(
            crate::file_name(&d, crate::Format::Pdf),
            "lomma-kommun-kommunfullmaktige-2024-09-26-protokoll.pdf"
        );
        // "Plats och tid" on page 1 carries the date, whatever else is known.
        assert_eq!(d.cover[0].label, "Plats och tid");
        assert_eq!(
            d.cover[0].lines,
            ["Sessionssalen Kärnan, 2024-09-26 kl. 18:00 – 18:34"]
        );
        let bare = ParsedProtocol::new("Direktionen", NaiveDate::from_ymd_opt(2024, 3, 5).unwrap());
        let d =
            Document::build(&bare, &DocumentKind::Protokoll, &RenderOptions::default()).unwrap();
        assert_eq!(d.author, "Direktionen");
        assert_eq!(d.cover[0].lines, ["2024-03-05"]);
        assert_eq!(
            crate::file_name(&d, crate::Format::Pdf),
            "direktionen-2024-03-05-protokoll.pdf"
        );
    }

    #[test]
    fn a_kallelse_gives_the_planned_time_not_the_end() {
        let d =
            Document::build(&lomma(), &DocumentKind::Kallelse, &RenderOptions::default()).unwrap();
        assert_eq!(d.time.as_deref(), Some("kl. 18:00"));
        let d = Document::build(
            &lomma(),
            &DocumentKind::Protokoll,
            &RenderOptions::default(),
        )
        .unwrap();
        assert_eq!(d.time.as_deref(), Some("kl. 18:00 – 18:34"));
    }

    #[test]
    fn the_anslag_is_worded_for_the_kind_of_authority() {
        let anslag = |authority: &str, kind: Option<AuthorityKind>| {
            let p = ParsedProtocol {
                authority: Some(authority.into()),
                ..lomma()
            };
            let options = RenderOptions {
                authority_kind: kind,
                ..RenderOptions::default()
            };
            Document::build(&p, &DocumentKind::Anslag, &options).unwrap()
        };
        let d = anslag("Lomma kommun", None);
        assert_eq!(
            d.announcement,
            "Kommunfullmäktige i Lomma kommun har haft sammanträde den 26 september 2024. Protokollet är justerat."
        );
        assert_eq!(d.appellants, "Den som är medlem i kommunen");
        assert_eq!(
            anslag("Kommunalförbundet Itsam", None).appellants,
            "Den som är medlem i en kommun eller region som är medlem i förbundet"
        );
        assert_eq!(
            anslag("Region Skåne", None).appellants,
            "Den som är medlem i regionen"
        );
        // The registry's kind wins over the name's guess.
        assert_eq!(
            anslag("Itsam", Some(AuthorityKind::Kommunalforbund)).appellants,
            "Den som är medlem i en kommun eller region som är medlem i förbundet"
        );
        let text = String::from_utf8(
            crate::render(
                &lomma(),
                &DocumentKind::Anslag,
                crate::Format::Txt,
                &RenderOptions::default(),
            )
            .unwrap(),
        )
        .unwrap();
        assert!(text.contains("Den som är medlem i kommunen kan överklaga besluten"));
        assert!(!text.contains("kommunen eller förbundet"));
    }

    #[test]
    fn minutes_not_yet_justerade_never_claim_a_justering() {
        let options = RenderOptions {
            not_justerad: true,
            ..RenderOptions::default()
        };
        let d = Document::build(&lomma(), &DocumentKind::Protokoll, &options).unwrap();
        assert_eq!(d.heading, "Sammanträdesprotokoll (ej justerat)");
        assert!(d.title.contains("(ej justerat)"), "{}", d.title);
        let text = String::from_utf8(
            crate::render(
                &lomma(),
                &DocumentKind::Protokoll,
                crate::Format::Txt,
                &options,
            )
            .unwrap(),
        )
        .unwrap();
        assert!(
            text.contains("Protokollet är ännu inte justerat."),
            "{text}"
        );
        assert!(!text.contains("Protokollet är justerat"), "{text}");
        let justerat = Document::build(
            &lomma(),
            &DocumentKind::Protokoll,
            &RenderOptions::default(),
        )
        .unwrap();
        assert_eq!(justerat.heading, "Sammanträdesprotokoll");
        assert!(
            justerat
                .notice_statement
                .starts_with("Protokollet är justerat.")
        );
    }

    #[test]
    fn the_signature_page_speaks_swedish_time_and_names_the_authority_s_website() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        // Winter and summer time, and the hour that repeats when summer time ends.
        assert_eq!(
            swedish_time(at("2026-03-19T10:00:00Z")),
            "2026-03-19 11:00:00 (UTC+01:00)"
        );
        assert_eq!(
            swedish_time(at("2026-06-19T10:00:00Z")),
            "2026-06-19 12:00:00 (UTC+02:00)"
        );
        assert_eq!(
            swedish_time(at("2026-10-25T00:30:00Z")),
            "2026-10-25 02:30:00 (UTC+02:00)"
        );
        assert_eq!(
            swedish_time(at("2026-10-25T01:30:00Z")),
            "2026-10-25 02:30:00 (UTC+01:00)"
        );
        let p = ParsedProtocol {
            authority: Some("Kommunalförbundet Itsam".into()),
            ..lomma()
        };
        let options = RenderOptions {
            content_sha256: Some("ab".repeat(32)),
            ..RenderOptions::default()
        };
        let d = Document::build(&p, &DocumentKind::Protokoll, &options).unwrap();
        assert_eq!(d.signature_page.unwrap().check_at, "förbundets webbplats");
        let d = Document::build(&lomma(), &DocumentKind::Protokoll, &options).unwrap();
        assert_eq!(d.signature_page.unwrap().check_at, "kommunens webbplats");
    }

    #[test]
    fn extract_lists_parse() {
        assert_eq!(
            DocumentKind::extract("24, 23,§ 25-26").unwrap(),
            DocumentKind::Utdrag(vec![23, 24, 25, 26])
        );
        assert!(DocumentKind::extract("x").is_err());
        assert!(DocumentKind::extract("").is_err());
    }
}
