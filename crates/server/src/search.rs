//! Search: the page `/sok` and its JSON twin `/api/v1/search`, and the background task that keeps
//! the index in step with the database.
//!
//! Query parameters (Swedish on the page, English in the API, both accepted by both):
//! `q`, `myndighet`/`authority`, `organ`/`body`, `fran`/`from`, `till`/`to` (YYYY-MM-DD), `dnr`,
//! `person`, `sortering`/`sort` (`relevans`|`nyast`), `sida`/`page`, and `limit` (API).
//! Searches run on a blocking thread (tantivy is synchronous); the index is read-only here, the
//! catch-up task is its only writer in this process.
//!
//! Both routes read the parameters the same way ([`read`]): control characters are dropped,
//! `sida`/`page` and `antal`/`limit` must be positive integers, and a request over the bounds of
//! [`crate::limits`] (query length, words, page depth, inverted dates) is answered 400 with the
//! reason (a Swedish message on the page, problem+json in the API); a page past the last is 404.

use std::collections::HashMap;
use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Json};
use chrono::NaiveDate;
use kansli_search::{SearchIndex, SearchRequest, SearchResults, Sort};
use serde_json::{Value, json};

use crate::AppState;
use crate::error::{ApiError, Failure, PageError};
use crate::limits::{MAX_QUERY_CHARS, Slot};
use crate::pages::Layout;
use crate::paths;
use crate::text::encode_segment;

/// The search page's path.
pub const PAGE_PATH: &str = "/sok";
/// The API route's path (under `/api/v1`).
pub const API_PATH: &str = "/search";
/// Hits per page on the search page.
const PER_PAGE: usize = 20;
/// How often the background task looks for new changes.
pub const POLL_EVERY: Duration = Duration::from_secs(3);

/// Opens the data directory's index; a failure is logged and search is then unavailable.
pub fn open_index(store: &kansli_store::Store) -> Option<SearchIndex> {
    match SearchIndex::open_for(store) {
        Ok(index) => Some(index),
        Err(e) => {
            tracing::error!(error = %e, "the search index cannot be opened: search is off");
            None
        }
    }
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
}

/// Keeps the index up to date in the background: a catch-up at once, then every
/// [`POLL_EVERY`], so several server processes on one database each converge within seconds.
/// Waits for the first catch-up up to [`FIRST_CATCH_UP_WAIT`] (a small archive is searchable as
/// soon as the server answers; a large first build goes on in the background).
pub async fn start_catch_up(state: &AppState) {
    let Some(index) = state.search.clone() else {
        return;
    };
    let store = state.store.clone();
    let (first_done, first) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let mut first_done = Some(first_done);
        loop {
            // Minutes whose avpublicering day has come go back to the index without names.
            if let Err(e) = store.mark_depublications_due().await {
                tracing::warn!(error = %e, "avpublicering check failed");
            }
            match index.catch_up(&store, now()).await {
                Ok(r) if r.paragraphs > 0 || r.minutes > 0 => tracing::info!(
                    minutes = r.minutes,
                    paragraphs = r.paragraphs,
                    change = r.applied,
                    "search index updated"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "search index catch-up failed"),
            }
            if let Some(done) = first_done.take() {
                let _ = done.send(());
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    });
    if tokio::time::timeout(FIRST_CATCH_UP_WAIT, first)
        .await
        .is_err()
    {
        tracing::info!("the search index is still being built; search results grow meanwhile");
    }
}

/// How long the server waits for the first catch-up before it starts answering.
pub const FIRST_CATCH_UP_WAIT: Duration = Duration::from_secs(10);

/// The request read from the query string; `problems` lists what could not be read (in Swedish)
/// but does not stop the search, `refused` why it cannot run at all.
struct Parsed {
    request: SearchRequest,
    page: usize,
    problems: Vec<String>,
    refused: Option<Failure>,
    /// The refusal is only that the page lies past the deepest hit a request may reach.
    too_deep: bool,
}

/// A parameter (Swedish or English name), trimmed, with control characters (a NUL, an escape)
/// turned into spaces: they have no meaning in a search and must not reach the HTML.
fn param(q: &HashMap<String, String>, sv: &str, en: &str) -> Option<String> {
    let raw = q.get(sv).or_else(|| q.get(en))?;
    let clean: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.trim();
    (!clean.is_empty()).then(|| clean.to_string())
}

/// A positive integer parameter (`sida`/`page`, `antal`/`limit`), or `default` when absent.
fn number(
    q: &HashMap<String, String>,
    sv: &str,
    en: &str,
    default: usize,
) -> Result<usize, Failure> {
    match param(q, sv, en) {
        None => Ok(default),
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(Failure::bad_request(
                format!(
                    "Värdet ”{}” för {sv} kan inte läsas; ange ett heltal från 1.",
                    shorten(&raw, 20)
                ),
                format!("{en} must be a positive integer"),
            )),
        },
    }
}

/// At most `max` characters of `text`, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A refused search's reason as a failure: Swedish for the page, English for the API.
fn refusal(r: &kansli_search::Refusal) -> Failure {
    use kansli_search::Refusal as R;
    let sv = match r {
        R::QueryTooLong { chars, max } => format!(
            "Sökfrågan är för lång: {chars} tecken. Den får vara högst {max} tecken;              korta den eller välj de viktigaste orden."
        ),
        R::TooManyTerms { terms, max } => format!(
            "Sökfrågan har för många ord: {terms}. Den får ha högst {max} ord;              välj de viktigaste orden."
        ),
        R::FilterTooLong { filter, chars, max } => {
            let label = match *filter {
                "authority" => "myndighet",
                "body" => "organ",
                "dnr" => "diarienummer",
                _ => "person",
            };
            format!(
                "Sökvalet {label} är för långt: {chars} tecken. Det får vara högst {max} tecken."
            )
        }
        R::BadLimit { max, .. } => {
            format!("Antalet träffar per sida får vara mellan 1 och {max}.")
        }
        R::TooDeep { max, .. } => format!(
            "Det går att bläddra fram till träff {max}, inte längre.              Gör sökningen snävare, till exempel med år, organ eller fler sökord."
        ),
        R::InvertedDates { from, to } => {
            format!("Datumen är omkastade: från-datumet {from} är senare än till-datumet {to}.")
        }
    };
    Failure::bad_request(sv, r.to_string())
}

fn read(q: &HashMap<String, String>, per_page: usize) -> Parsed {
    let mut problems = Vec::new();
    let mut date = |sv: &str, en: &str, label: &str| -> Option<NaiveDate> {
        let raw = param(q, sv, en)?;
        let raw = shorten(&raw, 20);
        match NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(format!(
                    "Datumet ”{raw}” ({label}) kunde inte läsas; skriv ÅÅÅÅ-MM-DD."
                ));
                None
            }
        }
    };
    let from = date("fran", "from", "från");
    let to = date("till", "to", "till");
    let mut refused = None;
    let page = number(q, "sida", "page", 1).unwrap_or_else(|e| {
        refused.get_or_insert(e);
        1
    });
    let limit = number(q, "antal", "limit", per_page).unwrap_or_else(|e| {
        refused.get_or_insert(e);
        per_page
    });
    let sort_raw = param(q, "sortering", "sort").unwrap_or_default();
    let sort = Sort::parse(&sort_raw);
    if !sort_raw.trim().is_empty()
        && sort == Sort::Relevance
        && !matches!(
            sort_raw.trim().to_lowercase().as_str(),
            "relevance" | "relevans"
        )
    {
        refused.get_or_insert(Failure::bad_request(
            format!(
                "Sorteringen ”{}” finns inte; välj relevans eller nyast.",
                shorten(&sort_raw, 20)
            ),
            "sort must be relevance or newest".to_string(),
        ));
    }
    let request = SearchRequest {
        query: param(q, "q", "query").unwrap_or_default(),
        authority: param(q, "myndighet", "authority"),
        body: param(q, "organ", "body"),
        from,
        to,
        dnr: param(q, "dnr", "dnr"),
        person: param(q, "person", "person"),
        sort,
        offset: (page - 1).saturating_mul(limit),
        limit,
    };
    let mut too_deep = false;
    if refused.is_none()
        && let Err(r) = kansli_search::limits::check(&request)
    {
        too_deep = matches!(r, kansli_search::Refusal::TooDeep { .. });
        refused = Some(refusal(&r));
    }
    Parsed {
        request,
        page,
        problems,
        refused,
        too_deep,
    }
}

async fn run(
    state: &AppState,
    request: SearchRequest,
    slot: Option<Slot>,
) -> Result<SearchResults, Failure> {
    let Some(index) = state.search.clone() else {
        return Ok(SearchResults::default());
    };
    tokio::task::spawn_blocking(move || {
        // The route's slot is held until the search itself is done.
        let _slot = slot;
        index.search(&request)
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "search task failed");
        Failure::Internal
    })?
    .map_err(|e| match e {
        kansli_search::SearchError::Refused(r) => refusal(&r),
        e => {
            tracing::error!(error = %e, "search failed");
            Failure::Internal
        }
    })
}

/// The page's query string for `request` with some parameters changed (`None` removes one).
fn link(request: &SearchRequest, changes: &[(&str, Option<String>)]) -> String {
    let mut pairs: Vec<(&str, Option<String>)> = vec![
        ("q", Some(request.query.clone())),
        ("myndighet", request.authority.clone()),
        ("organ", request.body.clone()),
        ("fran", request.from.map(|d| d.to_string())),
        ("till", request.to.map(|d| d.to_string())),
        ("dnr", request.dnr.clone()),
        ("person", request.person.clone()),
        (
            "sortering",
            (request.sort == Sort::Newest).then(|| "nyast".to_string()),
        ),
    ];
    for (key, value) in changes {
        match pairs.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value.clone(),
            None => pairs.push((key, value.clone())),
        }
    }
    let query: Vec<String> = pairs
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", encode_segment(&v)))
        })
        .collect();
    if query.is_empty() {
        PAGE_PATH.to_string()
    } else {
        format!("{PAGE_PATH}?{}", query.join("&"))
    }
}

/// One hit as the page shows it.
struct HitView {
    title_html: String,
    url: String,
    context: String,
    dnr: Option<String>,
    snippet_html: String,
    /// In a person search, why the paragraph matched, in Swedish.
    person_match: Option<&'static str>,
}

/// Why a paragraph matched a person search, as the page says it.
fn person_match_sv(m: kansli_search::PersonMatch) -> &'static str {
    match m {
        kansli_search::PersonMatch::Attended => "Deltog i paragrafen",
        kansli_search::PersonMatch::NamedInText => "Nämns i texten",
        kansli_search::PersonMatch::AttendedAndNamed => "Deltog och nämns i texten",
    }
}

/// Why a paragraph matched a person search, as the API says it.
fn person_match_api(m: kansli_search::PersonMatch) -> &'static str {
    match m {
        kansli_search::PersonMatch::Attended => "attended",
        kansli_search::PersonMatch::NamedInText => "named_in_text",
        kansli_search::PersonMatch::AttendedAndNamed => "attended_and_named_in_text",
    }
}

/// One filter link of a facet.
struct FacetLink {
    label: String,
    /// The count as shown: grouped by thousands, "ca" before an estimate.
    count: String,
    href: String,
    active: bool,
}

/// A group of facet links.
struct FacetGroup {
    id: &'static str,
    title: &'static str,
    links: Vec<FacetLink>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    q: String,
    searched: bool,
    available: bool,
    problems: Vec<String>,
    total: usize,
    /// The total as the heading says it: "1 träff", "12 345 träffar".
    total_text: String,
    /// The facet counts are estimates from a sample of the matches.
    estimated: bool,
    first: usize,
    last: usize,
    hits: Vec<HitView>,
    fuzzy: bool,
    suggestion: Option<(String, String)>,
    active_filters: Vec<(String, String)>,
    facets: Vec<FacetGroup>,
    sort_relevance: String,
    sort_newest: String,
    newest: bool,
    prev: Option<String>,
    next: Option<String>,
    page: usize,
    pages: usize,
    /// The last page's link, when the page asked for lies past it.
    beyond: Option<String>,
    authority: String,
    body: String,
    from: String,
    to: String,
    dnr: String,
    person: String,
}

/// `/sok`: the search page, with hits, facets, pagination and "Menade du …?".
pub async fn page(
    State(state): State<AppState>,
    slot: Option<Extension<Slot>>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let Parsed {
        mut request,
        page,
        mut problems,
        mut refused,
        too_deep,
    } = read(&q, PER_PAGE);
    let mut slot = slot.map(|Extension(s)| s);
    let mut first_page = None;
    if too_deep {
        // A page far past the window is most often far past the last page too: search the
        // first page (a bounded search) and, when the hits end before the page asked for, say
        // where they end instead of refusing.
        let mut probe = request.clone();
        probe.offset = 0;
        let results = run(&state, probe, slot.take()).await?;
        if page > results.total.div_ceil(request.limit.max(1)).max(1) {
            request.offset = 0;
            refused = None;
            first_page = Some(results);
        }
    }
    if let Some(failure) = refused {
        // The form again, with the reason and the query (cut to what may be searched).
        if let Failure::BadRequest { sv, .. } = &failure {
            problems.push(sv.clone());
        }
        request.query = shorten(&request.query, MAX_QUERY_CHARS);
        for filter in [
            &mut request.authority,
            &mut request.body,
            &mut request.dnr,
            &mut request.person,
        ] {
            if let Some(v) = filter.as_mut() {
                *v = shorten(v, crate::limits::MAX_FILTER_CHARS);
            }
        }
        let view = SearchPage::form(&state, &request, problems);
        return Ok((StatusCode::BAD_REQUEST, Html(view.render()?)).into_response());
    }
    let req = &request;
    let searched = !req.query.trim().is_empty()
        || req.authority.is_some()
        || req.body.is_some()
        || req.dnr.is_some()
        || req.person.is_some()
        || req.from.is_some()
        || req.to.is_some();
    let results = if let Some(results) = first_page {
        results
    } else if searched {
        run(&state, request.clone(), slot.take()).await?
    } else {
        SearchResults::default()
    };
    let hits = results
        .hits
        .iter()
        .map(|h| HitView {
            title_html: h.title_html.clone(),
            url: paths::paragraph(&h.authority, &h.body_slug, &h.meeting, h.paragraph),
            context: format!(
                "{} · {} · {} · § {}",
                h.authority_name,
                h.body,
                crate::text::SvDate::long(&h.meeting_date),
                h.paragraph
            ),
            dnr: h.dnr.clone(),
            snippet_html: h.snippet_html.clone(),
            person_match: h.person_match.map(person_match_sv),
        })
        .collect();
    let estimated = results.facets_estimated;
    let shown = |n: u64| {
        if estimated {
            format!("ca {}", crate::text::grouped(rounded(n)))
        } else {
            crate::text::grouped(n)
        }
    };
    let mut facets = Vec::new();
    let f = &results.facets;
    if f.authorities.len() > 1 || req.authority.is_some() {
        facets.push(FacetGroup {
            id: "facett-myndighet",
            title: "Myndighet",
            links: f
                .authorities
                .iter()
                .map(|x| FacetLink {
                    label: x.label.clone(),
                    count: shown(x.count),
                    href: link(req, &[("myndighet", Some(x.value.clone())), ("sida", None)]),
                    active: req.authority.as_deref() == Some(x.value.as_str()),
                })
                .collect(),
        });
    }
    facets.push(FacetGroup {
        id: "facett-organ",
        title: "Organ",
        links: f
            .bodies
            .iter()
            .map(|x| FacetLink {
                label: if f.authorities.len() > 1 {
                    format!(
                        "{} ({})",
                        x.label,
                        authority_label(f, x.authority.as_deref())
                    )
                } else {
                    x.label.clone()
                },
                count: shown(x.count),
                href: link(
                    req,
                    &[
                        ("myndighet", x.authority.clone()),
                        ("organ", Some(x.value.clone())),
                        ("sida", None),
                    ],
                ),
                active: req.body.as_deref() == Some(x.value.as_str()),
            })
            .collect(),
    });
    facets.push(FacetGroup {
        id: "facett-ar",
        title: "År",
        links: f
            .years
            .iter()
            .map(|x| FacetLink {
                label: x.label.clone(),
                count: shown(x.count),
                href: link(
                    req,
                    &[
                        ("fran", Some(format!("{}-01-01", x.value))),
                        ("till", Some(format!("{}-12-31", x.value))),
                        ("sida", None),
                    ],
                ),
                active: req.from.map(|d| d.format("%Y-01-01").to_string())
                    == Some(format!("{}-01-01", x.value))
                    && req.to.map(|d| d.format("%Y-12-31").to_string())
                        == Some(format!("{}-12-31", x.value)),
            })
            .collect(),
    });
    facets.retain(|g| !g.links.is_empty());
    let mut active_filters = Vec::new();
    let mut filter = |label: String, key: &str| {
        active_filters.push((label, link(req, &[(key, None), ("sida", None)])));
    };
    if let Some(a) = &req.authority {
        filter(
            format!("Myndighet: {}", authority_label(f, Some(a))),
            "myndighet",
        );
    }
    if let Some(b) = &req.body {
        filter(
            format!("Organ: {}", body_label(f, b, req.authority.as_deref())),
            "organ",
        );
    }
    if let Some(d) = req.from {
        filter(format!("Från: {d}"), "fran");
    }
    if let Some(d) = req.to {
        filter(format!("Till: {d}"), "till");
    }
    if let Some(d) = &req.dnr {
        filter(format!("Dnr: {d}"), "dnr");
    }
    if let Some(p) = &req.person {
        filter(format!("Person: {p}"), "person");
    }
    let pages = results.total.div_ceil(req.limit.max(1)).max(1);
    let beyond = (searched && page > pages)
        .then(|| link(req, &[("sida", (pages > 1).then(|| pages.to_string()))]));
    let first = if results.hits.is_empty() {
        0
    } else {
        req.offset + 1
    };
    let last = req.offset + results.hits.len();
    let title = if req.query.trim().is_empty() {
        "Sök i protokollen".to_string()
    } else {
        format!("Sökresultat för ”{}”", req.query.trim())
    };
    let page_view = SearchPage {
        layout: Layout::new(
            title,
            vec![
                ("Startsida".to_string(), Some(paths::start())),
                ("Sök".to_string(), None),
            ],
            Some(format!(
                "{}{API_PATH}{}",
                paths::api::ROOT,
                link(req, &[]).trim_start_matches(PAGE_PATH)
            )),
        ),
        q: req.query.clone(),
        searched,
        available: state.search.is_some(),
        problems,
        total: results.total,
        total_text: total_text(&results),
        estimated,
        first,
        last,
        hits,
        fuzzy: results.fuzzy,
        suggestion: results.suggestion.as_ref().map(|s| {
            (
                s.clone(),
                link(req, &[("q", Some(s.clone())), ("sida", None)]),
            )
        }),
        active_filters,
        facets,
        sort_relevance: link(req, &[("sortering", None), ("sida", None)]),
        sort_newest: link(req, &[("sortering", Some("nyast".into())), ("sida", None)]),
        newest: req.sort == Sort::Newest,
        prev: (page > 1).then(|| link(req, &[("sida", Some((page - 1).to_string()))])),
        next: (page < pages).then(|| link(req, &[("sida", Some((page + 1).to_string()))])),
        page,
        pages,
        beyond,
        authority: req.authority.clone().unwrap_or_default(),
        body: req.body.clone().unwrap_or_default(),
        from: req.from.map(|d| d.to_string()).unwrap_or_default(),
        to: req.to.map(|d| d.to_string()).unwrap_or_default(),
        dnr: req.dnr.clone().unwrap_or_default(),
        person: req.person.clone().unwrap_or_default(),
    };
    let status = if page_view.beyond.is_some() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok((status, Html(page_view.render()?)).into_response())
}

impl SearchPage {
    /// The page with only the form filled in and the problems said: a refused search.
    fn form(state: &AppState, req: &SearchRequest, problems: Vec<String>) -> SearchPage {
        SearchPage {
            layout: Layout::new(
                "Sök i protokollen".to_string(),
                vec![
                    ("Startsida".to_string(), Some(paths::start())),
                    ("Sök".to_string(), None),
                ],
                None,
            ),
            q: req.query.clone(),
            searched: false,
            available: state.search.is_some(),
            problems,
            total: 0,
            total_text: String::new(),
            estimated: false,
            first: 0,
            last: 0,
            hits: Vec::new(),
            fuzzy: false,
            suggestion: None,
            active_filters: Vec::new(),
            facets: Vec::new(),
            sort_relevance: String::new(),
            sort_newest: String::new(),
            newest: false,
            prev: None,
            next: None,
            page: 1,
            pages: 1,
            beyond: None,
            authority: req.authority.clone().unwrap_or_default(),
            body: req.body.clone().unwrap_or_default(),
            from: req.from.map(|d| d.to_string()).unwrap_or_default(),
            to: req.to.map(|d| d.to_string()).unwrap_or_default(),
            dnr: req.dnr.clone().unwrap_or_default(),
            person: req.person.clone().unwrap_or_default(),
        }
    }
}

/// The number of hits as the page's heading says it, thousands grouped: "213 träffar"; past the
/// count's cap "Fler än 10 000 träffar (ca 210 000)", the estimate rounded as the facets are.
fn total_text(results: &kansli_search::SearchResults) -> String {
    if results.total_capped {
        return format!(
            "Fler än {} träffar (ca {})",
            crate::text::grouped(results.total as u64),
            crate::text::grouped(rounded(results.total_estimate as u64))
        );
    }
    match results.total {
        0 => "Inga träffar".to_string(),
        1 => "1 träff".to_string(),
        n => format!("{} träffar", crate::text::grouped(n as u64)),
    }
}

/// An estimate rounded to two significant digits (1 234 → 1 200): the sample is no more exact.
fn rounded(n: u64) -> u64 {
    let mut unit = 1;
    while n / unit >= 100 {
        unit *= 10;
    }
    (n + unit / 2) / unit * unit
}

fn authority_label(f: &kansli_search::Facets, slug: Option<&str>) -> String {
    let slug = slug.unwrap_or_default();
    f.authorities
        .iter()
        .find(|a| a.value == slug)
        .map(|a| a.label.clone())
        .unwrap_or_else(|| slug.to_string())
}

/// A body filter's name for its chip: the body's name from the facets (of the authority
/// filtered on, if any), the slug when no hit names it.
fn body_label(f: &kansli_search::Facets, slug: &str, authority: Option<&str>) -> String {
    f.bodies
        .iter()
        .find(|x| {
            x.value.eq_ignore_ascii_case(slug)
                && authority.is_none_or(|a| {
                    x.authority
                        .as_deref()
                        .is_some_and(|y| y.eq_ignore_ascii_case(a))
                })
        })
        .map_or_else(|| slug.to_string(), |x| x.label.clone())
}

/// `/api/v1/search`: hits as an OParl-style list (`data`, `pagination`, `links`) plus `facets`
/// and `suggestion`; past the count's cap `total_capped` says `totalElements` is the cap (more
/// matched), `total_estimate` estimates how many, and `facets_estimated` says the facet counts come
/// from a sample of the matches.
pub async fn api(
    State(state): State<AppState>,
    slot: Option<Extension<Slot>>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Parsed {
        request,
        page,
        problems,
        refused,
        ..
    } = read(&q, 20);
    if let Some(failure) = refused {
        return Err(ApiError(failure));
    }
    if let Some(problem) = problems.first() {
        return Err(ApiError(Failure::bad_request(
            problem.clone(),
            "dates must be YYYY-MM-DD".to_string(),
        )));
    }
    let results = run(&state, request.clone(), slot.map(|Extension(s)| s)).await?;
    let data: Vec<Value> = results
        .hits
        .iter()
        .map(|h| {
            let id = crate::api::absolute(&paths::api::paragraph(
                &h.authority,
                &h.body_slug,
                &h.meeting,
                h.paragraph,
            ));
            json!({
                "id": id,
                "type": "SearchHit",
                "web": paths::paragraph(&h.authority, &h.body_slug, &h.meeting, h.paragraph),
                "authority": h.authority,
                "authority_name": h.authority_name,
                "body": h.body,
                "body_slug": h.body_slug,
                "meeting": h.meeting,
                "meeting_date": h.meeting_date,
                "paragraph": h.paragraph,
                "dnr": h.dnr,
                "title": h.title,
                "snippet": h.snippet,
                "snippet_html": h.snippet_html,
                "score": h.score,
                "person_match": h.person_match.map(person_match_api),
            })
        })
        .collect();
    let limit = request.limit.max(1);
    let total_pages = results.total.div_ceil(limit).max(1);
    if page > total_pages {
        return Err(ApiError(Failure::not_found(
            format!("Sidan {page} av sökresultatet"),
            format!("page {page} of the results (there are {total_pages} pages)"),
        )));
    }
    let base = format!("{}{API_PATH}", paths::api::ROOT);
    let page_link = |p: usize| {
        let own = link(&request, &[("sida", None)]);
        let rest = own.trim_start_matches(PAGE_PATH).trim_start_matches('?');
        let sep = if rest.is_empty() { "" } else { "&" };
        format!("{base}?{rest}{sep}page={p}&limit={limit}")
    };
    let mut links = serde_json::Map::new();
    links.insert("first".into(), Value::String(page_link(1)));
    if page > 1 {
        links.insert(
            "prev".into(),
            Value::String(page_link((page - 1).min(total_pages))),
        );
    }
    if page < total_pages {
        links.insert("next".into(), Value::String(page_link(page + 1)));
    }
    links.insert("last".into(), Value::String(page_link(total_pages)));
    links.insert("web".into(), Value::String(link(&request, &[])));
    let body = json!({
        "data": data,
        "pagination": {
            "totalElements": results.total,
            "elementsPerPage": limit,
            "currentPage": page,
            "totalPages": total_pages,
        },
        "links": links,
        "facets": results.facets,
        "total_capped": results.total_capped,
        "total_estimate": results.total_estimate,
        "facets_estimated": results.facets_estimated,
        "suggestion": results.suggestion,
        "fuzzy": results.fuzzy,
    });
    Ok(Json(body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_filters_and_encode_values() {
        let req = SearchRequest {
            query: "Kinda utträde".into(),
            authority: Some("kommunalforbundet-itsam".into()),
            sort: Sort::Newest,
            ..SearchRequest::default()
        };
        assert_eq!(
            link(&req, &[]),
            "/sok?q=Kinda%20uttr%C3%A4de&myndighet=kommunalforbundet-itsam&sortering=nyast"
        );
        assert_eq!(
            link(&req, &[("myndighet", None), ("sida", Some("2".into()))]),
            "/sok?q=Kinda%20uttr%C3%A4de&sortering=nyast&sida=2"
        );
    }

    #[test]
    fn the_total_is_said_in_swedish_and_estimates_are_rounded() {
        let said = |total: usize, total_capped: bool, total_estimate: usize| {
            total_text(&kansli_search::SearchResults {
                total,
                total_capped,
                total_estimate,
                ..kansli_search::SearchResults::default()
            })
        };
        assert_eq!(said(0, false, 0), "Inga träffar");
        assert_eq!(said(1, false, 1), "1 träff");
        assert_eq!(said(9_457, false, 9_457), "9\u{a0}457 träffar");
        assert_eq!(
            said(10_000, true, 213_457),
            "Fler än 10\u{a0}000 träffar (ca 210\u{a0}000)"
        );
        assert_eq!(rounded(213_457), 210_000);
        assert_eq!(rounded(10_001), 10_000);
        assert_eq!(rounded(96), 96);
        assert_eq!(rounded(1_050), 1_100);
    }

    #[test]
    fn bad_dates_are_reported_not_fatal() {
        let q: HashMap<String, String> = [("q", "x"), ("fran", "igår"), ("till", "2024-12-31")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let p = read(&q, 20);
        assert_eq!(p.request.from, None);
        assert_eq!(p.request.to, NaiveDate::from_ymd_opt(2024, 12, 31));
        assert_eq!(p.problems.len(), 1);
    }
}
