//! Redaction for publication: finding personnummer in text and masking passages in the copy of
//! minutes the public sees, while the original stays as it is.
//!
//! [`find_personnummer`] detects `YYMMDD-NNNN`, `YYMMDD+NNNN` and `YYYYMMDD-NNNN` (also
//! samordningsnummer, day + 60) with a real date and the Luhn check digit, standing alone: a date
//! range (`2024-01-01 - 2024-12-31`, `20240101-20241231`), a Dnr (`KS 2024-0123`), a phone number
//! or an organisationsnummer (month 20 or more) is never one. [`Redactor`] replaces every
//! masked text (and every personnummer not explicitly kept) with its marker in one pass over the
//! original, so a marker is never masked again; [`redact_protocol`] applies it to every text of a
//! record. The published copy is always the original minus its masks: nothing else changes.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;

use crate::protocol::{Item, ParsedProtocol};

/// What replaces a personnummer in the published copy.
pub const PERSONNUMMER_MARKER: &str = "[personnummer maskerat]";

/// What replaces a person's name once the minutes are avpublicerade.
pub const NAME_MARKER: &str = "[namn maskerat]";

/// What replaces a passage masked on a legal ground: "[uppgift maskerad enligt OSL 26 kap. 1 §]".
pub fn passage_marker(ground: &str) -> String {
    format!("[uppgift maskerad enligt {}]", ground.trim())
}

/// What replaces the title of a confidential (sekretessmarkerad) case document in the published
/// copy of minutes that list it as beslutsunderlag: "[handling med sekretess enligt OSL 31 kap.
/// 16 §]" (the public kallelse leaves such a document out; the minutes keep that one was there).
pub fn confidential_document_marker(ground: Option<&str>) -> String {
    match ground.map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) => format!("[handling med sekretess enligt {g}]"),
        None => "[handling med sekretess]".to_string(),
    }
}

/// The byte ranges of the personnummer in `text`, in order, not overlapping.
pub fn find_personnummer(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_run = bytes[i].is_ascii_digit() && (i == 0 || !joined(bytes[i - 1]));
        if let Some(end) = starts_run.then(|| personnummer_at(bytes, i)).flatten() {
            out.push(i..end);
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// Whether `text` is exactly one personnummer (as [`find_personnummer`] reads them).
pub fn is_personnummer(text: &str) -> bool {
    matches!(find_personnummer(text).as_slice(), [r] if *r == (0..text.len()))
}

/// A character that joins a run of digits to what stands before or after it: then the digits
/// are part of something longer (a number, a Dnr, an identifier) and not a personnummer.
fn joined(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'/' | b'.' | b',' | b':' | b'_')
}

/// The end of a personnummer that starts at `start`, if one does.
fn personnummer_at(bytes: &[u8], start: usize) -> Option<usize> {
    let digits = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let date_len = match digits {
        6 => 6,
        8 => 8,
        _ => return None,
    };
    let sep = *bytes.get(start + date_len)?;
    if sep != b'-' && !(sep == b'+' && date_len == 6) {
        return None;
    }
    let tail_start = start + date_len + 1;
    let tail = bytes.get(tail_start..tail_start + 4)?;
    if !tail.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let end = tail_start + 4;
    // Followed by more digits, or by a separator and digits (a range, a longer number): not one.
    match bytes.get(end) {
        Some(b) if b.is_ascii_alphanumeric() || *b == b'_' => return None,
        Some(b'-' | b'+' | b'/' | b'.' | b',' | b':')
            if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) =>
        {
            return None;
        }
        _ => {}
    }
    let date = &bytes[start..start + date_len];
    let num = |s: &[u8]| s.iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    let (century, yy_mm_dd) = if date_len == 8 {
        let century = num(&date[..2]);
        if !(18..=20).contains(&century) {
            return None;
        }
        (Some(century), &date[2..])
    } else {
        (None, date)
    };
    let (yy, mm, mut dd) = (
        num(&yy_mm_dd[..2]),
        num(&yy_mm_dd[2..4]),
        num(&yy_mm_dd[4..6]),
    );
    if dd > 60 {
        dd -= 60; // samordningsnummer
    }
    let valid_in = |year: u32| {
        i32::try_from(year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, mm, dd))
            .is_some()
    };
    let valid = match century {
        Some(c) => valid_in(c * 100 + yy),
        None => [1800, 1900, 2000].iter().any(|c| valid_in(c + yy)),
    };
    if !valid {
        return None;
    }
    let mut ten: Vec<u32> = yy_mm_dd.iter().map(|b| u32::from(b - b'0')).collect();
    ten.extend(tail.iter().map(|b| u32::from(b - b'0')));
    luhn_ok(&ten).then_some(end)
}

/// The Luhn check over the ten digits of a personnummer (YYMMDDNNNC).
fn luhn_ok(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                x / 10 + x % 10
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The masks of one publication: texts to replace, each with its marker, and whether
/// personnummer are masked wherever they are found (except the texts a person judged not to be
/// one). Built from the stored masks of the minutes; applied to every text of the published copy.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    texts: Vec<(String, String)>,
    personnummer: bool,
    kept: HashSet<String>,
    /// Masks that hold within one paragraph only (a passage marked in § n), by number.
    in_paragraph: BTreeMap<u32, Vec<(String, String)>>,
}

impl Redactor {
    /// A redactor that masks every personnummer it finds and nothing else yet.
    pub fn new() -> Redactor {
        Redactor {
            personnummer: true,
            ..Redactor::default()
        }
    }

    /// Masks every occurrence of `text` (exactly as written) with `marker`; blank text is ignored.
    pub fn mask(&mut self, text: &str, marker: &str) {
        let text = text.trim();
        if !text.is_empty() && !self.texts.iter().any(|(t, _)| t == text) {
            self.texts.push((text.to_string(), marker.to_string()));
        }
    }

    /// Masks `text` within paragraph `paragraph` only (its title, texts, motions, lists): a
    /// passage marked in that §. The same words elsewhere — a member's name in the attendance
    /// list, another paragraph — stay as written.
    pub fn mask_in_paragraph(&mut self, paragraph: u32, text: &str, marker: &str) {
        let text = text.trim();
        let scoped = self.in_paragraph.entry(paragraph).or_default();
        if !text.is_empty() && !scoped.iter().any(|(t, _)| t == text) {
            scoped.push((text.to_string(), marker.to_string()));
        }
    }

    /// The masks that hold in paragraph `paragraph`: those of the whole minutes and those
    /// marked in that §, for masking one paragraph's texts field by field.
    pub fn for_paragraph(&self, paragraph: u32) -> std::borrow::Cow<'_, Redactor> {
        match self.in_paragraph.get(&paragraph) {
            None => std::borrow::Cow::Borrowed(self),
            Some(scoped) => {
                let mut r = self.clone();
                r.in_paragraph.clear();
                for (text, marker) in scoped {
                    r.mask(text, marker);
                }
                std::borrow::Cow::Owned(r)
            }
        }
    }

    /// Leaves `text` unmasked although it reads as a personnummer (a rejected proposal).
    pub fn keep(&mut self, text: &str) {
        self.kept.insert(text.trim().to_string());
    }

    /// Whether it masks any stored text (apart from detecting personnummer).
    pub fn has_texts(&self) -> bool {
        !self.texts.is_empty() || !self.in_paragraph.is_empty()
    }

    /// `text` with its masked passages replaced, and how many were.
    pub fn apply(&self, text: &str) -> (String, usize) {
        self.apply_among(text, &self.texts, self.personnummer)
    }

    /// `text` with `needles` replaced (and personnummer, when `personnummer`).
    fn apply_among(
        &self,
        text: &str,
        needles: &[(String, String)],
        personnummer: bool,
    ) -> (String, usize) {
        // Every candidate on the original text, then the leftmost, longest of overlapping ones.
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        if personnummer {
            for r in find_personnummer(text) {
                if !self.kept.contains(&text[r.clone()]) {
                    found.push((r.start, r.end, PERSONNUMMER_MARKER));
                }
            }
        }
        for (needle, marker) in needles {
            for (at, _) in text.match_indices(needle.as_str()) {
                found.push((at, at + needle.len(), marker));
            }
        }
        if found.is_empty() {
            return (text.to_string(), 0);
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = String::with_capacity(text.len());
        let (mut at, mut count) = (0, 0);
        for (start, end, marker) in found {
            if start < at {
                continue;
            }
            out.push_str(&text[at..start]);
            out.push_str(marker);
            at = end;
            count += 1;
        }
        out.push_str(&text[at..]);
        (out, count)
    }

    /// Masks `text` in place; returns how many passages were masked.
    pub fn apply_to(&self, text: &mut String) -> usize {
        let (out, n) = self.apply(text);
        if n > 0 {
            *text = out;
        }
        n
    }

    /// Masks an optional text in place.
    pub fn apply_opt(&self, text: &mut Option<String>) -> usize {
        text.as_mut().map_or(0, |t| self.apply_to(t))
    }

    /// Masks every text of a list in place.
    pub fn apply_all(&self, texts: &mut [String]) -> usize {
        texts.iter_mut().map(|t| self.apply_to(t)).sum()
    }
}

/// Masks every free text of a record in place (names, places, paragraph texts, motions, votes,
/// the agenda, appendices, warnings; never the body, dates, numbers or Dnr), returning how many
/// passages were masked: the published copy of `protocol`.
pub fn redact_protocol(protocol: &mut ParsedProtocol, r: &Redactor) -> usize {
    let mut n = 0;
    for_each_text(protocol, &mut |t| n += r.apply_to(t));
    for item in &mut protocol.items {
        if let Some(needles) = r.in_paragraph.get(&item.paragraph) {
            for_each_item_text(item, &mut |t| {
                let (out, k) = r.apply_among(t, needles, false);
                if k > 0 {
                    *t = out;
                    n += k;
                }
            });
        }
    }
    n
}

/// Calls `f` on every free text of a record: what redaction masks and searches.
fn for_each_text(p: &mut ParsedProtocol, f: &mut dyn FnMut(&mut String)) {
    let opt = |t: &mut Option<String>, f: &mut dyn FnMut(&mut String)| {
        if let Some(t) = t {
            f(t);
        }
    };
    opt(&mut p.place, f);
    opt(&mut p.chair, f);
    opt(&mut p.secretary, f);
    opt(&mut p.justering.place, f);
    opt(&mut p.notice.kept_at, f);
    p.justerare.iter_mut().for_each(&mut *f);
    p.appendices.iter_mut().for_each(&mut *f);
    p.warnings.iter_mut().for_each(&mut *f);
    for x in &mut p.participants {
        f(&mut x.name);
        opt(&mut x.role, f);
        opt(&mut x.represents, f);
        opt(&mut x.serves_for, f);
    }
    for x in &mut p.absent {
        f(&mut x.name);
        opt(&mut x.reason, f);
    }
    p.signatures.iter_mut().for_each(|x| f(&mut x.name));
    p.agenda.iter_mut().for_each(|x| f(&mut x.title));
    for item in &mut p.items {
        for_each_item_text(item, f);
    }
}

/// Calls `f` on every free text of one paragraph.
fn for_each_item_text(item: &mut Item, f: &mut dyn FnMut(&mut String)) {
    let opt = |t: &mut Option<String>, f: &mut dyn FnMut(&mut String)| {
        if let Some(t) = t {
            f(t);
        }
    };
    f(&mut item.title);
    opt(&mut item.decision, f);
    opt(&mut item.summary, f);
    opt(&mut item.proposition_order, f);
    opt(&mut item.vote, f);
    for list in [
        &mut item.basis,
        &mut item.reservations,
        &mut item.notes,
        &mut item.disqualifications,
        &mut item.dispatch,
        &mut item.recorded.disqualified,
    ] {
        list.iter_mut().for_each(&mut *f);
    }
    for m in &mut item.motions {
        m.movers.iter_mut().for_each(&mut *f);
        f(&mut m.text);
    }
    for s in &mut item.sections {
        f(&mut s.heading);
        f(&mut s.text);
    }
    if let Some(v) = &mut item.recorded.votering {
        f(&mut v.ja);
        f(&mut v.nej);
        v.casts.iter_mut().for_each(|c| f(&mut c.name));
    }
}

/// Every person named in a record as a person (participants, absent, chair, secretary,
/// justerare, signatories, movers, voters, the disqualified): what avpublicering masks.
pub fn person_names(p: &ParsedProtocol) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    names.extend(p.participants.iter().map(|x| x.name.clone()));
    names.extend(p.absent.iter().map(|x| x.name.clone()));
    names.extend(p.chair.iter().cloned());
    names.extend(p.secretary.iter().cloned());
    names.extend(p.justerare.iter().cloned());
    names.extend(p.signatures.iter().map(|x| x.name.clone()));
    for item in &p.items {
        for m in &item.motions {
            names.extend(m.movers.iter().cloned());
        }
        names.extend(item.recorded.disqualified.iter().cloned());
        if let Some(v) = &item.recorded.votering {
            names.extend(v.casts.iter().map(|c| c.name.clone()));
        }
    }
    let mut seen = HashSet::new();
    names
        .into_iter()
        .map(|n| n.trim().to_string())
        // A name is at least two letters; "Ordföranden" or a party is not worth masking apart.
        .filter(|n| n.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .filter(|n| seen.insert(n.clone()))
        .collect()
}

/// Every personnummer in every free text of a record, each once, in order of appearance: what
/// Kansli proposes to mask when minutes are imported or recorded.
pub fn personnummer_in(p: &ParsedProtocol) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for_each_text(&mut p.clone(), &mut |t| {
        for r in find_personnummer(t) {
            if !found.iter().any(|f| *f == t[r.clone()]) {
                found.push(t[r].to_string());
            }
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A passage marked in a paragraph is masked in that paragraph only.
    #[test]
    fn a_passage_marked_in_a_paragraph_is_masked_there_only() {
        let mut p = ParsedProtocol::new(
            "Socialnämnden",
            NaiveDate::from_ymd_opt(2024, 3, 5).unwrap(),
        );
        p.chair = Some("Karin Berg".into());
        let mut item: crate::protocol::Item = serde_json::from_value(serde_json::json!({
            "paragraph": 13, "dnr": null, "title": "Plan för tillsyn",
            "decision": null, "summary": "Karin Berg föredrar ärendet.", "basis": [],
            "motions": [], "proposition_order": null, "vote": null, "reservations": [],
            "notes": [], "disqualifications": [], "dispatch": [], "sections": []
        }))
        .unwrap();
        p.items.push(item.clone());
        item.paragraph = 14;
        p.items.push(item);
        let mut r = Redactor::new();
        r.mask_in_paragraph(13, "Karin Berg", "[maskerad]");
        assert!(r.has_texts());
        let mut copy = p.clone();
        assert_eq!(redact_protocol(&mut copy, &r), 1);
        assert_eq!(copy.chair.as_deref(), Some("Karin Berg"));
        assert_eq!(
            copy.items[0].summary.as_deref(),
            Some("[maskerad] föredrar ärendet.")
        );
        assert_eq!(
            copy.items[1].summary.as_deref(),
            Some("Karin Berg föredrar ärendet.")
        );
        assert_eq!(r.for_paragraph(13).apply("Karin Berg").1, 1);
        assert_eq!(r.for_paragraph(14).apply("Karin Berg").1, 0);
        assert_eq!(r.apply("Karin Berg").1, 0);
    }

    /// A valid personnummer for a date: the Luhn digit computed.
    fn valid(yymmdd: &str, nnn: &str) -> String {
        let digits: Vec<u32> = format!("{yymmdd}{nnn}")
            .bytes()
            .map(|b| u32::from(b - b'0'))
            .collect();
        let check = (0..10)
            .find(|c| {
                let mut d = digits.clone();
                d.push(*c);
                luhn_ok(&d)
            })
            .unwrap();
        format!("{yymmdd}-{nnn}{check}")
    }

    #[test]
    fn finds_the_three_forms_with_a_valid_date_and_luhn() {
        // 811218-9876 is the Skatteverket example with a correct check digit.
        assert!(is_personnummer("811218-9876"));
        assert!(is_personnummer("19811218-9876"));
        assert!(is_personnummer("811218+9876"));
        assert!(!is_personnummer("19811218+9876"));
        // Samordningsnummer: day + 60.
        assert!(is_personnummer(&valid("701063", "238")));
        let text = "Anmälan gällande person 811218-9876 (född 1981) och 19811218-9876.";
        let found: Vec<&str> = find_personnummer(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["811218-9876", "19811218-9876"]);
    }

    #[test]
    fn never_a_wrong_check_digit_date_range_dnr_phone_or_organisationsnummer() {
        for text in [
            "811218-9875",             // Luhn fails
            "811318-9876",             // month 13
            "810230-1234",             // 30 February
            "2024-01-01 - 2024-12-31", // a date range
            "20240101-20241231",       // a date range without hyphens in the dates
            "240101-241231",           // a short date range
            "KS 2024-0123",            // a Dnr
            "Dnr KS 240101-0123/2024", // part of a longer number
            "070-123 45 67",           // a mobile number
            "08-123 456 78",           // a Stockholm number
            "0701234567",              // a number without separators
            "556036-0793",             // an organisationsnummer (month 60)
            "ABC811218-9876",          // glued to letters
            "811218-98761",            // too long
            "1811218-9876",            // seven digits before the hyphen
            "21811218-9876",           // century 21
            "811218-9876-12",          // part of a longer identifier
        ] {
            assert!(find_personnummer(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_redactor_masks_in_one_pass_and_keeps_rejected_ones() {
        let mut r = Redactor::new();
        r.mask("Anna Andersson", &passage_marker("OSL 26 kap. 1 §"));
        let (out, n) = r.apply("Anna Andersson, 811218-9876, bor i Lomma.");
        assert_eq!(
            out,
            "[uppgift maskerad enligt OSL 26 kap. 1 §], [personnummer maskerat], bor i Lomma."
        );
        assert_eq!(n, 2);
        r.keep("811218-9876");
        assert_eq!(r.apply("811218-9876").1, 0);
        // A marker is never masked again, however the texts overlap.
        let mut r = Redactor::new();
        r.mask("maskerat", "[x]");
        r.mask("pnr 811218-9876", "[y]");
        assert_eq!(r.apply("pnr 811218-9876").0, "[y]");
    }

    #[test]
    fn a_protocol_is_masked_everywhere_and_its_numbers_are_found() {
        let mut p = ParsedProtocol::new(
            "Socialnämnden",
            NaiveDate::from_ymd_opt(2024, 3, 5).unwrap(),
        );
        p.chair = Some("Eva Ek".into());
        p.items.push(crate::protocol::Item {
            paragraph: 1,
            dnr: Some("SN 2024/1".into()),
            title: "Ansökan från 811218-9876".into(),
            decision: Some("Eva Ek beslutar, 2024-01-01 - 2024-12-31.".into()),
            summary: None,
            basis: vec![],
            motions: vec![],
            proposition_order: None,
            vote: None,
            reservations: vec![],
            notes: vec![],
            disqualifications: vec![],
            dispatch: vec![],
            sections: vec![],
            recorded: Default::default(),
        });
        assert_eq!(personnummer_in(&p), ["811218-9876"]);
        assert_eq!(person_names(&p), ["Eva Ek"]);
        let mut r = Redactor::new();
        for name in person_names(&p) {
            r.mask(&name, NAME_MARKER);
        }
        assert_eq!(redact_protocol(&mut p, &r), 3);
        assert_eq!(p.items[0].title, "Ansökan från [personnummer maskerat]");
        assert_eq!(
            p.items[0].decision.as_deref(),
            Some("[namn maskerat] beslutar, 2024-01-01 - 2024-12-31.")
        );
        assert_eq!(p.chair.as_deref(), Some("[namn maskerat]"));
        assert_eq!(p.items[0].dnr.as_deref(), Some("SN 2024/1"));
    }

    proptest::proptest! {
        #[test]
        fn every_valid_personnummer_is_found_in_any_sentence(
            y in 0u32..100, m in 1u32..13, d in 1u32..29, n in 0u32..1000,
            before in "[ a-zåäö(]{0,12}", after in "([ ).,][ a-zåäö).]{0,11})?",
        ) {
            let pnr = valid(&format!("{y:02}{m:02}{d:02}"), &format!("{n:03}"));
            let text = format!("{before} {pnr}{after}");
            let found: Vec<&str> = find_personnummer(&text).into_iter().map(|r| &text[r]).collect();
            proptest::prop_assert_eq!(found, vec![pnr.as_str()]);
            let (masked, count) = Redactor::new().apply(&text);
            proptest::prop_assert_eq!(count, 1);
            proptest::prop_assert!(!masked.contains(&pnr));
        }

        #[test]
        fn a_wrong_check_digit_is_never_found(
            y in 0u32..100, m in 1u32..13, d in 1u32..29, n in 0u32..1000, off in 1u32..10,
        ) {
            let pnr = valid(&format!("{y:02}{m:02}{d:02}"), &format!("{n:03}"));
            let last = pnr.as_bytes()[10] - b'0';
            let wrong = format!("{}{}", &pnr[..10], (u32::from(last) + off) % 10);
            proptest::prop_assert!(find_personnummer(&wrong).is_empty());
        }

        #[test]
        fn iso_date_ranges_and_dnr_are_never_found(
            y1 in 1990u32..2040, m1 in 1u32..13, d1 in 1u32..29,
            y2 in 1990u32..2040, m2 in 1u32..13, d2 in 1u32..29, n in 0u32..10000,
        ) {
            let range = format!("{y1}-{m1:02}-{d1:02} - {y2}-{m2:02}-{d2:02}");
            let compact = format!("{y1}{m1:02}{d1:02}-{y2}{m2:02}{d2:02}");
            let dnr = format!("KS {y1}-{n:04}");
            for text in [range, compact, dnr] {
                proptest::prop_assert!(find_personnummer(&text).is_empty(), "{}", text);
            }
        }

        #[test]
        fn masking_never_panics_and_never_grows_what_it_keeps(text in "\\PC{0,80}") {
            let mut r = Redactor::new();
            r.mask("a", NAME_MARKER);
            let (out, n) = r.apply(&text);
            if n == 0 {
                proptest::prop_assert_eq!(out, text);
            }
        }
    }
}
