//! What one search may cost: the bounds every request is checked against before it reaches
//! tantivy, and the caps on the expensive expansions (typo tolerance, compound splitting,
//! suggestions) inside a search.
//!
//! Why: a query of 3,000 words built 3,000 × 3 Levenshtein automata (distance 2) for the
//! typo-tolerant second pass and tried every cut of every word as a compound, which took the
//! server from 61 MB to 5 GB. A request over a bound is refused with a [`Refusal`] (the server
//! answers 400 with a message); the expansions are capped silently, because a longer query is
//! still answered, only with less typo tolerance.
//!
//! The server's HTTP limits (rate, concurrency, time, body size) are in `kansli-server`'s
//! `limits` module, which re-exports these so both are read in one place.

use chrono::NaiveDate;

use crate::SearchRequest;

/// Most characters of the query text (`q`). Several sentences pasted from a decision fit.
pub const MAX_QUERY_CHARS: usize = 400;
/// Most terms in a query: words, the words of phrases, and excluded words together.
pub const MAX_QUERY_TERMS: usize = 32;
/// Most characters of one filter value (authority, body, Dnr, person).
pub const MAX_FILTER_CHARS: usize = 200;
/// Most hits one page returns.
pub const MAX_LIMIT: usize = 100;
/// Deepest hit a request may reach (`offset + limit`): collecting the top N hits keeps N in
/// memory, so paging is bounded the way search engines bound it (Elasticsearch's
/// `max_result_window`); narrowing the search with filters reaches the rest.
pub const MAX_RESULT_WINDOW: usize = 2_000;
/// Matches of a search counted exactly, the total and the facets (authority, body, year); past
/// it the total is said as "more than 10,000" and the facets are estimated from a sample of the
/// matches (see [`crate::facets`]). Visiting every match of a common word at a million
/// paragraphs was most of a search's time (issue 18); the issue asks to count exactly only what
/// the page shows and to say "fler än 10 000 träffar" for the rest.
pub const COUNT_CAP: u64 = 10_000;
/// Most authorities and most bodies a search's facets list (those with most matches): a common
/// word matches thousands of bodies in a national archive, and each listed value's name is
/// looked up and sent.
pub const MAX_FACET_VALUES: usize = 50;
/// Most words of one query matched with typo tolerance (each costs three Levenshtein automata):
/// only words the index does not know are tried, in the order typed.
pub const MAX_FUZZY_WORDS: usize = 4;
/// Most words of one query tried as compounds (each tries every cut against the index).
pub const MAX_COMPOUND_WORDS: usize = 8;
/// Longest word (in characters) tried as a compound; longer "words" are codes or noise.
pub const MAX_COMPOUND_CHARS: usize = 40;

/// Why a search request is refused before it runs. `Display` is English (API, CLI); the server
/// words the same in Swedish for its pages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The query text is longer than [`MAX_QUERY_CHARS`].
    #[error("the query is {chars} characters long; at most {max} are allowed")]
    QueryTooLong {
        /// Characters given.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The query has more terms than [`MAX_QUERY_TERMS`].
    #[error("the query has {terms} words; at most {max} are allowed")]
    TooManyTerms {
        /// Terms given.
        terms: usize,
        /// The limit.
        max: usize,
    },
    /// A filter value is longer than [`MAX_FILTER_CHARS`].
    #[error("the {filter} filter is {chars} characters long; at most {max} are allowed")]
    FilterTooLong {
        /// Which filter (`authority`, `body`, `dnr`, `person`).
        filter: &'static str,
        /// Characters given.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// More hits per page than [`MAX_LIMIT`].
    #[error("limit must be between 1 and {max}, not {limit}")]
    BadLimit {
        /// The limit asked for.
        limit: usize,
        /// The largest allowed.
        max: usize,
    },
    /// The page reaches past [`MAX_RESULT_WINDOW`].
    #[error("results can be paged up to hit {max}; this page ends at hit {end}: narrow the search")]
    TooDeep {
        /// The last hit the page would show.
        end: usize,
        /// The limit.
        max: usize,
    },
    /// The date range ends before it starts.
    #[error("the date range ends ({to}) before it starts ({from})")]
    InvertedDates {
        /// First date asked for.
        from: NaiveDate,
        /// Last date asked for.
        to: NaiveDate,
    },
}

/// Checks a request against the bounds above; the first bound broken is the answer.
pub fn check(req: &SearchRequest) -> Result<(), Refusal> {
    let chars = req.query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Refusal::QueryTooLong {
            chars,
            max: MAX_QUERY_CHARS,
        });
    }
    let terms = count_terms(&req.query);
    if terms > MAX_QUERY_TERMS {
        return Err(Refusal::TooManyTerms {
            terms,
            max: MAX_QUERY_TERMS,
        });
    }
    for (filter, value) in [
        ("authority", &req.authority),
        ("body", &req.body),
        ("dnr", &req.dnr),
        ("person", &req.person),
    ] {
        let chars = value.as_deref().map_or(0, |v| v.chars().count());
        if chars > MAX_FILTER_CHARS {
            return Err(Refusal::FilterTooLong {
                filter,
                chars,
                max: MAX_FILTER_CHARS,
            });
        }
    }
    if req.limit > MAX_LIMIT {
        return Err(Refusal::BadLimit {
            limit: req.limit,
            max: MAX_LIMIT,
        });
    }
    // A limit of 0 is read as 1, as the search itself does.
    let end = req.offset.saturating_add(req.limit.max(1));
    if end > MAX_RESULT_WINDOW {
        return Err(Refusal::TooDeep {
            end,
            max: MAX_RESULT_WINDOW,
        });
    }
    if let (Some(from), Some(to)) = (req.from, req.to)
        && to < from
    {
        return Err(Refusal::InvertedDates { from, to });
    }
    Ok(())
}

/// The terms of a query as the bound counts them: runs of letters and digits (a phrase's words
/// and `-excluded` words count too; `IT-stöd` is two).
pub fn count_terms(query: &str) -> usize {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 20,
            ..SearchRequest::default()
        }
    }

    #[test]
    fn bounds_are_checked() {
        assert_eq!(check(&req("budget ringnät")), Ok(()));
        let long = "ord ".repeat(3000);
        assert!(matches!(
            check(&req(&long)),
            Err(Refusal::QueryTooLong { .. })
        ));
        let many = "a ".repeat(MAX_QUERY_TERMS + 1);
        assert!(matches!(
            check(&req(&many)),
            Err(Refusal::TooManyTerms { .. })
        ));
        assert_eq!(count_terms(r#""IT-stöd" -skola 2024/25"#), 5);
        let mut deep = req("x");
        deep.offset = MAX_RESULT_WINDOW;
        assert!(matches!(check(&deep), Err(Refusal::TooDeep { .. })));
        let mut big = req("x");
        big.limit = MAX_LIMIT + 1;
        assert!(matches!(check(&big), Err(Refusal::BadLimit { .. })));
        let mut inverted = req("x");
        inverted.from = NaiveDate::from_ymd_opt(2024, 12, 31);
        inverted.to = NaiveDate::from_ymd_opt(2024, 1, 1);
        assert!(matches!(
            check(&inverted),
            Err(Refusal::InvertedDates { .. })
        ));
        let mut person = req("x");
        person.person = Some("p".repeat(MAX_FILTER_CHARS + 1));
        assert!(matches!(check(&person), Err(Refusal::FilterTooLong { .. })));
    }
}
