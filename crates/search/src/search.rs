//! Searching: the user's query read into words and phrases, filters, ranking, facets, snippets,
//! typo tolerance and the "menade du …?" suggestion.
//!
//! Query language: words (all must match, in any inflected form), `"phrases"` (the words in
//! order), `-word` (must not match). Each word matches its stem in the title (weighted up), the
//! text, the names, and — with a lower weight — compound parts: `budget` finds
//! `investeringsbudget`, `investeringsbudget` finds `budget för investeringar`.
//!
//! When a query finds nothing, each word the index does not know is corrected to the nearest
//! known word (edit distance 1, then 2; the most frequent wins) for the suggestion, and the query
//! runs again with fuzzy matching (distance by word length, lower weight) so a misspelt name or
//! place still finds its paragraph; the snippets then highlight the corrected words.

use std::collections::HashSet;
use std::ops::Bound;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, FuzzyTermQuery, Occur,
    PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocSet, Order, Searcher, TantivyDocument, Term};

use crate::SearchError;
use crate::analysis::Analysis;
use crate::facets::{Counts, FacetCounter, count};
use crate::index::SearchIndex;
use crate::limits::{MAX_COMPOUND_CHARS, MAX_COMPOUND_WORDS, MAX_FACET_VALUES, MAX_FUZZY_WORDS};
use crate::schema::{Fields, date_value, dnr_key};

pub use crate::limits::MAX_LIMIT;
/// Characters of a snippet.
const SNIPPET_CHARS: usize = 220;
/// Weights of the fields a word matches.
const W_TITLE: f32 = 2.0;
const W_TEXT: f32 = 1.0;
const W_PERSONS: f32 = 1.0;
const W_PARTS: f32 = 0.4;
const W_FUZZY: f32 = 0.3;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest meeting first.
    Newest,
}

impl Sort {
    /// Reads `relevance`/`relevans` or `newest`/`nyast`/`datum`; anything else is relevance.
    pub fn parse(raw: &str) -> Sort {
        match raw.trim().to_lowercase().as_str() {
            "newest" | "nyast" | "datum" | "date" => Sort::Newest,
            _ => Sort::Relevance,
        }
    }
}

/// A search: the query text, filters, order and page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    /// What the user typed.
    pub query: String,
    /// Authority slug (or name: it is slugged).
    pub authority: Option<String>,
    /// Body slug (or name).
    pub body: Option<String>,
    /// First meeting date, inclusive.
    pub from: Option<NaiveDate>,
    /// Last meeting date, inclusive.
    pub to: Option<NaiveDate>,
    /// A Dnr, as printed or typed.
    pub dnr: Option<String>,
    /// A person's name (who attended, moved, reserved).
    pub person: Option<String>,
    /// Order of hits.
    pub sort: Sort,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return (at most [`MAX_LIMIT`]).
    pub limit: usize,
}

/// One paragraph found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Authority slug.
    pub authority: String,
    /// Authority name.
    pub authority_name: String,
    /// Body slug.
    pub body_slug: String,
    /// Body name.
    pub body: String,
    /// Meeting slug (URL segment).
    pub meeting: String,
    /// Meeting date.
    pub meeting_date: NaiveDate,
    /// Paragraph number (§).
    pub paragraph: i64,
    /// Dnr as printed.
    pub dnr: Option<String>,
    /// Title.
    pub title: String,
    /// Title as HTML with matches in `<mark>` (escaped).
    pub title_html: String,
    /// A passage of the text around the matches, plain.
    pub snippet: String,
    /// The same passage as HTML with matches in `<mark>` (escaped).
    pub snippet_html: String,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// Paragraph id.
    pub paragraph_id: i64,
    /// Minutes id.
    pub minutes_id: i64,
    /// Meeting id.
    pub meeting_id: i64,
    /// In a person search, why this paragraph matched: the person took part in it or is named
    /// in its text (none when no person was searched for).
    pub person_match: Option<PersonMatch>,
}

/// Why a paragraph matched a person search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonMatch {
    /// The person took part in the paragraph (attended it, or moved, reserved, noted or voted
    /// in it) and is not named in its text.
    Attended,
    /// The person is named in the paragraph's text or title, but did not take part in it.
    NamedInText,
    /// The person took part and is named in the text.
    AttendedAndNamed,
}

impl PersonMatch {
    /// From whether the person took part and whether the text names them.
    fn of(attended: bool, named: bool) -> Option<PersonMatch> {
        match (attended, named) {
            (true, true) => Some(PersonMatch::AttendedAndNamed),
            (true, false) => Some(PersonMatch::Attended),
            (false, true) => Some(PersonMatch::NamedInText),
            (false, false) => None,
        }
    }
}

/// A facet value with its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// Filter value: authority slug, body slug, or year.
    pub value: String,
    /// The authority of a body facet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// Display name.
    pub label: String,
    /// Matching paragraphs.
    pub count: u64,
}

/// Counts of the matches per authority, body and year: exact, or estimated from a sample of the
/// matches when there are many ([`SearchResults::facets_estimated`]). Authorities and bodies:
/// the [`MAX_FACET_VALUES`] with most matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Per authority, most first.
    pub authorities: Vec<FacetCount>,
    /// Per body, most first.
    pub bodies: Vec<FacetCount>,
    /// Per year, newest first.
    pub years: Vec<FacetCount>,
}

/// The answer to a search.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchResults {
    /// Matching paragraphs: exact, or when [`SearchResults::total_capped`] the cap
    /// ([`crate::limits::COUNT_CAP`]), and more matched ("fler än 10 000 träffar").
    pub total: usize,
    /// More paragraphs matched than [`SearchResults::total`], which is the cap: only that many
    /// were counted. Only a search whose page is found without visiting every match (one word,
    /// no filters, by relevance) stops counting; the others count every match exactly, as their
    /// ranking visits them all anyway.
    pub total_capped: bool,
    /// The number of matching paragraphs estimated from a sample when the total is capped
    /// (above the cap); the exact total otherwise.
    pub total_estimate: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Counts of the matches per authority, body and year.
    pub facets: Facets,
    /// The facet counts are estimates from a sample of the matches: more matched than
    /// [`crate::limits::COUNT_CAP`] (in total, or in a segment of the index when every match
    /// was visited for the ranking and the total is exact).
    pub facets_estimated: bool,
    /// A corrected query when words were not found ("menade du …?").
    pub suggestion: Option<String>,
    /// Whether the hits come from typo-tolerant matching (the exact query found nothing).
    pub fuzzy: bool,
}

/// The user's query, read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) words: Vec<String>,
    /// Whether each word was typed with a capital (suggestions keep it: "Kinda", not "kinda").
    pub(crate) capitalised: Vec<bool>,
    pub(crate) phrases: Vec<String>,
    pub(crate) excluded: Vec<String>,
}

impl Parsed {
    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// Reads a query: `"…"` phrases, `-word` exclusions, the rest words (lowercase).
pub(crate) fn parse(query: &str, analysis: &mut Analysis) -> Parsed {
    let mut out = Parsed::default();
    let mut rest = String::new();
    let mut parts = query.split('"');
    // Odd pieces are inside quotes; an unclosed quote quotes to the end.
    let mut inside = false;
    for piece in parts.by_ref() {
        if inside {
            if !piece.trim().is_empty() {
                out.phrases.push(piece.trim().to_string());
            }
        } else {
            rest.push(' ');
            rest.push_str(piece);
        }
        inside = !inside;
    }
    for raw in rest.split_whitespace() {
        let (negated, raw) = match raw.strip_prefix('-') {
            Some(r) if !r.is_empty() => (true, r),
            _ => (false, raw),
        };
        let words = analysis.words(raw);
        match (negated, words.len()) {
            (_, 0) => {}
            (true, _) => out.excluded.extend(words),
            (false, 1) => {
                out.capitalised.push(
                    raw.chars()
                        .find(|c| c.is_alphanumeric())
                        .is_some_and(char::is_uppercase),
                );
                out.words.extend(words);
            }
            // "IT-stöd", "2024/25": its pieces in order.
            (false, _) => out.phrases.push(raw.to_string()),
        }
    }
    out
}

/// Edit distance allowed for a word of `chars` characters.
fn fuzzy_distance(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn boxed(q: impl Query) -> Box<dyn Query> {
    Box::new(q)
}

fn term(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    boxed(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boost(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    boxed(BoostQuery::new(q, by))
}

/// Builds the query (without filters) for parsed text. `fuzzy` adds typo-tolerant matches for
/// the first [`MAX_FUZZY_WORDS`] words the index does not know; the first
/// [`MAX_COMPOUND_WORDS`] words (of at most [`MAX_COMPOUND_CHARS`] characters) are tried as
/// compounds. Both caps keep a long query's cost bounded (see [`crate::limits`]).
///
/// `compounds_of` answers the compounds of the index that begin with a word's stem (see
/// [`compounds_beginning_with`]); they match too, with the weight of a compound part.
pub(crate) fn text_query(
    f: &Fields,
    parsed: &Parsed,
    analysis: &mut Analysis,
    known: &mut dyn FnMut(&str) -> bool,
    compounds_of: &mut dyn FnMut(&str) -> Vec<String>,
    fuzzy: bool,
) -> Option<TextQuery> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    // Whether the last word's query is a flat union of term queries.
    let mut flat_word = false;
    let mut fuzzy_left = if fuzzy { MAX_FUZZY_WORDS } else { 0 };
    let mut compounds_left = MAX_COMPOUND_WORDS;
    for word in &parsed.words {
        let fuzz = fuzzy_left > 0 && !analysis.stem(word).is_some_and(|s| known(&s));
        if fuzz {
            fuzzy_left -= 1;
        }
        let compound = compounds_left > 0 && word.chars().count() <= MAX_COMPOUND_CHARS;
        if compound {
            compounds_left -= 1;
        }
        let heads = match (compound, analysis.stem(word)) {
            (true, Some(stem)) => compounds_of(&stem),
            _ => Vec::new(),
        };
        if let Some((q, flat)) = word_query(f, word, analysis, known, compound, fuzz, &heads) {
            must.push((Occur::Must, q));
            flat_word = flat;
        }
    }
    for phrase in &parsed.phrases {
        if let Some(q) = phrase_query(f, phrase, analysis) {
            must.push((Occur::Must, q));
        }
    }
    if must.is_empty() {
        return None;
    }
    for word in &parsed.excluded {
        if let Some(stem) = analysis.stem(word) {
            must.push((Occur::MustNot, term(f.title, &stem)));
            must.push((Occur::MustNot, term(f.text, &stem)));
        }
        must.push((Occur::MustNot, term(f.persons, word)));
    }
    // One word or phrase alone is its own query (see `with_filters`).
    if must.len() == 1 {
        let flat = flat_word && parsed.phrases.is_empty();
        return must.pop().map(|(_, q)| TextQuery { query: q, flat });
    }
    Some(TextQuery {
        query: boxed(BooleanQuery::new(must)),
        flat: false,
    })
}

/// A query built from the user's text.
pub(crate) struct TextQuery {
    pub(crate) query: Box<dyn Query>,
    /// A flat union of term queries: tantivy's top-N collector ranks it with block-max WAND,
    /// skipping the matches that cannot reach the page (see `SearchIndex::run`).
    pub(crate) flat: bool,
}

fn word_query(
    f: &Fields,
    word: &str,
    analysis: &mut Analysis,
    known: &mut dyn FnMut(&str) -> bool,
    compound: bool,
    fuzzy: bool,
    heads: &[String],
) -> Option<(Box<dyn Query>, bool)> {
    let stem = analysis.stem(word)?;
    // Term queries only, so far.
    let mut flat = true;
    let mut should: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Should, boost(term(f.title, &stem), W_TITLE)),
        (Occur::Should, boost(term(f.text, &stem), W_TEXT)),
        (Occur::Should, boost(term(f.persons, word), W_PERSONS)),
        (Occur::Should, boost(term(f.parts, &stem), W_PARTS)),
    ];
    // The definite form of an en-word in -a, which the stemmer leaves whole ("skolan" and
    // "skola" → "skolan" and "skol"): the other form too, when the index has it.
    if let Some(other) = definite_an(&stem)
        && known(&other)
    {
        should.push((Occur::Should, boost(term(f.title, &other), W_TITLE)));
        should.push((Occur::Should, boost(term(f.text, &other), W_TEXT)));
    }
    // Compounds the word begins ("skyfall" → "skyfallsplan", "gymnasiet" → "gymnasieskola"),
    // also when the first part never stands alone in the archive, so the parts field lacks it.
    for compound in heads {
        should.push((Occur::Should, boost(term(f.title, compound), W_PARTS)));
        should.push((Occur::Should, boost(term(f.text, compound), W_PARTS)));
    }
    if let Some(parts) = compound.then(|| analysis.split(word, known)).flatten() {
        // Each part as a word of its own or as a part of another compound.
        let all = parts
            .iter()
            .map(|p| {
                let any: Vec<(Occur, Box<dyn Query>)> = vec![
                    (Occur::Should, term(f.text, p)),
                    (Occur::Should, term(f.title, p)),
                    (Occur::Should, term(f.parts, p)),
                ];
                (Occur::Must, boxed(BooleanQuery::new(any)))
            })
            .collect();
        should.push((Occur::Should, boost(boxed(BooleanQuery::new(all)), W_PARTS)));
        flat = false;
    }
    if fuzzy {
        let d = fuzzy_distance(word.chars().count());
        if d > 0 {
            for (field, text, w) in [
                (f.text, stem.as_str(), W_FUZZY),
                (f.title, stem.as_str(), W_FUZZY),
                (f.persons, word, W_FUZZY * 2.0),
            ] {
                let q = FuzzyTermQuery::new(Term::from_field_text(field, text), d, true);
                should.push((Occur::Should, boost(boxed(q), w)));
            }
            flat = false;
        }
    }
    Some((boxed(BooleanQuery::new(should)), flat))
}

fn phrase_query(f: &Fields, phrase: &str, analysis: &mut Analysis) -> Option<Box<dyn Query>> {
    let stems = analysis.stems_of(phrase);
    let names = analysis.words(phrase);
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    match stems.len() {
        0 => {}
        1 => {
            should.push((Occur::Should, boost(term(f.title, &stems[0].1), W_TITLE)));
            should.push((Occur::Should, term(f.text, &stems[0].1)));
        }
        _ => {
            let first = stems[0].0;
            for (field, w) in [(f.title, W_TITLE), (f.text, W_TEXT)] {
                let terms = stems
                    .iter()
                    .map(|(pos, s)| (pos - first, Term::from_field_text(field, s)))
                    .collect();
                should.push((
                    Occur::Should,
                    boost(boxed(PhraseQuery::new_with_offset(terms)), w),
                ));
            }
        }
    }
    if let Some(q) = person_query(f, &names) {
        should.push((Occur::Should, q));
    }
    (!should.is_empty()).then(|| boxed(BooleanQuery::new(should)))
}

/// Names (lowercase words) in order, in the persons field.
fn person_query(f: &Fields, names: &[String]) -> Option<Box<dyn Query>> {
    match names.len() {
        0 => None,
        1 => Some(term(f.persons, &names[0])),
        _ => Some(boxed(PhraseQuery::new(
            names
                .iter()
                .map(|n| Term::from_field_text(f.persons, n))
                .collect(),
        ))),
    }
}

/// A person named in the text or title: their name's stems in order.
fn named_query(f: &Fields, name: &str, analysis: &mut Analysis) -> Option<Box<dyn Query>> {
    let stems = analysis.stems_of(name);
    let first = stems.first()?.0;
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for field in [f.text, f.title] {
        let q = if stems.len() == 1 {
            term(field, &stems[0].1)
        } else {
            boxed(PhraseQuery::new_with_offset(
                stems
                    .iter()
                    .map(|(pos, s)| (pos - first, Term::from_field_text(field, s)))
                    .collect(),
            ))
        };
        should.push((Occur::Should, q));
    }
    Some(boxed(BooleanQuery::new(should)))
}

/// The two halves of a person search: took part (the persons field), named in the text.
struct PersonQueries {
    attended: Option<Box<dyn Query>>,
    named: Option<Box<dyn Query>>,
}

impl PersonQueries {
    fn of(f: &Fields, req: &SearchRequest, analysis: &mut Analysis) -> Option<PersonQueries> {
        let person = req.person.as_deref().filter(|p| !p.trim().is_empty())?;
        let names = analysis.words(person);
        Some(PersonQueries {
            attended: person_query(f, &names),
            named: named_query(f, person, analysis),
        })
    }

    /// Either half: what the person filter matches.
    fn either(&self) -> Option<Box<dyn Query>> {
        let should: Vec<(Occur, Box<dyn Query>)> = [&self.attended, &self.named]
            .into_iter()
            .flatten()
            .map(|q| (Occur::Should, q.box_clone()))
            .collect();
        (!should.is_empty()).then(|| boxed(BooleanQuery::new(should)))
    }

    /// Why the document at `addr` matched.
    fn why(&self, searcher: &Searcher, addr: DocAddress) -> Option<PersonMatch> {
        let hit = |q: &Option<Box<dyn Query>>| {
            q.as_ref()
                .is_some_and(|q| matches_doc(searcher, q.as_ref(), addr))
        };
        PersonMatch::of(hit(&self.attended), hit(&self.named))
    }
}

/// Whether `query` matches the document at `addr`.
fn matches_doc(searcher: &Searcher, query: &dyn Query, addr: DocAddress) -> bool {
    let Ok(weight) = query.weight(EnableScoring::disabled_from_searcher(searcher)) else {
        return false;
    };
    let reader = searcher.segment_reader(addr.segment_ord);
    let Ok(mut scorer) = weight.scorer(reader, 1.0) else {
        return false;
    };
    scorer.doc() <= addr.doc_id && scorer.seek(addr.doc_id) == addr.doc_id
}

/// The filters of a request, as queries that must match (and do not score).
fn filters(f: &Fields, req: &SearchRequest, analysis: &mut Analysis) -> Vec<Box<dyn Query>> {
    let mut out = Vec::new();
    let authority = req
        .authority
        .as_deref()
        .map(kansli_core::text::slug)
        .filter(|s| !s.is_empty());
    let body = req
        .body
        .as_deref()
        .map(kansli_core::text::slug)
        .filter(|s| !s.is_empty());
    match (&authority, &body) {
        (Some(a), Some(b)) => {
            out.push(term(f.authority, a));
            out.push(term(f.body, b));
        }
        (Some(a), None) => out.push(term(f.authority, a)),
        (None, Some(b)) => out.push(term(f.body, b)),
        (None, None) => {}
    }
    if req.from.is_some() || req.to.is_some() {
        let bound = |d: Option<NaiveDate>| match d {
            Some(d) => Bound::Included(Term::from_field_date_for_search(
                f.meeting_date,
                date_value(d),
            )),
            None => Bound::Unbounded,
        };
        out.push(boxed(RangeQuery::new(bound(req.from), bound(req.to))));
    }
    if let Some(dnr) = req.dnr.as_deref().filter(|d| !d.trim().is_empty()) {
        out.push(term(f.dnr_key, &dnr_key(dnr)));
    }
    // A person took part in the paragraph or is named in it (each hit says which).
    if let Some(q) = PersonQueries::of(f, req, analysis).and_then(|p| p.either()) {
        out.push(q);
    }
    out
}

/// The text query and the filters, all of which must match; the filters do not score.
///
/// Without filters the text query is returned as it is, not wrapped in a boolean query of one
/// clause (whose score is the same): for one word that keeps the query a flat union of term
/// queries over the fields, which tantivy's top-N collector ranks with block-max WAND, skipping
/// blocks of matches that cannot reach the page, instead of scoring every match (issue 18).
/// tantivy prunes only a boolean query whose clauses are all term queries: a filter, a second
/// word or a phrase makes a nested query that is scored in full.
fn with_filters(text: Option<TextQuery>, filters: &[Box<dyn Query>]) -> Ranked {
    if filters.is_empty()
        && let Some(text) = text
    {
        return Ranked {
            query: text.query,
            prunable: text.flat,
        };
    }
    let mut all: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    all.push((
        Occur::Must,
        text.map_or_else(|| boxed(AllQuery), |t| t.query),
    ));
    for q in filters {
        all.push((Occur::Must, boxed(ConstScoreQuery::new(q.box_clone(), 0.0))));
    }
    Ranked {
        query: boxed(BooleanQuery::new(all)),
        prunable: false,
    }
}

/// The query a search runs.
struct Ranked {
    query: Box<dyn Query>,
    /// A flat union of term queries (see [`TextQuery::flat`]).
    prunable: bool,
}

/// The other form of a stem in the `-an` pair the Swedish stemmer leaves apart: `skolan` ↔
/// `skol` (of `skola`), `kyrkan` ↔ `kyrk`. Asked only at query time and only used when the index
/// knows the other form, so compounds of `plan` or `organ` are never cut at indexing.
fn definite_an(stem: &str) -> Option<String> {
    let consonant = |c: char| c.is_alphabetic() && !"aeiouyåäöé".contains(c);
    match stem.strip_suffix("an") {
        Some(base) if base.chars().count() >= 4 && base.chars().last().is_some_and(consonant) => {
            Some(base.to_string())
        }
        Some(_) => None,
        None if stem.chars().count() >= 4 && stem.chars().last().is_some_and(consonant) => {
            Some(format!("{stem}an"))
        }
        None => None,
    }
}

/// Linking letters (fogemorfem) between the parts of a Swedish compound: `skyfall|s|plan`,
/// `gymnasi|e|skola`, `kyrk|o|gård`, `gat|u|belysning`, `arbet|a|miljö` (the last is rare).
const LINKING: [char; 5] = ['s', 'e', 'o', 'u', 'a'];

/// Stems of the title and text fields that are compounds beginning with `stem`: the rest is a
/// stem the index knows (`known`) of at least [`MIN_TAIL_CHARS`] letters, after at most one
/// linking letter; or, after the linking `s` (the surest sign of a compound: `skyfall|s|plan`),
/// any word of at least [`MIN_HEAD_CHARS`] letters. So `plan` does not find `planera`, nor
/// `skol` `skolans`. Bounded: a stem shorter than [`MIN_HEAD_CHARS`] is not tried, at most
/// [`MAX_HEAD_SCAN`] terms are read per segment and field, and at most [`MAX_HEADS`] returned.
pub(crate) fn compounds_beginning_with(
    searcher: &Searcher,
    f: &Fields,
    stem: &str,
    known: &mut dyn FnMut(&str) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if stem.chars().count() < MIN_HEAD_CHARS {
        return out;
    }
    for segment in searcher.segment_readers() {
        for field in [f.text, f.title] {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(stem.as_bytes()).into_stream() else {
                continue;
            };
            let mut scanned = 0;
            while stream.advance() && scanned < MAX_HEAD_SCAN && out.len() < MAX_HEADS {
                scanned += 1;
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let Some(rest) = term.strip_prefix(stem) else {
                    break;
                };
                if rest.is_empty() || out.iter().any(|t| t == term) {
                    continue;
                }
                let unlinked = rest
                    .strip_prefix(LINKING)
                    .filter(|r| r.chars().count() >= MIN_TAIL_CHARS);
                let alphabetic = rest.chars().all(char::is_alphabetic);
                let after_s = rest
                    .strip_prefix('s')
                    .is_some_and(|r| r.chars().count() >= MIN_HEAD_CHARS);
                let compound = alphabetic
                    && (after_s
                        || [Some(rest), unlinked]
                            .into_iter()
                            .flatten()
                            .filter(|tail| tail.chars().count() >= MIN_TAIL_CHARS)
                            .any(&mut *known));
                if compound {
                    out.push(term.to_string());
                }
            }
        }
    }
    out
}

/// Shortest stem tried as the first part of compounds.
const MIN_HEAD_CHARS: usize = 4;
/// Shortest last part of a compound (`plan`, `skol`).
const MIN_TAIL_CHARS: usize = 3;
/// Terms read per segment and field when looking for compounds that begin with a stem.
const MAX_HEAD_SCAN: usize = 2_000;
/// Compounds one word may expand to.
const MAX_HEADS: usize = 24;

/// Whether the index knows `stem` in the title or text.
fn knows(searcher: &Searcher, f: &Fields, stem: &str) -> bool {
    [f.text, f.title].iter().any(|&field| {
        searcher
            .doc_freq(&Term::from_field_text(field, stem))
            .is_ok_and(|n| n > 0)
    })
}

impl SearchIndex {
    /// Runs a search; a request over the bounds of [`crate::limits`] is refused first.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        crate::limits::check(req)?;
        let searcher = self.inner.reader.searcher();
        let f = &self.inner.fields;
        let mut analysis = Analysis::new();
        let parsed = parse(&req.query, &mut analysis);
        let filters = filters(f, req, &mut analysis);
        if parsed.is_empty() && filters.is_empty() {
            return Ok(SearchResults::default());
        }
        let mut known = |s: &str| knows(&searcher, f, s);
        let mut compounds_of = |stem: &str| {
            compounds_beginning_with(&searcher, f, stem, &mut |t| knows(&searcher, f, t))
        };
        let text = text_query(
            f,
            &parsed,
            &mut analysis,
            &mut known,
            &mut compounds_of,
            false,
        );
        if text.is_none() && filters.is_empty() {
            // Only stop words.
            return Ok(SearchResults::default());
        }
        let query = with_filters(text, &filters);
        let mut results = self.run(&searcher, &query, &*query.query, req)?;
        if results.total == 0 && !parsed.words.is_empty() {
            let suggestion = suggest(&searcher, f, &parsed, &mut analysis);
            let fuzzy_text = text_query(
                f,
                &parsed,
                &mut analysis,
                &mut known,
                &mut compounds_of,
                true,
            );
            let fuzzy = with_filters(fuzzy_text, &filters);
            // Highlight the corrected words: the fuzzy terms themselves are not in the query's
            // term list.
            let highlight = suggestion
                .as_ref()
                .map(|s| parse(s, &mut analysis))
                .and_then(|p| {
                    text_query(f, &p, &mut analysis, &mut known, &mut compounds_of, false)
                })
                .map(|q| q.query)
                .unwrap_or_else(|| fuzzy.query.box_clone());
            let mut again = self.run(&searcher, &fuzzy, &*highlight, req)?;
            again.fuzzy = again.total > 0;
            again.suggestion = suggestion;
            results = again;
        }
        Ok(results)
    }

    fn run(
        &self,
        searcher: &Searcher,
        ranked: &Ranked,
        highlight: &dyn Query,
        req: &SearchRequest,
    ) -> Result<SearchResults, SearchError> {
        let f = &self.inner.fields;
        let query = &*ranked.query;
        let limit = req.limit.clamp(1, MAX_LIMIT);
        let top = TopDocs::with_limit(limit).and_offset(req.offset);
        let cap = self.count_cap;
        let (scored, counts): (Vec<(f32, DocAddress)>, Counts) = match req.sort {
            // The page alone, so tantivy's top-N collector ranks the flat union with block-max
            // WAND and skips the matches that cannot reach it; then at most `cap` matches are
            // counted, the rest estimated (see `crate::facets::count`).
            Sort::Relevance if ranked.prunable => {
                let scored = searcher
                    .search(query, &top.order_by_score())
                    .map_err(SearchError::Search)?;
                let counts = count(searcher, query, cap).map_err(SearchError::Search)?;
                (scored, counts)
            }
            // Any other query is scored in full (a nested boolean query, a phrase, filters), so
            // the exact total costs an increment per match in the same pass and the facets are
            // read for a bounded number of matches (see `crate::facets::FacetCounter`).
            Sort::Relevance => searcher
                .search(query, &(top.order_by_score(), FacetCounter { cap }))
                .map_err(SearchError::Search)?,
            Sort::Newest => {
                let (hits, counts) = searcher
                    .search(
                        query,
                        &(
                            top.order_by_fast_field::<tantivy::DateTime>(
                                "meeting_date",
                                Order::Desc,
                            ),
                            FacetCounter { cap },
                        ),
                    )
                    .map_err(SearchError::Search)?;
                (hits.into_iter().map(|(_, a)| (0.0, a)).collect(), counts)
            }
        };
        let mut snippets =
            SnippetGenerator::create(searcher, highlight, f.text).map_err(SearchError::Search)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let titles =
            SnippetGenerator::create(searcher, highlight, f.title).map_err(SearchError::Search)?;
        let person = PersonQueries::of(f, req, &mut Analysis::new());
        let mut hits = Vec::with_capacity(scored.len());
        for (score, addr) in scored {
            let doc: TantivyDocument = searcher.doc(addr).map_err(SearchError::Search)?;
            let mut hit = self.hit(&doc, score, &snippets, &titles);
            hit.person_match = person.as_ref().and_then(|p| p.why(searcher, addr));
            hits.push(hit);
        }
        let total = usize::try_from(counts.total).unwrap_or(usize::MAX);
        Ok(SearchResults {
            total: if counts.capped {
                usize::try_from(cap.max(1)).unwrap_or(usize::MAX)
            } else {
                total
            },
            total_capped: counts.capped,
            total_estimate: total,
            facets_estimated: counts.estimated,
            hits,
            facets: self.facets(&counts),
            suggestion: None,
            fuzzy: false,
        })
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        score: f32,
        snippets: &SnippetGenerator,
        titles: &SnippetGenerator,
    ) -> Hit {
        let f = &self.inner.fields;
        let s = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let i = |field| doc.get_first(field).and_then(|v| v.as_i64()).unwrap_or(0);
        let date = doc
            .get_first(f.meeting_date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.date_naive())
            .unwrap_or_default();
        let title = s(f.title);
        let text = s(f.text);
        let mut snippet = snippets.snippet(&text);
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        let (snippet_plain, snippet_html) = if snippet.is_empty() {
            // No word matched in the text (a title or name hit): the text's beginning.
            let plain = plain_snippet(&text);
            let html = escape(&plain);
            (plain, html)
        } else {
            (tidy(snippet.fragment()), tidy(&snippet.to_html()))
        };
        let mut title_snippet = titles.snippet(&title);
        title_snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        let title_html = if title_snippet.is_empty() || title_snippet.fragment().len() < title.len()
        {
            escape(&title)
        } else {
            title_snippet.to_html()
        };
        let dnr = s(f.dnr);
        Hit {
            authority: s(f.authority),
            authority_name: s(f.authority_name),
            body_slug: s(f.body),
            body: s(f.body_name),
            meeting: s(f.meeting),
            meeting_date: date,
            paragraph: i(f.number),
            dnr: (!dnr.is_empty()).then_some(dnr),
            title,
            title_html,
            snippet: snippet_plain,
            snippet_html,
            score,
            paragraph_id: i(f.paragraph_id),
            minutes_id: i(f.minutes_id),
            meeting_id: i(f.meeting_id),
            person_match: None,
        }
    }

    fn facets(&self, counts: &Counts) -> Facets {
        let mut out = Facets::default();
        // The values with most matches only, before their names are looked up: a common word
        // matches thousands of bodies in a national archive (issue 18).
        let most = |v: &[u64]| -> Vec<(u64, u64)> {
            let mut out: Vec<(u64, u64)> = v
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(i, &n)| (i as u64, n))
                .collect();
            if out.len() > MAX_FACET_VALUES {
                out.select_nth_unstable_by(MAX_FACET_VALUES - 1, |x, y| {
                    y.1.cmp(&x.1).then(x.0.cmp(&y.0))
                });
                out.truncate(MAX_FACET_VALUES);
            }
            out
        };
        let nonzero = |v: &[u64]| -> Vec<(u64, u64)> {
            v.iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(i, &n)| (i as u64, n))
                .collect()
        };
        for (id, count) in most(&counts.authorities) {
            if let Some(e) = self.entity(false, id) {
                out.authorities.push(FacetCount {
                    value: e.slug,
                    authority: None,
                    label: e.name,
                    count,
                });
            }
        }
        for (id, count) in most(&counts.bodies) {
            if let Some(e) = self.entity(true, id) {
                out.bodies.push(FacetCount {
                    value: e.slug,
                    authority: Some(e.authority),
                    label: e.name,
                    count,
                });
            }
        }
        for (year, count) in nonzero(&counts.years) {
            out.years.push(FacetCount {
                value: year.to_string(),
                authority: None,
                label: year.to_string(),
                count,
            });
        }
        out.authorities
            .sort_by(|x, y| y.count.cmp(&x.count).then(x.label.cmp(&y.label)));
        out.bodies
            .sort_by(|x, y| y.count.cmp(&x.count).then(x.label.cmp(&y.label)));
        out.years.sort_by(|x, y| y.value.cmp(&x.value));
        out
    }
}

/// A snippet from the text's start, when no word matched in the text (a title or name hit).
fn plain_snippet(text: &str) -> String {
    let mut end = text.len().min(SNIPPET_CHARS);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Cut at a word boundary.
    if end < text.len()
        && let Some(space) = text[..end].rfind(char::is_whitespace)
    {
        end = space;
    }
    let mut out = tidy(&text[..end]);
    if end < text.len() {
        out.push_str(" …");
    }
    out
}

/// Collapses the text's line breaks and runs of spaces (snippets show on one line).
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Minimal HTML escaping.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The query with each unknown word replaced by the nearest known one, or `None` when every word
/// is known or no correction was found.
fn suggest(
    searcher: &Searcher,
    f: &Fields,
    parsed: &Parsed,
    analysis: &mut Analysis,
) -> Option<String> {
    let mut changed = false;
    let mut words = Vec::new();
    // Each correction walks the term dictionaries with Levenshtein automata: bounded per query.
    let mut corrections_left = MAX_FUZZY_WORDS;
    for word in &parsed.words {
        let Some(stem) = analysis.stem(word) else {
            words.push(word.clone());
            continue;
        };
        let name_known = searcher
            .doc_freq(&Term::from_field_text(f.persons, word))
            .is_ok_and(|n| n > 0);
        if name_known || knows(searcher, f, &stem) || corrections_left == 0 {
            words.push(word.clone());
            continue;
        }
        corrections_left -= 1;
        match correct(searcher, f, word, &stem) {
            Some(better) => {
                changed = true;
                words.push(better);
            }
            None => words.push(word.clone()),
        }
    }
    if !changed {
        return None;
    }
    let words: Vec<String> = words
        .into_iter()
        .enumerate()
        .map(|(i, w)| match parsed.capitalised.get(i) {
            Some(true) => capitalise(&w),
            _ => w,
        })
        .collect();
    let mut out = words.join(" ");
    for phrase in &parsed.phrases {
        out.push_str(&format!(" \"{phrase}\""));
    }
    Some(out.trim().to_string())
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The nearest known word to `word` (stem `stem`): the most frequent term within distance 1,
/// else 2, among stems (then given the word's own ending back) and names.
fn correct(searcher: &Searcher, f: &Fields, word: &str, stem: &str) -> Option<String> {
    let max = fuzzy_distance(word.chars().count());
    for d in 1..=max {
        let mut best: Option<(u64, String)> = None;
        let mut consider = |candidate: String, freq: u64| {
            if best.as_ref().is_none_or(|(n, _)| freq > *n) {
                best = Some((freq, candidate));
            }
        };
        for (field, text, is_stem) in [
            (f.text, stem, true),
            (f.title, stem, true),
            (f.persons, word, false),
        ] {
            let mut seen: HashSet<String> = HashSet::new();
            let q = FuzzyTermQuery::new(Term::from_field_text(field, text), d, true);
            let Ok(automaton) = q.automaton() else {
                continue;
            };
            for segment in searcher.segment_readers() {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    if let Ok(s) = std::str::from_utf8(stream.key()) {
                        seen.insert(s.to_string());
                    }
                }
            }
            for candidate in seen {
                let freq = searcher
                    .doc_freq(&Term::from_field_text(field, &candidate))
                    .unwrap_or(0);
                let surface = if is_stem {
                    // The user's ending on the corrected stem: "uträdet" → "utträdet".
                    match word.strip_prefix(stem) {
                        Some(ending) => format!("{candidate}{ending}"),
                        None => candidate,
                    }
                } else {
                    candidate
                };
                consider(surface, freq);
            }
        }
        if let Some((_, w)) = best {
            return Some(w);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_read_into_words_phrases_and_exclusions() {
        let mut a = Analysis::new();
        let p = parse(r#"Kinda "budget för investeringar" -skola IT-stöd"#, &mut a);
        assert_eq!(p.words, ["kinda"]);
        assert_eq!(p.phrases, ["budget för investeringar", "IT-stöd"]);
        assert_eq!(p.excluded, ["skola"]);
        let p = parse(r#"ett "oavslutat citat"#, &mut a);
        assert_eq!(p.phrases, ["oavslutat citat"]);
        assert!(parse("  ", &mut a).is_empty());
    }

    #[test]
    fn the_definite_an_pair() {
        assert_eq!(definite_an("skolan").as_deref(), Some("skol"));
        assert_eq!(definite_an("skol").as_deref(), Some("skolan"));
        assert_eq!(definite_an("kyrkan").as_deref(), Some("kyrk"));
        assert_eq!(definite_an("plan"), None, "too short to be a definite form");
        assert_eq!(definite_an("mari"), None, "ends in a vowel");
    }

    #[test]
    fn sort_reads_english_and_swedish() {
        assert_eq!(Sort::parse("nyast"), Sort::Newest);
        assert_eq!(Sort::parse("newest"), Sort::Newest);
        assert_eq!(Sort::parse("relevans"), Sort::Relevance);
        assert_eq!(Sort::parse("x"), Sort::Relevance);
    }
}
