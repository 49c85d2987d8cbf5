//! The legal references the law engine cites, in one place so a correction is one edit.
//!
//! "KL" is Kommunallagen (2017:725). Where a rule reaches nämnder through 6 kap. 35 § (which
//! applies the protocol rules of 5 kap. to them) both references are given.

/// Justering within 14 days, fullmäktige.
pub const JUSTERING_FULLMAKTIGE: &str = "KL 5 kap. 69 §";
/// Justering within 14 days, styrelse, nämnder, direktion and other bodies.
pub const JUSTERING: &str = "KL 5 kap. 69 §, 6 kap. 35 §";
/// Notice of justering on the anslagstavla by the second day after justering, kept up until
/// the appeal period has ended.
pub const NOTICE: &str = "KL 8 kap. 12 §";
/// Laglighetsprövning: three weeks from the posting of the notice.
pub const APPEAL: &str = "KL 13 kap. 5 §";
/// Moving a last day that falls on a holiday, Saturday or afton.
pub const MOVING: &str = "lag (1930:173) om beräkning av lagstadgad tid";
/// The section of that law that moves the day, as cited in a sentence.
pub const MOVING_SECTION: &str = "2 § lagen (1930:173) om beräkning av lagstadgad tid";
/// Beslutförhet of fullmäktige: more than half of the members present.
pub const QUORUM_FULLMAKTIGE: &str = "KL 5 kap. 42 §";
/// Beslutförhet of a nämnd (and of a direktion, which follows the rules for nämnder).
pub const QUORUM: &str = "KL 6 kap. 27 §";
/// What the minutes record for each item: who took part, the decision.
pub const MINUTES_CONTENT: &str = "KL 5 kap. 66 §, 6 kap. 35 §";
/// Jäv of a member of a nämnd (styrelse, direktion and other bodies).
pub const DISQUALIFICATION: &str = "KL 6 kap. 28 §";
/// Jäv of a member of fullmäktige.
pub const DISQUALIFICATION_FULLMAKTIGE: &str = "KL 5 kap. 47 §";
/// Omröstning: each serving member has one vote, recorded in the minutes.
pub const VOTE: &str = "KL 5 kap. 53–55 §§, 6 kap. 33 §";
/// A tie: the chair's casting vote; in an election, lots.
pub const TIE: &str = "KL 5 kap. 55 §";
/// Paragraph numbering: practice (numbers run per body per calendar year), not statute.
pub const NUMBERING: &str = "god protokollsed";

/// The justering reference for a body, by its name ("Kommunfullmäktige" → 5 kap. 69 §).
pub fn justering_for(body: &str) -> &'static str {
    if is_fullmaktige(body) {
        JUSTERING_FULLMAKTIGE
    } else {
        JUSTERING
    }
}

/// The beslutförhet reference for a body, by its name.
pub fn quorum_for(body: &str) -> &'static str {
    if is_fullmaktige(body) {
        QUORUM_FULLMAKTIGE
    } else {
        QUORUM
    }
}

/// The jäv reference for a body, by its name.
pub fn disqualification_for(body: &str) -> &'static str {
    if is_fullmaktige(body) {
        DISQUALIFICATION_FULLMAKTIGE
    } else {
        DISQUALIFICATION
    }
}

fn is_fullmaktige(body: &str) -> bool {
    crate::organisation::BodyKind::from_name(body) == crate::organisation::BodyKind::Fullmaktige
}
