//! Kinds of trouble in real minutes (issue 16, `parse-cases/MORE-KINDS.md`), each as a small
//! invented input with the right value: the authority, page furniture, hyphenation, ligatures,
//! redactions … Each test fixes a kind, not one string.

use kansli_core::protocol::{ParsedProtocol, ParticipantCategory};

/// A small protocol around `cover` lines and `paragraphs` text.
fn protocol(top: &str, cover: &str, paragraphs: &str) -> String {
    format!(
        "{top}\nSocialnämnden\nSammanträdesdatum 2024-11-07\n\nPlats och tid    Rådhuset, kl. 14:00-16:10\n{cover}\nJusterare        Eva Nord\n\n{paragraphs}\n"
    )
}

fn parse(text: &str) -> ParsedProtocol {
    kansli_import::parse_text(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const ONE_PARAGRAPH: &str = "§ 31    Dnr 2024/77\n\nBudgetuppföljning oktober\n\nBeslut\nSocialnämnden godkänner budgetuppföljningen.";

#[test]
fn the_forvaringsplats_is_never_the_authority() {
    let p = parse(&protocol(
        "",
        "Beslutande       Maria Lund (S), ordförande\nFörvaringsplats för protokollet   Socialförvaltningen",
        ONE_PARAGRAPH,
    ));
    assert_eq!(p.authority, None);
    assert_eq!(p.notice.kept_at.as_deref(), Some("Socialförvaltningen"));
    assert!(p.warnings.iter().any(|w| w.contains("no authority found")));
}

#[test]
fn the_authority_from_a_page_header_in_capitals() {
    let p = parse(&protocol(
        "KUNGSBACKA KOMMUN",
        "Beslutande       Maria Lund (S), ordförande",
        ONE_PARAGRAPH,
    ));
    assert_eq!(p.authority.as_deref(), Some("Kungsbacka kommun"));
}

#[test]
fn the_authority_from_the_notice_board() {
    let p = parse(&protocol(
        "",
        "Beslutande       Maria Lund (S), ordförande\nAnslaget publicerat på Tanums kommuns digitala anslagstavla 2024-11-12",
        ONE_PARAGRAPH,
    ));
    assert_eq!(p.authority.as_deref(), Some("Tanums kommun"));
}

#[test]
fn the_authority_from_a_front_matter() {
    let text = format!(
        "---\ntitle: Protokoll\nauthority: Region Halland\n---\n{}",
        protocol(
            "",
            "Beslutande       Maria Lund (S), ordförande",
            ONE_PARAGRAPH
        )
    );
    let p = parse(&text);
    assert_eq!(p.authority.as_deref(), Some("Region Halland"));
}

#[test]
fn a_tjansteperson_among_others_present_is_no_member() {
    let p = parse(&protocol(
        "",
        "Beslutande       Maria Lund (S), ordförande\n                 Johan Krona (M)\nÖvriga närvarande  Frida Lund, socialchef\n                 Olle Rask, nämndsekreterare",
        ONE_PARAGRAPH,
    ));
    let members: Vec<&str> = p
        .participants
        .iter()
        .filter(|x| x.category == ParticipantCategory::Beslutande)
        .map(|x| x.name.as_str())
        .collect();
    assert_eq!(members, vec!["Maria Lund", "Johan Krona"]);
}
