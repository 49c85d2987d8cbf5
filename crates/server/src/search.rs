//! Search: the page `/sok` and its JSON twin `/api/v1/search`, and the background task that keeps
//! the index in step with the database.
//!
//! Query parameters (Swedish on the page, English in the API, both accepted by both):
//! `q`, `myndighet`/`authority`, `organ`/`body`, `fran`/`from`, `till`/`to` (YYYY-MM-DD), `dnr`,
//! `person`, `sortering`/`sort` (`relevans`|`nyast`), `sida`/`page`, and `limit` (API).
//! Searches run on a blocking thread (tantivy is synchronous); the index is read-only here, the
//! catch-up task is its only writer in this process.

use std::collections::HashMap;
use std::time::Duration;

use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use kansli_search::{SearchIndex, SearchRequest, SearchResults, Sort};
use serde_json::{Value, json};

use crate::AppState;
use crate::error::{ApiError, Failure, PageError};
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

/// The request read from the query string; `problems` lists what could not be read (in Swedish).
struct Parsed {
    request: SearchRequest,
    page: usize,
    problems: Vec<String>,
}

fn param<'a>(q: &'a HashMap<String, String>, sv: &str, en: &str) -> Option<&'a str> {
    q.get(sv)
        .or_else(|| q.get(en))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
}

fn read(q: &HashMap<String, String>, per_page: usize) -> Parsed {
    let mut problems = Vec::new();
    let mut date = |sv: &str, en: &str, label: &str| -> Option<NaiveDate> {
        let raw = param(q, sv, en)?;
        match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
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
    let page = param(q, "sida", "page")
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|&p| p > 0)
        .unwrap_or(1)
        .min(10_000);
    let limit = param(q, "antal", "limit")
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|&p| p > 0)
        .unwrap_or(per_page)
        .min(kansli_search::MAX_LIMIT);
    let own = |s: Option<&str>| s.map(str::to_string);
    Parsed {
        request: SearchRequest {
            query: param(q, "q", "query").unwrap_or_default().to_string(),
            authority: own(param(q, "myndighet", "authority")),
            body: own(param(q, "organ", "body")),
            from,
            to,
            dnr: own(param(q, "dnr", "dnr")),
            person: own(param(q, "person", "person")),
            sort: Sort::parse(param(q, "sortering", "sort").unwrap_or("")),
            offset: (page - 1) * limit,
            limit,
        },
        page,
        problems,
    }
}

async fn run(state: &AppState, request: SearchRequest) -> Result<SearchResults, Failure> {
    let Some(index) = state.search.clone() else {
        return Ok(SearchResults::default());
    };
    tokio::task::spawn_blocking(move || index.search(&request))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "search task failed");
            Failure::Internal
        })?
        .map_err(|e| {
            tracing::error!(error = %e, "search failed");
            Failure::Internal
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
}

/// One filter link of a facet.
struct FacetLink {
    label: String,
    count: u64,
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
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let Parsed {
        request,
        page,
        problems,
    } = read(&q, PER_PAGE);
    let req = &request;
    let searched = !req.query.trim().is_empty()
        || req.authority.is_some()
        || req.body.is_some()
        || req.dnr.is_some()
        || req.person.is_some()
        || req.from.is_some()
        || req.to.is_some();
    let results = if searched {
        run(&state, request.clone()).await?
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
        })
        .collect();
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
                    count: x.count,
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
                count: x.count,
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
                count: x.count,
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
        filter(format!("Organ: {b}"), "organ");
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
        authority: req.authority.clone().unwrap_or_default(),
        body: req.body.clone().unwrap_or_default(),
        from: req.from.map(|d| d.to_string()).unwrap_or_default(),
        to: req.to.map(|d| d.to_string()).unwrap_or_default(),
        dnr: req.dnr.clone().unwrap_or_default(),
        person: req.person.clone().unwrap_or_default(),
    };
    Ok(Html(page_view.render()?).into_response())
}

fn authority_label(f: &kansli_search::Facets, slug: Option<&str>) -> String {
    let slug = slug.unwrap_or_default();
    f.authorities
        .iter()
        .find(|a| a.value == slug)
        .map(|a| a.label.clone())
        .unwrap_or_else(|| slug.to_string())
}

/// `/api/v1/search`: hits as an OParl-style list (`data`, `pagination`, `links`) plus `facets`
/// and `suggestion`.
pub async fn api(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Parsed {
        request,
        page,
        problems,
    } = read(&q, 20);
    if let Some(problem) = problems.first() {
        return Err(ApiError(Failure::bad_request(
            problem.clone(),
            "dates must be YYYY-MM-DD".to_string(),
        )));
    }
    let results = run(&state, request.clone()).await?;
    let data: Vec<Value> = results
        .hits
        .iter()
        .map(|h| {
            let id = paths::api::paragraph(&h.authority, &h.body_slug, &h.meeting, h.paragraph);
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
            })
        })
        .collect();
    let limit = request.limit.max(1);
    let total_pages = results.total.div_ceil(limit).max(1);
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
