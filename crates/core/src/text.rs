//! Text helpers of the domain: Swedish case folding and URL slugs.
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
