//! The reading's warnings in Swedish, for the secretariat's pages.
//!
//! The parser writes its warnings in English: they are part of the `kansli parse` contract, the
//! golden files and the import summary, which an operator reads. A nämndsekreterare reviewing
//! an import reads them in Swedish. Each warning the parser, the extractor or the store writes
//! has one template here, with `{}` where a value (a line number, a §, a name) goes, and its
//! Swedish form, with `{0}`, `{1}` … naming those values in any order. The import crate's test
//! `warnings_sv` holds every template the parser can write to this table.

use crate::protocol::EXTRACT_WARNING;

/// The longest warning [`in_swedish`] tries to match (bytes); a longer one is shown as written.
const MAX_WARNING_BYTES: usize = 4000;

/// (English template, Swedish template, the review fields it concerns). The fields are paths
/// of `review::ReviewField` (`chair`, `items.title` …); `$0` means the warning's first value
/// names the field. The first template that matches wins, so a longer form comes before the
/// shorter one it contains.
const TEMPLATES: &[(&str, &str, &[&str])] = &[
    // Cover page.
    (
        "line {}: adjournment not counted in the meeting's times: {}",
        "rad {0}: ajourneringen räknas inte in i sammanträdets tider: {1}",
        &["start_time", "end_time"],
    ),
    (
        "line {}: paragraph range {} not understood",
        "rad {0}: paragrafintervallet {1} kunde inte tolkas",
        &[],
    ),
    (
        "line {}: {} is named as substitute justerare; not listed as a justerare",
        "rad {0}: {1} anges som ersättare för justerare och har inte förts upp som justerare",
        &["justerare"],
    ),
    (
        "the cover gives two meeting dates, {} and {}; {} (Sammanträdesdatum) is used",
        "försättsbladet anger två sammanträdesdatum, {0} och {1}; {2} (Sammanträdesdatum) används",
        &["meeting_date"],
    ),
    (
        "line {}: meeting date not labelled; read as {}",
        "rad {0}: sammanträdesdatumet saknar ledtext och lästes som {1}",
        &["meeting_date"],
    ),
    (
        "line {}: meeting time and place not labelled; read from the text",
        "rad {0}: tid och plats för sammanträdet saknar ledtext och lästes ur texten",
        &["start_time", "end_time", "place"],
    ),
    (
        "line {}: meeting time not labelled; read from the text",
        "rad {0}: tiden för sammanträdet saknar ledtext och lästes ur texten",
        &["start_time", "end_time"],
    ),
    (
        "line {}: meeting start read from the text: {}",
        "rad {0}: sammanträdets början lästes ur texten: {1}",
        &["start_time"],
    ),
    (
        "line {}: § {}: the voting list's totals ({} ja, {} nej, {} avstår) differ from its marks ({} ja, {} nej, {} avstår)",
        "rad {0}: § {1}: voteringslistans summor ({2} ja, {3} nej, {4} avstår) stämmer inte med dess kryss ({5} ja, {6} nej, {7} avstår)",
        &[],
    ),
    (
        "line {}: § {}: the vote's text tells {} ja and {} nej, the voting list's marks {} ja and {} nej",
        "rad {0}: § {1}: texten om omröstningen anger {2} ja och {3} nej, voteringslistans kryss {4} ja och {5} nej",
        &[],
    ),
    (
        "line {}: the notice went up on several notice boards on different days; the last, {}, is read (the appeal period runs from it)",
        "rad {0}: anslaget sattes upp på flera anslagstavlor olika dagar; den sista dagen, {1}, har lästs (överklagandetiden räknas från den)",
        &["notice.posted"],
    ),
    (
        "line {}: the notice comes down from several notice boards on different days; the last, {}, is read",
        "rad {0}: anslaget tas ned från flera anslagstavlor olika dagar; den sista dagen, {1}, har lästs",
        &["notice.removal"],
    ),
    (
        "line {}: attendance changes during the meeting: {}",
        "rad {0}: närvaron ändras under sammanträdet: {1}",
        &["beslutande", "ersattare"],
    ),
    (
        "line {}: meeting end read from the text: {}",
        "rad {0}: sammanträdets slut lästes ur texten: {1}",
        &["end_time"],
    ),
    (
        "line {}: the meeting closes at {} in the text, at {} on the cover",
        "rad {0}: sammanträdet avslutas kl. {1} enligt texten men kl. {2} enligt försättsbladet",
        &["end_time"],
    ),
    (
        "no meeting time found",
        "ingen tid för sammanträdet hittades",
        &["start_time", "end_time"],
    ),
    (
        "no meeting place found",
        "ingen plats för sammanträdet hittades",
        &["place"],
    ),
    (
        "no chair (ordförande) found",
        "ingen ordförande hittades",
        &["chair"],
    ),
    (
        "no justerare found",
        "inga justerare hittades",
        &["justerare"],
    ),
    (
        "justerare read from the signature table: {}",
        "justerare lästa ur underskriftstabellen: {0}",
        &["justerare"],
    ),
    (
        "justerare read from the paragraph that appoints them: {}",
        "justerare lästa ur paragrafen som utser dem: {0}",
        &["justerare"],
    ),
    (
        "justerare read from the sentence telling the justering: {}",
        "justerare lästa ur meningen som berättar om justeringen: {0}",
        &["justerare"],
    ),
    (
        "the justerare who sign ({}) are not those the cover names ({})",
        "de justerare som skriver under ({0}) är inte de som försättsbladet anger ({1})",
        &["justerare"],
    ),
    (
        "no place or date of justering printed",
        "plats och dag för justeringen står inte i protokollet",
        &["justering.place", "justering.date"],
    ),
    (
        "no secretary signs the cover; {} (a secretary among those present) is assumed",
        "ingen sekreterare skriver under försättsbladet; {0} (sekreterare bland de närvarande) antas",
        &["secretary"],
    ),
    (
        "notice dates read from sentences, not labels",
        "anslagets datum lästes ur löptext, inte ur ledtexter",
        &["notice.posted", "notice.removal"],
    ),
    (
        "signature times carry no time zone; read as UTC",
        "underskrifternas tider saknar tidszon och lästes som UTC",
        &[],
    ),
    // Authority and body.
    (
        "authority guessed as {} from the place the minutes are kept ({}), the Dnr series and the word \"kommunalförbundet\"",
        "myndigheten gissades till {0} utifrån förvaringsplatsen ({1}), diarieserien och ordet ”kommunalförbundet”",
        &["authority"],
    ),
    (
        "no authority found (no page header, notice board, front matter or text names a kommun, region or kommunalförbund)",
        "ingen myndighet hittades (inget sidhuvud, ingen anslagstavla, inga metadata och ingen text nämner en kommun, en region eller ett kommunalförbund)",
        &["authority"],
    ),
    (
        "the body is named only by its abbreviation {}",
        "organet anges bara med sin förkortning {0}",
        &["body"],
    ),
    (
        "the body is not labelled; read as {} from its decisions",
        "organet saknar ledtext och lästes som {0} utifrån besluten",
        &["body"],
    ),
    // Participants.
    (
        "{} participant line(s) printed twice were read once",
        "{0} deltagarrader som stod två gånger lästes en gång",
        &["beslutande", "ersattare"],
    ),
    (
        "participants read from an attendance table (närvarolista), not the cover",
        "deltagarna lästes från en närvarolista, inte från försättsbladet",
        &["beslutande", "ersattare"],
    ),
    (
        "participants read from the roll call in § {}, not the cover",
        "deltagarna lästes från uppropet i § {0}, inte från försättsbladet",
        &["beslutande", "ersattare"],
    ),
    (
        "line {}: a redacted participant is not listed",
        "rad {0}: en bortredigerad deltagare har inte förts upp",
        &["beslutande", "ersattare"],
    ),
    (
        "line {}: participant {}: unread words {}",
        "rad {0}: deltagaren {1}: olästa ord {2}",
        &["beslutande", "ersattare"],
    ),
    (
        "line {}: participant {}: the time {} dates no paragraph; read for the whole meeting",
        "rad {0}: deltagaren {1}: tiden {2} hör inte till någon paragraf; läst för hela sammanträdet",
        &["beslutande", "ersattare"],
    ),
    (
        "line {}: participant {}: paragraphs {} not understood",
        "rad {0}: deltagaren {1}: paragraferna {2} kunde inte tolkas",
        &["beslutande", "ersattare"],
    ),
    (
        "a name ({}) is garbled in the text (a broken font map?) and is withheld",
        "ett namn ({0}) är förvanskat i texten (en trasig teckentabell i PDF-filen?) och har utelämnats",
        &["chair", "secretary", "justerare", "beslutande", "ersattare"],
    ),
    // Ärendelista and paragraphs.
    (
        "line {}: ärendelista printed in interleaved columns; rows matched to § numbers by order",
        "rad {0}: ärendelistan står i sammanflätade kolumner; raderna kopplades till §-numren i ordning",
        &["items.title"],
    ),
    (
        "line {}: ärendelista could not be read reliably ({} § numbers, {} Dnr); items are read from the paragraphs only",
        "rad {0}: ärendelistan gick inte att läsa säkert ({1} §-nummer, {2} Dnr); ärendena lästes bara från paragraferna",
        &["items.title"],
    ),
    (
        "line {}: § {} has no title",
        "rad {0}: § {1} saknar rubrik",
        &["items.title"],
    ),
    (
        "line {}: § {}: no decision heading; decision read from the text",
        "rad {0}: § {1} saknar rubriken Beslut; beslutet lästes ur texten",
        &[],
    ),
    (
        "line {}: § {}: the decision {} points to the proposal under {}; its text follows it in the decision",
        "rad {0}: § {1}: beslutet {2} hänvisar till förslaget under {3}; förslagets text följer det i beslutet",
        &[],
    ),
    (
        "line {}: § {}: text after a rule without heading",
        "rad {0}: § {1}: text efter ett skiljestreck utan rubrik",
        &[],
    ),
    (
        "line {}: § {} has no decision",
        "rad {0}: § {1} saknar beslut",
        &[],
    ),
    (
        "line {}: § {} follows § {}: paragraphs go backwards",
        "rad {0}: § {1} kommer efter § {2}: paragraferna går baklänges",
        &["items.title"],
    ),
    (
        "line {}: § {} appears twice",
        "rad {0}: § {1} förekommer två gånger",
        &["items.title"],
    ),
    (
        "no paragraph text found; only the ärendelista was read",
        "ingen paragraftext hittades; bara ärendelistan lästes",
        &[],
    ),
    (
        "§ {} is printed twice; the one with less content is dropped",
        "§ {0} står två gånger; den med minst innehåll togs bort",
        &["items.title"],
    ),
    (
        "§ {}: Dnr {} differs from the ärendelista's {}",
        "§ {0}: Dnr {1} skiljer sig från ärendelistans {2}",
        &[],
    ),
    (
        "§ {}: Dnr {} could not be read",
        "§ {0}: Dnr {1} kunde inte läsas",
        &[],
    ),
    (
        "§ {}: no Dnr printed in the paragraph; {} taken from the ärendelista",
        "§ {0}: paragrafen anger inget Dnr; {1} hämtades från ärendelistan",
        &[],
    ),
    (
        "§ {} lies outside the paragraph range {} ({} on line {}) stated on the cover",
        "§ {0} ligger utanför paragrafintervallet {1} ({2} på rad {3}) på försättsbladet",
        &[],
    ),
    (
        "§ {} lies outside the paragraph range {} stated on the cover",
        "§ {0} ligger utanför paragrafintervallet {1} på försättsbladet",
        &[],
    ),
    (
        "paragraph(s) {} of the cover's range not found in the text",
        "paragraf(erna) {0} i försättsbladets intervall finns inte i texten",
        &[],
    ),
    (
        "§ {} is on the ärendelista but not in the text",
        "§ {0} står på ärendelistan men finns inte i texten",
        &["items.title"],
    ),
    (
        "§ {} is not on the ärendelista",
        "§ {0} står inte på ärendelistan",
        &["items.title"],
    ),
    (
        "§ {}: the ärendelista's title {} differs from the paragraph's",
        "§ {0}: ärendelistans rubrik {1} skiljer sig från paragrafens",
        &["items.title"],
    ),
    // The text as a whole.
    (
        "the text may be garbled (a broken font map?): only {} of {} words are common Swedish words",
        "texten kan vara förvanskad (en trasig teckentabell i PDF-filen?): bara {0} av {1} ord är vanliga svenska ord",
        &[],
    ),
    (
        EXTRACT_WARNING,
        "protokollsutdrag: ett utdrag ur sammanträdets protokoll, inte alla dess paragrafer",
        &[],
    ),
    (
        "text read with the simple PDF extractor; table rows may be out of order",
        "texten lästes med den enkla PDF-läsaren; tabellrader kan stå i fel ordning",
        &[],
    ),
    (
        "page {} could not be read: {}",
        "sidan {0} gick inte att läsa: {1}",
        &[],
    ),
    (
        "the file is not UTF-8; it was read as Windows-1252 (Latin-1)",
        "filen är inte UTF-8 och lästes som Windows-1252 (Latin-1)",
        &[],
    ),
    (
        "the text has no å, ä or ö; the words of labels, roles and bodies were read as spelled with them",
        "texten saknar å, ä och ö; ord i rubriker, roller och organ lästes som om de stavats med dem",
        &[],
    ),
    (
        "some words of the cover lost their å, ä or ö (a scan); the words of labels, roles and bodies were read as spelled with them",
        "några ord i protokollets inledning har tappat å, ä eller ö (en inskanning); ord i rubriker, roller och organ lästes som om de stavats med dem",
        &[],
    ),
    (
        "the file is not UTF-8; it was read as code page 850 (DOS)",
        "filen är inte UTF-8 och lästes som teckentabell 850 (DOS)",
        &[],
    ),
    (
        "the file is not UTF-8; it was read as Mac OS Roman (a classic Macintosh's text)",
        "filen är inte UTF-8 och lästes som Mac OS Roman (text från en äldre Macintosh)",
        &[],
    ),
    (
        "the text is 7-bit Swedish ('{' for 'ä', '|' for 'ö', '}' for 'å'); it was read with å, ä and ö",
        "texten är skriven med 7-bitars svenska ('{' för 'ä', '|' för 'ö', '}' för 'å'); den lästes med å, ä och ö",
        &[],
    ),
    (
        "the text is an e-mail's source; its quoted-printable parts were decoded",
        "texten är ett e-postmeddelandes källkod; dess delar i quoted-printable avkodades",
        &[],
    ),
    (
        "the text is a document's RTF source; it was read as the document's text",
        "texten är ett dokuments RTF-källkod; den lästes som dokumentets text",
        &[],
    ),
    (
        "the text is a web page's HTML source; it was read as the page's text",
        "texten är en webbsidas HTML-källkod; den lästes som sidans text",
        &[],
    ),
    (
        "the text was UTF-8 encoded twice ('Ã¤' for 'ä'); it was read as intended",
        "texten var UTF-8-kodad två gånger ('Ã¤' för 'ä'); den lästes som avsett",
        &[],
    ),
    // The store, when a new reading meets a person's correction.
    (
        "{}: the new reading gives {}; the correction by {} ({}) is kept",
        "{0}: den nya inläsningen ger {1}; rättelsen av {2} ({3}) behålls",
        &["$0"],
    ),
];

/// The English templates of every warning Kansli writes, `{}` standing for a value: for tests
/// that hold the writers of warnings to this table.
pub fn english_templates() -> impl Iterator<Item = &'static str> {
    TEMPLATES.iter().map(|(en, _, _)| *en)
}

/// `warning` (as the parser, the extractor or the store wrote it) in Swedish, the values it
/// names kept as written; `None` for a warning no template knows (an older reading's wording)
/// or one longer than 4,000 bytes, which the caller shows as written, marked as English.
pub fn in_swedish(warning: &str) -> Option<String> {
    if warning.len() > MAX_WARNING_BYTES {
        return None;
    }
    TEMPLATES.iter().find_map(|(en, sv, _)| {
        let values = match_template(en, warning)?;
        Some(fill(sv, &values))
    })
}

/// The review fields (`review::ReviewField` paths) `warning` concerns, by its template;
/// `None` for a warning no template knows (bounded like [`in_swedish`]).
pub fn concerns(warning: &str) -> Option<&'static [&'static str]> {
    if warning.len() > MAX_WARNING_BYTES {
        return None;
    }
    TEMPLATES
        .iter()
        .find(|(en, _, _)| match_template(en, warning).is_some())
        .map(|(_, _, fields)| *fields)
}

/// The values that fill `template`'s `{}` to give `text`, each non-empty; `None` when no
/// filling does. Tries each placement of the literal after a value from the left, so a value
/// may itself contain that literal (a title with "differs" in it).
fn match_template<'t>(template: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let mut parts = template.split("{}");
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let after = text.strip_prefix(first)?;
    let mut values = Vec::with_capacity(rest.len());
    fill_values(&rest, after, &mut values).then_some(values)
}

/// Matches `text` against value, literal, value, literal … (`literals[i]` follows value i),
/// pushing the values; backtracks over where each literal is found. Templates hold at most
/// four values and warnings are bounded, so the search is small.
fn fill_values<'t>(literals: &[&str], text: &'t str, values: &mut Vec<&'t str>) -> bool {
    let Some((literal, later)) = literals.split_first() else {
        return text.is_empty();
    };
    if later.is_empty() {
        // The last value runs to the final literal, which ends the text.
        return match text.strip_suffix(literal) {
            Some(v) if !v.is_empty() => {
                values.push(v);
                true
            }
            _ => false,
        };
    }
    // A value is never empty: the literal is looked for after its first character.
    let mut from = text.chars().next().map_or(0, char::len_utf8);
    if from == 0 {
        return false;
    }
    while let Some(at) = text.get(from..).and_then(|t| t.find(literal)) {
        let split = from + at;
        values.push(&text[..split]);
        if fill_values(later, &text[split + literal.len()..], values) {
            return true;
        }
        values.pop();
        from = split + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// `template` with `{0}`, `{1}` … replaced by `values`.
fn fill(template: &str, values: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let tail = &rest[open + 1..];
        match tail
            .find('}')
            .and_then(|close| Some((close, tail[..close].parse::<usize>().ok()?)))
        {
            Some((close, i)) => {
                out.push_str(values.get(i).copied().unwrap_or_default());
                rest = &tail[close + 1..];
            }
            None => {
                out.push('{');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn warnings_read_in_swedish_with_their_values() {
        assert_eq!(
            in_swedish("line 4: § 12 has no title").as_deref(),
            Some("rad 4: § 12 saknar rubrik")
        );
        assert_eq!(
            in_swedish("no chair (ordförande) found").as_deref(),
            Some("ingen ordförande hittades")
        );
        assert_eq!(
            in_swedish(
                "§ 7 lies outside the paragraph range 1-5 (§1-§5 on line 9) stated on the cover"
            )
            .as_deref(),
            Some("§ 7 ligger utanför paragrafintervallet 1-5 (§1-§5 på rad 9) på försättsbladet")
        );
        assert_eq!(
            in_swedish("§ 7 lies outside the paragraph range 1-5 stated on the cover").as_deref(),
            Some("§ 7 ligger utanför paragrafintervallet 1-5 på försättsbladet")
        );
    }

    #[test]
    fn a_value_may_hold_the_words_that_follow_it() {
        let w = "§ 3: the ärendelista's title \"What differs from the paragraph's view\" differs from the paragraph's";
        assert_eq!(
            in_swedish(w).as_deref(),
            Some(
                "§ 3: ärendelistans rubrik \"What differs from the paragraph's view\" skiljer sig från paragrafens"
            )
        );
    }

    #[test]
    fn unknown_and_overlong_warnings_are_left_alone() {
        assert_eq!(in_swedish("something new happened"), None);
        assert_eq!(
            in_swedish("line : § 12 has no title"),
            None,
            "an empty value"
        );
        assert_eq!(in_swedish(&"x".repeat(MAX_WARNING_BYTES + 1)), None);
        assert_eq!(in_swedish(""), None);
    }

    #[test]
    fn every_template_is_well_formed() {
        for (en, sv, _) in TEMPLATES {
            let n = en.matches("{}").count();
            for i in 0..n {
                assert!(sv.contains(&format!("{{{i}}}")), "{sv:?} lacks {{{i}}}");
            }
            assert!(
                !sv.contains(&format!("{{{n}}}")),
                "{sv:?} names a value {en:?} has not"
            );
            // The template filled with markers reads back to the markers.
            let mut filled = (*en).to_owned();
            for i in 0..n {
                filled = filled.replacen("{}", &format!("«{i}»"), 1);
            }
            let back =
                in_swedish(&filled).unwrap_or_else(|| panic!("{en:?} does not match itself"));
            for i in 0..n {
                assert!(back.contains(&format!("«{i}»")), "{back:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn any_values_fill_a_template_and_read_back(
            a in "[^\u{0}]{1,40}", b in "[^\u{0}]{1,40}", c in "[^\u{0}]{1,40}"
        ) {
            // Every filling of a template reads in Swedish (perhaps by an earlier template),
            // and never panics on any text.
            let w = format!("§ {a}: Dnr {b} differs from the ärendelista's {c}");
            prop_assert!(in_swedish(&w).is_some());
            let _ = in_swedish(&a);
        }
    }
}
