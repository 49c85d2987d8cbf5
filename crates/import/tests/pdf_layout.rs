//! Kinds of layout that PDF minutes made by Word templates and publishing systems have and
//! text exports do not, each checked on the extraction of a case in `tests/cases-pdf/` (the
//! cases themselves are scored field by field in `tests/cases.rs`).

use std::path::PathBuf;

fn pdf_text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases-pdf")
        .join(format!("{name}.pdf"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    kansli_import::extract_text(&bytes)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .text
}

/// A value wrapping within its table cell keeps its column (a tab before it), so the cover
/// reads the time on the wrapped line as the place's and a list in one cell stays a list.
#[test]
fn a_value_wrapping_in_its_cell_keeps_its_column() {
    let text = pdf_text("p01-word-table-cover");
    assert!(
        text.contains(
            "Plats och tid\tKommunhuset, sammanträdesrum Ljusnan, onsdagen den 17\n\
             \tseptember 2025 kl. 08:30–11:45\n"
        ),
        "{text}"
    );
    let text = pdf_text("p02-label-value-far-apart");
    assert!(
        text.contains("Plats och tid\tStadshuset, Sessionssalen, kl.\n\t13:15–16:40\n"),
        "{text}"
    );
    let text = pdf_text("p03-cover-in-one-table");
    assert!(
        text.contains(
            "Beslutande\tIngrid Vass (S), ordförande\n\tIda Rask (S)\n\tPeter Kron (M)\n"
        ),
        "{text}"
    );
    // A label wrapping in its own (first) cell, and running text, stay at the margin.
    assert!(
        text.contains("\nJusteringens plats och tid\tKommunhuset 2026-02-02\n"),
        "{text}"
    );
    let text = pdf_text("p01-word-table-cover");
    assert!(
        text.contains("Nämnderna beräknas\nsammantaget göra"),
        "{text}"
    );
}

/// A label wrapped over lines in the row's first cell is one label: the producer writes the
/// value cell after it, up on the row's first line, and the label's lines that go on in lower
/// case are joined. Lines that start a new entry (a name under a signature line) are not.
#[test]
fn a_label_wrapped_in_its_cell_is_one_line() {
    let text = pdf_text("p04-furniture-last-and-attendance-appendix");
    assert!(
        text.contains(
            "\nDatum då anslaget sätts upp på kommunens digitala anslagstavla\t2026-03-09\n"
        ),
        "{text}"
    );
    assert!(text.contains("\nFörvaringsplats för protokollet\tKommunledningskontoret\n"));
    assert!(
        text.contains(".................................\nJens Holt\n"),
        "{text}"
    );
    // A name wrapped in a later cell stays where it is ("Joakim" / "Karlsson").
    let text = pdf_text("p01-word-table-cover");
    assert!(text.contains("\nÖvriga närvarande\tHelena Sjöberg, kommundirektör\n\tOlof Dahl"));
}

/// A cover written as two text boxes, every label and then every value, reads as label/value
/// rows: a value that jumps back up to its label's line, with a column of labels below it, is
/// written at the end of that line, and each value after it at the line of its height (one at a
/// height no label has is its cell's next line).
#[test]
fn labels_and_values_in_two_boxes_read_as_rows() {
    let text = pdf_text("p06-labels-and-values-in-two-boxes");
    assert!(
        text.contains(
            "Sammanträdesdatum\t2026-05-19\n\nPlats och tid\tStadshuset, Smålandsrummet, \
             kl. 08:30–10:15\n\nBeslutande\tGöran Lilja (S), ordförande\n\tJohanna Berg (C)\n\
             \tAli Hassan (M)\n\nErsättare\tEva Stål (S)\n"
        ),
        "{text}"
    );
    // After the cover the text goes on at the page's end, at the margin.
    assert!(text.contains("\nÄrenden\n"), "{text}");
}

/// MORE-KINDS 8: a landscape appendix drawn turned on a portrait page (`/Rotate 90` and
/// `/Rotate 270`, the running header and footer upright as on the other pages) reads row by
/// row in the direction its text runs, is an appendix and never a paragraph, and the page
/// header beside "Sida N av M" never runs into a decision going on over a page break.
#[test]
fn a_turned_landscape_page_reads_row_by_row() {
    let name = "p07-landscape-appendices-on-turned-pages";
    let text = pdf_text(name);
    for row in [
        "Ledamot\tParti\tJa\tNej\tAvstår\n",
        "Kristina Holmberg, ordförande\tM\tX\n",
        // an empty column of a table of marks keeps its tab: each X stays in its column
        "Jan-Erik Sundin\tS\t\tX\n",
        "Birgitta Ahl\tL\t\t\tX\n",
        "Summa\t\t4\t2\t1\n",
        "Nämnd\tBudget 2026 (tkr)\tBudget 2027 (tkr)\tFörändring (tkr)\tFörändring (%)\n",
        "2 Barn- och utbildningsnämnden\t612 400\t628 100\t15 700\t2,6\n",
    ] {
        assert!(text.contains(row), "{row:?} in\n{text}");
    }
    // the upright furniture of a turned page still reads as a line
    assert!(text.contains("VÄSTERLUNDA KOMMUN\tSida 3 av 5\n"), "{text}");

    let bytes = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases-pdf/{name}.pdf")),
    )
    .unwrap();
    let p = kansli_import::parse_bytes(&bytes).unwrap();
    let numbers: Vec<u32> = p.items.iter().map(|i| i.paragraph).collect();
    assert_eq!(numbers, vec![45, 46, 47, 48]);
    assert_eq!(
        p.appendices,
        vec![
            "Bilaga 1 Omröstningslista § 46",
            "Bilaga 2 Driftbudget 2027 per nämnd"
        ]
    );
    let decision = p.items[1].decision.as_deref().unwrap_or_default();
    assert_eq!(
        decision,
        "Kommunfullmäktige beslutar att simhallarnas öppettider ändras enligt kommunstyrelsens \
         förslag från och med den 1 augusti 2026."
    );
    assert!(p.items.iter().all(|i| {
        let d = i.decision.as_deref().unwrap_or_default();
        !d.contains("Sida ") && !d.contains("Budget 2026") && !d.contains("Avstår")
    }));
    // the voting list's names are no new participants
    assert_eq!(p.participants.len(), 8);
}

/// MORE-KINDS 2–4 as a PDF gives them: a soft hyphen drawn at a line end (U+00AD through the
/// font's ToUnicode) joins its word, in a title, a decision, the ärendelista and a name in a
/// table cell; a hyphen after capitals keeps it ("VA-kollektivets"); a suspended compound keeps
/// hyphen and space; a name broken at its hyphen in a narrow cell is one person.
#[test]
fn words_broken_at_line_ends_in_a_pdf() {
    let name = "p08-words-broken-at-line-ends";
    let text = pdf_text(name);
    assert!(!text.contains('\u{ad}'), "{text}");
    assert!(text.contains("Annelie Grönkvist\n(C)"), "{text}");
    assert!(
        text.contains("Handlingsplan för informationssäkerhet\n2027"),
        "{text}"
    );
    let bytes = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases-pdf/{name}.pdf")),
    )
    .unwrap();
    let p = kansli_import::parse_bytes(&bytes).unwrap();
    let titles: Vec<&str> = p.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Val av justerare",
            "Handlingsplan för informationssäkerhet 2027",
            "Taxa för VA-kollektivets tjänster 2027"
        ]
    );
    let decision = |i: usize| p.items[i].decision.clone().unwrap_or_default();
    assert!(decision(0).contains("utser Eva-Lena Ståhl (S) att justera"));
    assert!(decision(1).contains(
        "för informationssäkerhet och uppdrar åt barn- och utbildningsnämnden samt miljö- och \
         byggnadsnämnden"
    ));
    assert!(decision(2).contains("att VA-kollektivets taxa"));
    assert!(decision(2).contains("den 1 januari 2027"));
    let names: Vec<&str> = p.participants.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Carl-Johan Wester",
            "Eva-Lena Ståhl",
            "Rikard Norén",
            "Annelie Grönkvist",
            "Per-Arne Lidén"
        ]
    );
}

/// Two lists side by side where the right one is longer: a row holding only a right-hand
/// person starts in the right-hand column, which the extraction marks with a tab (the x of a
/// later cell of the row above), so the person goes to the right-hand list.
#[test]
fn a_row_with_only_a_right_hand_person_keeps_its_column() {
    let name = "p09-side-by-side-lists-right-longer";
    let text = pdf_text(name);
    assert!(text.contains("\n\tPetra Alm\tV\n"), "{text}");
    assert!(text.contains("\n\tTobias Rehn\tSD\n"), "{text}");
    assert!(text.contains("\nFarah Said\tS\tOla Nyqvist\tC\n"), "{text}");
    let bytes = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases-pdf/{name}.pdf")),
    )
    .unwrap();
    let p = kansli_import::parse_bytes(&bytes).unwrap();
    let of = |cat: kansli_core::protocol::ParticipantCategory| -> Vec<(&str, Option<&str>)> {
        p.participants
            .iter()
            .filter(|x| x.category == cat)
            .map(|x| (x.name.as_str(), x.party.as_deref()))
            .collect()
    };
    use kansli_core::protocol::ParticipantCategory::{Beslutande, Ersattare};
    // the party cell after a role ("Helena Strand, ordförande ⇥ S") is the person's
    assert_eq!(
        of(Beslutande),
        vec![
            ("Helena Strand", Some("S")),
            ("Erik Malm", Some("M")),
            ("Farah Said", Some("S"))
        ]
    );
    assert_eq!(p.participants[0].role.as_deref(), Some("ordförande"));
    assert_eq!(
        of(Ersattare),
        vec![
            ("Jonas Lind", Some("S")),
            ("Sara Bergh", Some("M")),
            ("Ola Nyqvist", Some("C")),
            ("Petra Alm", Some("V")),
            ("Tobias Rehn", Some("SD"))
        ]
    );
}

/// A signature table drawn cell by cell ("Kristina Holmberg ⇥ ……" then "⇥ Pär Nyman"): its
/// names come out by role, agree with the cover's justerare, and never end the last decision.
#[test]
fn a_signature_table_drawn_cell_by_cell_gives_names() {
    for name in [
        "p01-word-table-cover",
        "p04-furniture-last-and-attendance-appendix",
        "p06-labels-and-values-in-two-boxes",
        "p07-landscape-appendices-on-turned-pages",
    ] {
        let bytes = std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases-pdf/{name}.pdf")),
        )
        .unwrap();
        let p = kansli_import::parse_bytes(&bytes).unwrap();
        let last = p.items.last().and_then(|i| i.decision.clone()).unwrap();
        assert!(
            !last.contains("....") && !last.contains("Ordförande"),
            "{name}: {last}"
        );
        assert!(
            !p.warnings.iter().any(|w| w.contains("justerare who sign")),
            "{name}: {:?}",
            p.warnings
        );
        if name.starts_with("p07") {
            assert_eq!(p.chair.as_deref(), Some("Kristina Holmberg"));
            // the secretary is named only under the signature line
            assert_eq!(p.secretary.as_deref(), Some("Pär Nyman"));
            assert_eq!(p.justerare, vec!["Annika Vall", "Mehmet Yilmaz"]);
        }
    }
}

/// A voting table in a PDF ("Ledamot ⇥ Ja ⇥ Nej ⇥ Avstår", an X per name): the extraction
/// writes a tab for each empty column of a table of marks, so each X keeps its column and the
/// table is the paragraph's roll call, as in `-layout` text.
#[test]
fn a_pdf_voting_table_is_the_roll_call() {
    use kansli_core::protocol::VoteChoice::{Avstar, Ja, Nej};
    let read = |name: &str, paragraph: u32| -> Vec<(String, kansli_core::protocol::VoteChoice)> {
        let bytes = std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases-pdf/{name}.pdf")),
        )
        .unwrap();
        let p = kansli_import::parse_bytes(&bytes).unwrap();
        let item = p.items.iter().find(|i| i.paragraph == paragraph).unwrap();
        item.recorded
            .votering
            .as_ref()
            .map(|v| v.casts.iter().map(|c| (c.name.clone(), c.choice)).collect())
            .unwrap_or_default()
    };
    let casts = read(
        "p16-forbund-direktion-grouped-by-kommun-jav-substitute-and-voting-table",
        42,
    );
    assert_eq!(casts.len(), 5, "{casts:?}");
    assert_eq!(casts[4], ("Filip Ström".to_string(), Nej));
    assert!(casts[..4].iter().all(|(_, c)| *c == Ja), "{casts:?}");
    // the landscape appendix on a turned page, with a party column
    let casts = read("p07-landscape-appendices-on-turned-pages", 46);
    let choices: Vec<_> = casts.iter().map(|(_, c)| *c).collect();
    assert_eq!(choices, vec![Ja, Nej, Ja, Nej, Ja, Avstar, Ja], "{casts:?}");
    // a table going on overleaf without its header (its "Summa" row on the next page, the
    // footer "Ordf sign   Just sign   Utdragsbestyrkande" between): the columns hold
    let name = "p17-socialnamnd-boxed-cover-heads-with-dnr-cell-and-voting-table-with-party";
    let casts = read(name, 91);
    let choices: Vec<_> = casts.iter().map(|(_, c)| *c).collect();
    assert_eq!(
        choices,
        vec![Ja, Ja, Ja, Ja, Ja, Nej, Avstar, Ja],
        "{casts:?}"
    );
    let text = pdf_text(name);
    assert!(text.contains("\nSumma\t\t6\t1\t1"), "{text}");
    let bytes = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases-pdf/{name}.pdf")),
    )
    .unwrap();
    let p = kansli_import::parse_bytes(&bytes).unwrap();
    assert!(
        !p.warnings.iter().any(|w| w.contains("voting list")),
        "{:?}",
        p.warnings
    );
    assert!(
        p.items
            .iter()
            .all(|i| { !format!("{:?}", i).contains("Ordf sign") })
    );
}
