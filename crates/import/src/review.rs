//! What a reader should check in a parsed protocol: the key fields the parser could not read.
//!
//! `kansli import` names them per file in its summary (text and `--json`), so that a protocol
//! imported without its beslutande, chair, justerare, notice dates or authority is seen, not
//! silently stored.

use kansli_core::protocol::{ParsedProtocol, ParticipantCategory};

/// The key fields of `p` that are empty, by their names in the `kansli parse` contract:
/// `beslutande`, `chair`, `justerare`, `notice.posted`, `notice.removal`, `authority`.
pub fn unread_key_fields(p: &ParsedProtocol) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !p
        .participants
        .iter()
        .any(|x| x.category == ParticipantCategory::Beslutande)
    {
        out.push("beslutande");
    }
    if p.chair.is_none() {
        out.push("chair");
    }
    if p.justerare.is_empty() {
        out.push("justerare");
    }
    if p.notice.posted.is_none() {
        out.push("notice.posted");
    }
    if p.notice.removal.is_none() {
        out.push("notice.removal");
    }
    if p.authority.is_none() {
        out.push("authority");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn names_every_empty_key_field() {
        let date = NaiveDate::from_ymd_opt(2024, 3, 5).expect("date");
        let mut p = ParsedProtocol::new("Direktionen", date);
        assert_eq!(
            unread_key_fields(&p),
            vec![
                "beslutande",
                "chair",
                "justerare",
                "notice.posted",
                "notice.removal",
                "authority"
            ]
        );
        p.chair = Some("Jacob Käll".into());
        p.authority = Some("Kommunalförbundet Itsam".into());
        p.notice.posted = Some(date);
        assert_eq!(
            unread_key_fields(&p),
            vec!["beslutande", "justerare", "notice.removal"]
        );
    }
}
