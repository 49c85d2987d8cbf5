//! Text helpers of the domain: Swedish case folding, URL slugs and the genitive of a name.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
