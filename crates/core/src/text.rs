//! Text helpers of the domain: Swedish case folding, URL slugs, the genitive of a name, and
//! telling a garbled name.
//!
//! Written by hand because they are a few lines each and must behave identically in every
//! backend: SQLite folds only ASCII, so Kansli folds å/ä/ö itself before it compares or stores keys.

/// Folds text for comparison: lowercase (Unicode-aware), whitespace collapsed to single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// `text` with its first letter in lower case: a body's name inside a sentence ("Direktionen"
/// → "direktionen").
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The genitive of a body's name for "<Organ>s beslut": "Direktionens", "Kommunfullmäktiges",
/// "BUN:s". Swedish adds no s after s, x or z, and a colon before the s of an abbreviation.
pub fn genitive(name: &str) -> String {
    let name = name.trim();
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return format!("{name}:s");
    }
    match name.chars().last() {
        Some('s' | 'x' | 'z' | 'S' | 'X' | 'Z') => name.to_string(),
        Some(_) => format!("{name}s"),
        None => String::new(),
    }
}

/// Makes a stable, readable URL segment: `Kultur- och fritidsnämnden` → `kultur-och-fritidsnamnden`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => Some('a'),
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => Some('o'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'ü' | 'ú' => Some('u'),
            'í' | 'ï' => Some('i'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        };
        match mapped {
            Some(c) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c);
            }
            None => dash = true,
        }
    }
    out
}

/// Items as a Swedish list: "a", "a och b", "a, b och c"; empty for none.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items.split_last() {
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} och {}", rest.join(", "), last.as_ref())
        }
        None => String::new(),
    }
}

/// The first character that text typed into Kansli must never hold, if any: a control
/// character other than tab, line feed and carriage return (NUL, escape, DEL, the C1 range),
/// or a bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), by which
/// a name or title can be made to read otherwise than it is stored ("Trojan Source").
pub fn forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Whether a name as extracted from a document is garbled (a broken font map, a wrong text
/// encoding, glyph ids instead of letters), so that it must not be shown as a person's name:
/// replacement or control characters, private-use glyphs, `(cid:…)` escapes, UTF-8 read as
/// Latin-1 (`Ã¤`, `â€`), letters outside the Latin scripts, or fewer letters than other signs.
pub fn looks_garbled(name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    if name.contains("(cid:") || ["Ã", "Â", "â€", "Ã¶"].iter().any(|m| name.contains(m)) {
        return true;
    }
    let mut letters = 0usize;
    let mut others = 0usize;
    for c in name.chars() {
        if c == '\u{FFFD}' || c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            return true;
        }
        if c.is_alphabetic() {
            // Latin letters with their accents (up to Latin Extended-B, and Extended Additional).
            if c as u32 > 0x024F && !('\u{1E00}'..='\u{1EFF}').contains(&c) {
                return true;
            }
            letters += 1;
        } else if !(c.is_whitespace() || matches!(c, '-' | '.' | '\'' | '’')) {
            others += 1;
        }
    }
    letters < 2 || others * 2 > letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_lists() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a och b");
        assert_eq!(
            and_list(&["a".to_string(), "b".into(), "c".into()]),
            "a, b och c"
        );
    }

    #[test]
    fn forbidden_characters() {
        assert_eq!(forbidden_char("Anna Ek (S)\n\tÖverförmyndare\r\n"), None);
        assert_eq!(forbidden_char("Åsa-Lena Öst, 🙂 «citat» – ok"), None);
        assert_eq!(forbidden_char("Anna\u{0}Ek"), Some('\u{0}'));
        assert_eq!(forbidden_char("Anna\u{1b}[31mEk"), Some('\u{1b}'));
        assert_eq!(forbidden_char("x\u{7f}"), Some('\u{7f}'));
        assert_eq!(forbidden_char("x\u{85}"), Some('\u{85}'));
        assert_eq!(
            forbidden_char("Beslut \u{202E}tåsregnillA"),
            Some('\u{202E}')
        );
        assert_eq!(forbidden_char("\u{2067}x"), Some('\u{2067}'));
    }

    #[test]
    fn genitives() {
        assert_eq!(genitive("Direktionen"), "Direktionens");
        assert_eq!(genitive("Kommunfullmäktige"), "Kommunfullmäktiges");
        assert_eq!(genitive("BUN"), "BUN:s");
        assert_eq!(
            genitive("Kommunstyrelsens arbetsutskott"),
            "Kommunstyrelsens arbetsutskotts"
        );
        assert_eq!(genitive("Ledningsgrupp Vux"), "Ledningsgrupp Vux");
    }

    #[test]
    fn folds_swedish_letters_and_space() {
        assert_eq!(
            fold("  Kultur- och   FRITIDSNÄMNDEN "),
            "kultur- och fritidsnämnden"
        );
        assert_eq!(fold("ÅÄÖ"), "åäö");
    }

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(
            slug("Kultur- och fritidsnämnden"),
            "kultur-och-fritidsnamnden"
        );
        assert_eq!(slug("Kommunalförbundet Itsam"), "kommunalforbundet-itsam");
        assert_eq!(slug("KS KF/2024:8"), "ks-kf-2024-8");
        assert_eq!(slug("  --  "), "");
    }

    #[test]
    fn garbled_names_are_told_from_real_ones() {
        for real in [
            "Anna Åkesson",
            "Per-Olof O’Brien",
            "Zoë Müller",
            "Łukasz Nowak",
            "Jacob Käll",
        ] {
            assert!(!looks_garbled(real), "{real}");
        }
        for garbled in [
            "Anna \u{FFFD}kesson",
            "(cid:36)(cid:81)(cid:81)(cid:68)",
            "Ã…sa StrÃ¶m",
            "\u{E012}\u{E013}\u{E014}",
            "#$%& *@!",
            "Анна",
        ] {
            assert!(looks_garbled(garbled), "{garbled}");
        }
    }
}
