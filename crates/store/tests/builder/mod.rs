//! Builds sample-like `ParsedProtocol`s by hand (the parser is written elsewhere), and varies
//! them for the benchmark and the tests.

#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use kansli_core::ParagraphRange;
use kansli_core::protocol::{
    AgendaEntry, Item, ParsedJustering, ParsedMotion, ParsedNotice, ParsedProtocol,
    ParsedSignature, Participant, ParticipantCategory, Section,
};

/// Builder of a protocol shaped like Itsam's direktion minutes of 2024-03-05.
#[derive(Debug, Clone)]
pub struct ProtocolBuilder {
    protocol: ParsedProtocol,
}

fn participant(
    name: &str,
    category: ParticipantCategory,
    role: Option<&str>,
    represents: Option<&str>,
    paragraphs: Option<&str>,
) -> Participant {
    Participant {
        name: name.into(),
        category,
        role: role.map(Into::into),
        represents: represents.map(Into::into),
        party: None,
        paragraphs: paragraphs.map(Into::into),
        serves_for: None,
    }
}

/// One paragraph with a Dnr and a decision.
pub fn item(number: u32, dnr: Option<&str>, title: &str) -> Item {
    Item {
        recorded: Default::default(),
        paragraph: number,
        dnr: dnr.map(Into::into),
        title: title.into(),
        decision: Some(format!(
            "Direktionen beslutar att godkänna {}.",
            title.to_lowercase()
        )),
        summary: Some(format!("Förbundsdirektören föredrar ärendet {title}.")),
        basis: vec![format!("Tjänsteskrivelse {title}")],
        motions: vec![],
        proposition_order: None,
        vote: None,
        reservations: vec![],
        notes: vec![],
        disqualifications: vec![],
        dispatch: vec!["Akt".into()],
        sections: vec![],
    }
}

impl ProtocolBuilder {
    /// The Itsam direktion of 2024-03-05, §§ 1-4, with the details that matter for storage.
    pub fn itsam() -> Self {
        use ParticipantCategory::*;
        let date = NaiveDate::from_ymd_opt(2024, 3, 5).expect("date");
        let mut items = vec![
            item(
                1,
                Some("ITSAM 2024/25"),
                "Information angående säkerhetsarbetet",
            ),
            item(2, Some("ITSAM 2024/1"), "Information från verksamheten"),
            item(3, Some("ITSAM 2024/2"), "Personal"),
            item(4, Some("ITSAM 2024/8"), "Revidering förbundsordning"),
        ];
        items[3].motions = vec![ParsedMotion {
            kind: None,
            movers: vec!["Jacob Käll".into()],
            text: "Bifall till förslaget.".into(),
        }];
        items[3].proposition_order =
            Some("Ordföranden ställer proposition på förslaget och finner det bifallet.".into());
        items[3].vote = Some("Omröstning begärs inte.".into());
        items[3].reservations = vec!["Thomas Lidberg reserverar sig.".into()];
        items[3].notes = vec!["Elisabet Hagström lämnar en protokollsanteckning.".into()];
        items[3].disqualifications = vec!["Claes Sjökvist anmäler jäv.".into()];
        items[3].dispatch = vec!["Akt".into(), "Medlemskommunerna".into()];
        items[3].sections = vec![Section {
            heading: "Överläggning".into(),
            text: "Ledamöterna diskuterar förslaget.".into(),
        }];
        let protocol = ParsedProtocol {
            absent: Vec::new(),
            authority: Some("Kommunalförbundet Itsam".into()),
            body: "Direktionen".into(),
            meeting_date: date,
            start_time: Some("13:00".into()),
            end_time: Some("14:45".into()),
            place: Some("Teknikringen 9, Linköping, Lokal: Leonardo".into()),
            paragraphs: Some(ParagraphRange { first: 1, last: 4 }),
            chair: Some("Jacob Käll".into()),
            secretary: Some("Joakim Karlsson".into()),
            justerare: vec!["Thomas Lidberg".into()],
            justering: ParsedJustering {
                place: Some("Digitalt".into()),
                date: None,
            },
            notice: ParsedNotice {
                posted: NaiveDate::from_ymd_opt(2024, 3, 11),
                removal: NaiveDate::from_ymd_opt(2024, 4, 2),
                kept_at: Some("Itsam".into()),
            },
            participants: vec![
                participant(
                    "Jacob Käll",
                    Beslutande,
                    Some("ordförande"),
                    Some("Vimmerby kommun"),
                    None,
                ),
                participant(
                    "Elisabet Hagström",
                    Beslutande,
                    Some("vice ordförande"),
                    Some("Ydre kommun"),
                    None,
                ),
                participant(
                    "Claes Sjökvist",
                    Beslutande,
                    Some("ledamot"),
                    Some("Boxholms kommun"),
                    None,
                ),
                participant(
                    "Thomas Lidberg",
                    Beslutande,
                    Some("ledamot"),
                    Some("Åtvidabergs kommun"),
                    None,
                ),
                participant(
                    "Conny Forsberg",
                    Beslutande,
                    Some("ledamot"),
                    Some("Kinda kommun"),
                    Some("§§ 1-2"),
                ),
                participant(
                    "Joakim Magnusson",
                    Ersattare,
                    Some("ersättare"),
                    Some("Åtvidabergs kommun"),
                    None,
                ),
                participant(
                    "Robert Dahlberg",
                    Ovriga,
                    Some("förbundsdirektör"),
                    None,
                    None,
                ),
                participant(
                    "Joakim Karlsson",
                    Ovriga,
                    Some("ledningssekreterare"),
                    None,
                    None,
                ),
            ],
            signatures: vec![
                ParsedSignature {
                    name: "Jacob Käll".into(),
                    signed_at: Some(Utc.with_ymd_and_hms(2024, 3, 8, 10, 24, 23).unwrap()),
                },
                ParsedSignature {
                    name: "Thomas Lidberg".into(),
                    signed_at: Some(Utc.with_ymd_and_hms(2024, 3, 8, 11, 2, 0).unwrap()),
                },
            ],
            agenda: items
                .iter()
                .map(|i| AgendaEntry {
                    paragraph: i.paragraph,
                    dnr: i.dnr.clone(),
                    title: i.title.clone(),
                    pages: Some(format!("{}", i.paragraph + 2)),
                })
                .collect(),
            items,
            appendices: vec!["Bilaga 1 Förbundsordning".into()],
            layout: "direktion".into(),
            warnings: vec!["the justering date is not printed".into()],
            confidence: Default::default(),
        };
        ProtocolBuilder { protocol }
    }

    /// Another meeting date.
    pub fn date(mut self, y: i32, m: u32, d: u32) -> Self {
        self.protocol.meeting_date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        self
    }

    /// Another body.
    pub fn body(mut self, name: &str) -> Self {
        self.protocol.body = name.into();
        self
    }

    /// Renumbers the paragraphs from `first`, keeping their order.
    pub fn first_paragraph(mut self, first: u32) -> Self {
        for (i, item) in self.protocol.items.iter_mut().enumerate() {
            item.paragraph = first + i as u32;
        }
        for (i, entry) in self.protocol.agenda.iter_mut().enumerate() {
            entry.paragraph = first + i as u32;
        }
        let last = first + self.protocol.items.len().saturating_sub(1) as u32;
        self.protocol.paragraphs = Some(ParagraphRange { first, last });
        self
    }

    /// Replaces the items (and the agenda to match).
    pub fn items(mut self, items: Vec<Item>) -> Self {
        self.protocol.agenda = items
            .iter()
            .map(|i| AgendaEntry {
                paragraph: i.paragraph,
                dnr: i.dnr.clone(),
                title: i.title.clone(),
                pages: None,
            })
            .collect();
        let first = items.iter().map(|i| i.paragraph).min();
        let last = items.iter().map(|i| i.paragraph).max();
        self.protocol.paragraphs = first
            .zip(last)
            .map(|(first, last)| ParagraphRange { first, last });
        self.protocol.items = items;
        self
    }

    /// Edits the protocol in place.
    pub fn with(mut self, edit: impl FnOnce(&mut ParsedProtocol)) -> Self {
        edit(&mut self.protocol);
        self
    }

    /// The protocol.
    pub fn build(self) -> ParsedProtocol {
        self.protocol
    }
}

/// A varied protocol for bulk tests and the benchmark: protocol `n` of a generated archive
/// of a few authorities, each with a few bodies meeting through the years.
pub fn generated(n: u32) -> (ParsedProtocol, String) {
    const AUTHORITIES: [&str; 4] = [
        "Kommunalförbundet Itsam",
        "Lomma kommun",
        "Ödeshögs kommun",
        "Region Östergötland",
    ];
    const BODIES: [&str; 5] = [
        "Direktionen",
        "Kommunfullmäktige",
        "Barn- och utbildningsnämnden",
        "Kultur- och fritidsnämnden",
        "Socialnämnden",
    ];
    const FIRST: [&str; 8] = [
        "Anna", "Björn", "Cecilia", "Dag", "Eva", "Fredrik", "Görel", "Åsa",
    ];
    const LAST: [&str; 8] = [
        "Andersson",
        "Björk",
        "Carlsson",
        "Dahl",
        "Ek",
        "Forsberg",
        "Göransson",
        "Öberg",
    ];
    let authority = AUTHORITIES[(n % 4) as usize];
    let body = BODIES[((n / 4) % 5) as usize];
    // Within one (authority, body): meeting k of the sequence, ~10 meetings a year.
    let k = n / 20;
    let year = 1990 + (k / 10) as i32;
    let month = 1 + (k % 10);
    let day = 1 + (n % 20) / 4 + (k % 3) * 7;
    let first = 1 + (k % 10) * 12;
    let series = slug_series(body);
    let items: Vec<Item> = (0..12)
        .map(|i| {
            let number = first + i;
            // Some cases recur across meetings: the running number repeats every few meetings.
            let dnr = (i % 5 != 4).then(|| format!("{series} {year}/{}", (k % 7) * 10 + i + 1));
            let mut it = item(
                number,
                dnr.as_deref(),
                &format!("Ärende {number} om {}", LAST[(i % 8) as usize]),
            );
            if i % 4 == 0 {
                it.motions.push(ParsedMotion {
                    kind: None,
                    movers: vec![format!(
                        "{} {}",
                        FIRST[(i % 8) as usize],
                        LAST[((i + n) % 8) as usize]
                    )],
                    text: "Bifall till förslaget.".into(),
                });
            }
            it
        })
        .collect();
    let people: Vec<String> = (0..11)
        .map(|i| {
            format!(
                "{} {}",
                FIRST[((i + n) % 8) as usize],
                LAST[((i * 3 + k) % 8) as usize]
            )
        })
        .collect();
    let protocol = ProtocolBuilder::itsam()
        .body(body)
        .date(year, month, day)
        .items(items)
        .with(|p| {
            p.authority = Some(authority.to_string());
            p.chair = Some(people[0].clone());
            p.justerare = vec![people[1].clone()];
            p.secretary = Some(people[10].clone());
            p.participants = people
                .iter()
                .enumerate()
                .map(|(i, name)| Participant {
                    name: name.clone(),
                    category: if i < 7 {
                        ParticipantCategory::Beslutande
                    } else if i < 9 {
                        ParticipantCategory::Ersattare
                    } else {
                        ParticipantCategory::Ovriga
                    },
                    role: Some(
                        if i == 0 {
                            "ordförande"
                        } else if i < 7 {
                            "ledamot"
                        } else if i < 9 {
                            "ersättare"
                        } else {
                            "sekreterare"
                        }
                        .into(),
                    ),
                    represents: None,
                    party: Some(["S", "M", "C", "V", "KD", "L", "MP", "SD"][i % 8].into()),
                    paragraphs: (i == 3).then(|| format!("§§ {}-{}", first, first + 5)),
                    serves_for: None,
                })
                .collect();
            p.signatures.clear();
            p.notice.posted = None;
            p.notice.removal = None;
        })
        .build();
    (protocol, authority.to_string())
}

fn slug_series(body: &str) -> &'static str {
    match body.chars().next() {
        Some('D') => "ITSAM",
        Some('K') if body.starts_with("Kommun") => "KS",
        Some('B') => "BUN",
        Some('K') => "KFN",
        _ => "SN",
    }
}

/// Imports the Itsam-shaped protocol ([`ProtocolBuilder::itsam`]) into `store` under
/// "Kommunalförbundet Itsam", as the tests that configure what an import created begin.
pub async fn import_itsam(store: &kansli_store::Store) {
    store
        .import_protocol(
            &ProtocolBuilder::itsam().build(),
            b"original",
            "p.txt",
            "Kommunalförbundet Itsam",
        )
        .await
        .unwrap();
}
