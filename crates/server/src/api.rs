//! The JSON API under `/api/v1/`: the same read models as the pages, for programs.
//!
//! OParl 1.1 is the model: every object carries `id` (its own absolute-path URL), `type` and
//! `web` (its HTML page); lists are `{data, pagination, links}` with `?page=` and `?limit=`;
//! dates are ISO 8601. Field names inside objects are those of the store's read models and the
//! parse contract (snake_case), so the API, `kansli parse` and the database speak alike.
//! Errors are `{"error": "…"}` in English. The OpenAPI document (`openapi.json`, written by hand
//! because the read models live in `kansli-store` and carry no schema derive) is checked by a
//! test to name every route below.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::AppState;
use crate::error::{ApiError, ApiPath, Failure};
use crate::law::law_of_record;
use crate::pages::is_sha256;
use crate::paths::{self, api as urls};

/// Every route of the API, as the router and the OpenAPI document spell them.
pub const API_PATHS: &[&str] = &[
    "/api/v1/openapi.json",
    "/api/v1/authorities",
    "/api/v1/authorities/{a}",
    "/api/v1/authorities/{a}/bodies",
    "/api/v1/authorities/{a}/bodies/{b}",
    "/api/v1/authorities/{a}/bodies/{b}/meetings",
    "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}",
    "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/paragraphs/{n}",
    "/api/v1/authorities/{a}/cases/{key}",
    "/api/v1/files/{sha256}",
    "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/documents/{document}",
    "/api/v1/search",
];

/// The OpenAPI 3.1 document.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Objects per page when `?limit=` is not given.
const DEFAULT_LIMIT: u32 = 50;
/// The most objects one page may hold.
const MAX_LIMIT: u32 = 500;

type ApiResult = Result<Response, ApiError>;

fn ok(value: Value) -> ApiResult {
    Ok(Json(value).into_response())
}

/// An API path as the absolute URL OParl asks `id` to be: the site's origin (the configured
/// public URL, else the request's host) and the path.
pub fn absolute(path: &str) -> String {
    format!("{}{path}", crate::site::current().origin)
}

/// Serialises `inner` and adds OParl's `id` (absolute), `type` and `web`.
fn object(inner: impl Serialize, kind: &str, id: String, web: String) -> Result<Value, Failure> {
    let mut v = serde_json::to_value(inner)?;
    if let Value::Object(map) = &mut v {
        map.insert("id".into(), Value::String(absolute(&id)));
        map.insert("type".into(), Value::String(kind.into()));
        map.insert("web".into(), Value::String(web));
    }
    Ok(v)
}

fn insert(v: &mut Value, key: &str, value: Value) {
    if let Value::Object(map) = v {
        map.insert(key.to_string(), value);
    }
}

fn url_or_null(url: Option<String>) -> Value {
    url.map_or(Value::Null, Value::String)
}

/// `?page=` and `?limit=`, checked.
#[derive(Debug, Clone, Copy)]
struct Paging {
    page: u32,
    limit: u32,
}

impl Paging {
    fn from_query(q: &HashMap<String, String>) -> Result<Paging, Failure> {
        let number = |key: &str, default: u32| -> Result<u32, Failure> {
            match q.get(key).map(|s| s.trim()) {
                None | Some("") => Ok(default),
                Some(s) => match s.parse::<u32>() {
                    Ok(n) if n > 0 => Ok(n),
                    _ => Err(Failure::bad_request(
                        format!("{key} måste vara ett positivt heltal"),
                        format!("{key} must be a positive integer, not {s:?}"),
                    )),
                },
            }
        };
        let page = number("page", 1)?;
        let limit = number("limit", DEFAULT_LIMIT)?;
        if limit > MAX_LIMIT {
            return Err(Failure::bad_request(
                format!("limit får vara högst {MAX_LIMIT}"),
                format!("limit must be at most {MAX_LIMIT}"),
            ));
        }
        Ok(Paging { page, limit })
    }

    fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.limit)
    }

    /// This page of an in-memory list.
    fn slice<T>(&self, items: Vec<T>) -> Vec<T> {
        let offset = usize::try_from(self.offset()).unwrap_or(usize::MAX);
        items
            .into_iter()
            .skip(offset)
            .take(self.limit as usize)
            .collect()
    }

    /// The OParl list envelope. `extra` is kept in the links (`year=2024`).
    fn envelope(
        &self,
        data: Vec<Value>,
        total: u64,
        base: &str,
        extra: &[(&str, String)],
    ) -> Value {
        let limit = u64::from(self.limit);
        let total_pages = total.div_ceil(limit).max(1);
        let link = |page: u64| {
            let mut q: Vec<String> = extra.iter().map(|(k, v)| format!("{k}={v}")).collect();
            q.push(format!("page={page}"));
            q.push(format!("limit={limit}"));
            format!("{base}?{}", q.join("&"))
        };
        let page = u64::from(self.page);
        let mut links = Map::new();
        links.insert("first".into(), Value::String(link(1)));
        if page > 1 {
            links.insert(
                "prev".into(),
                Value::String(link((page - 1).min(total_pages))),
            );
        }
        if page < total_pages {
            links.insert("next".into(), Value::String(link(page + 1)));
        }
        links.insert("last".into(), Value::String(link(total_pages)));
        json!({
            "data": data,
            "pagination": {
                "totalElements": total,
                "elementsPerPage": limit,
                "currentPage": page,
                "totalPages": total_pages,
            },
            "links": links,
        })
    }
}

fn authority_not_found(a: &str) -> Failure {
    Failure::not_found(format!("Myndigheten ”{a}”"), format!("authority {a:?}"))
}

fn body_not_found(a: &str, b: &str) -> Failure {
    Failure::not_found(
        format!("Organet ”{b}” hos ”{a}”"),
        format!("body {b:?} of authority {a:?}"),
    )
}

fn authority_object(a: &kansli_store::AuthoritySummary) -> Result<Value, Failure> {
    let slug = &a.authority.slug;
    let mut v = object(
        a,
        "Authority",
        urls::authority(slug),
        paths::authority(slug),
    )?;
    insert(&mut v, "bodies", Value::String(urls::bodies(slug)));
    Ok(v)
}

fn body_object(a: &str, b: &kansli_store::BodySummary) -> Result<Value, Failure> {
    let slug = &b.body.slug;
    let mut v = object(b, "Body", urls::body(a, slug), paths::body(a, slug))?;
    insert(&mut v, "authority", Value::String(urls::authority(a)));
    insert(&mut v, "meetings", Value::String(urls::meetings(a, slug)));
    Ok(v)
}

/// A reference to an authority or body inside another object gains its `id` and `web`.
fn ref_links(v: &mut Value, key: &str, id: String, web: String) {
    if let Some(Value::Object(map)) = v.get_mut(key) {
        map.insert("id".into(), Value::String(absolute(&id)));
        map.insert("web".into(), Value::String(web));
    }
}

fn meeting_object(m: &kansli_store::MeetingSummary) -> Result<Value, Failure> {
    let (a, b) = (&m.authority.slug, &m.body.slug);
    let mut v = object(
        m,
        "Meeting",
        urls::meeting(a, b, &m.slug),
        paths::meeting(a, b, &m.slug),
    )?;
    ref_links(&mut v, "authority", urls::authority(a), paths::authority(a));
    ref_links(&mut v, "body", urls::body(a, b), paths::body(a, b));
    Ok(v)
}

fn header_links(v: &mut Value, h: &kansli_store::MeetingHeader) {
    let (a, b) = (&h.authority.slug, &h.body.slug);
    ref_links(v, "authority", urls::authority(a), paths::authority(a));
    ref_links(v, "body", urls::body(a, b), paths::body(a, b));
}

fn paragraph_object(
    a: &str,
    b: &str,
    m: &str,
    p: &kansli_store::ParagraphView,
) -> Result<Value, Failure> {
    let mut v = object(
        p,
        "Paragraph",
        urls::paragraph(a, b, m, p.number),
        paths::paragraph(a, b, m, p.number),
    )?;
    insert(&mut v, "meeting", Value::String(urls::meeting(a, b, m)));
    insert(
        &mut v,
        "case",
        url_or_null(p.case_key.as_deref().map(|k| urls::case(a, k))),
    );
    Ok(v)
}

fn file_object(f: &kansli_store::FileInfo) -> Result<Value, Failure> {
    let mut v = object(f, "File", urls::file(&f.sha256), paths::file(&f.sha256))?;
    insert(
        &mut v,
        "download_url",
        Value::String(paths::file(&f.sha256)),
    );
    Ok(v)
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        OPENAPI,
    )
        .into_response()
}

/// Anything under `/api/` that is not a route.
pub async fn not_found() -> ApiError {
    ApiError(Failure::not_found("API-adressen", "no such API route"))
}

/// `GET /api/v1/authorities`.
pub async fn authorities(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let paging = Paging::from_query(&q)?;
    let all = state.store.authorities().await.map_err(Failure::from)?;
    let total = all.len() as u64;
    let data = paging
        .slice(all)
        .iter()
        .map(authority_object)
        .collect::<Result<Vec<_>, _>>()?;
    ok(paging.envelope(data, total, &urls::authorities(), &[]))
}

/// `GET /api/v1/authorities/{a}`.
pub async fn authority(State(state): State<AppState>, ApiPath(a): ApiPath<String>) -> ApiResult {
    let view = state
        .store
        .authority(&a)
        .await
        .map_err(Failure::from)?
        .ok_or_else(|| authority_not_found(&a))?;
    ok(authority_object(&view.authority)?)
}

/// `GET /api/v1/authorities/{a}/bodies`.
pub async fn bodies(
    State(state): State<AppState>,
    ApiPath(a): ApiPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let paging = Paging::from_query(&q)?;
    let view = state
        .store
        .authority(&a)
        .await
        .map_err(Failure::from)?
        .ok_or_else(|| authority_not_found(&a))?;
    let slug = view.authority.authority.slug.clone();
    let total = view.bodies.len() as u64;
    let data = paging
        .slice(view.bodies)
        .iter()
        .map(|b| body_object(&slug, b))
        .collect::<Result<Vec<_>, _>>()?;
    ok(paging.envelope(data, total, &urls::bodies(&slug), &[]))
}

/// `GET /api/v1/authorities/{a}/bodies/{b}`: the body, with its years.
pub async fn body(
    State(state): State<AppState>,
    ApiPath((a, b)): ApiPath<(String, String)>,
) -> ApiResult {
    let view = state
        .store
        .body_meetings(&a, &b, None, 0, 1)
        .await
        .map_err(Failure::from)?
        .ok_or_else(|| body_not_found(&a, &b))?;
    let aslug = view.authority.slug.clone();
    let mut v = body_object(&aslug, &view.body)?;
    let years: Vec<Value> = view
        .years
        .iter()
        .map(|y| {
            json!({
                "year": y.year,
                "meetings": y.meetings,
                "url": format!("{}?year={}", urls::meetings(&aslug, &view.body.body.slug), y.year),
            })
        })
        .collect();
    insert(&mut v, "years", Value::Array(years));
    ok(v)
}

/// `GET /api/v1/authorities/{a}/bodies/{b}/meetings?year=`: newest first; all years unless
/// `year` is given.
pub async fn meetings(
    State(state): State<AppState>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let paging = Paging::from_query(&q)?;
    let year = match q.get("year").map(|s| s.trim()) {
        None | Some("") => None,
        Some(s) => Some(s.parse::<i32>().map_err(|_| {
            Failure::bad_request(
                format!("”{s}” är inte ett årtal"),
                format!("year must be a year like 2024, not {s:?}"),
            )
        })?),
    };
    let store = &state.store;
    let limit = paging.limit;
    let (aslug, bslug, total, page) = match year {
        Some(y) => {
            let offset = u32::try_from(paging.offset()).unwrap_or(u32::MAX);
            let view = store
                .body_meetings(&a, &b, Some(y), offset, limit)
                .await
                .map_err(Failure::from)?
                .ok_or_else(|| body_not_found(&a, &b))?;
            let total = if view.years.iter().any(|yc| yc.year == y) {
                view.total.max(0) as u64
            } else {
                0
            };
            let meetings = if total == 0 {
                Vec::new()
            } else {
                view.meetings
            };
            (view.authority.slug, view.body.body.slug, total, meetings)
        }
        None => {
            // Every year, newest first: one read per year (a body meets a dozen times a year).
            let first = store
                .body_meetings(&a, &b, None, 0, 1)
                .await
                .map_err(Failure::from)?
                .ok_or_else(|| body_not_found(&a, &b))?;
            let mut all = Vec::new();
            for y in &first.years {
                if let Some(v) = store
                    .body_meetings(&a, &b, Some(y.year), 0, u32::MAX)
                    .await
                    .map_err(Failure::from)?
                {
                    all.extend(v.meetings);
                }
            }
            let total = all.len() as u64;
            (
                first.authority.slug,
                first.body.body.slug,
                total,
                paging.slice(all),
            )
        }
    };
    let data = page
        .iter()
        .map(meeting_object)
        .collect::<Result<Vec<_>, _>>()?;
    let extra: Vec<(&str, String)> = year.map(|y| ("year", y.to_string())).into_iter().collect();
    ok(paging.envelope(data, total, &urls::meetings(&aslug, &bslug), &extra))
}

/// `GET /api/v1/authorities/{a}/bodies/{b}/meetings/{m}`: the full minutes.
pub async fn meeting(
    State(state): State<AppState>,
    ApiPath((a, b, m)): ApiPath<(String, String, String)>,
) -> ApiResult {
    // The view and the record the law checks, read once.
    let read = state
        .store
        .meeting_with_record(&a, &b, &m)
        .await
        .map_err(Failure::from)?
        .ok_or_else(|| {
            Failure::not_found(
                format!("Sammanträdet ”{m}”"),
                format!("meeting {m:?} of body {b:?} of authority {a:?}"),
            )
        })?;
    let view = &read.view;
    let h = &view.header;
    let (aslug, bslug, mslug) = (
        h.authority.slug.clone(),
        h.body.slug.clone(),
        h.slug.clone(),
    );
    let mut v = object(
        view,
        "Meeting",
        urls::meeting(&aslug, &bslug, &mslug),
        paths::meeting(&aslug, &bslug, &mslug),
    )?;
    header_links(&mut v, h);
    let paragraphs = view
        .paragraphs
        .iter()
        .map(|p| paragraph_object(&aslug, &bslug, &mslug, p))
        .collect::<Result<Vec<_>, _>>()?;
    insert(&mut v, "paragraphs", Value::Array(paragraphs));
    // Before the minutes are justerade, the paragraphs justerade on their own are public
    // (listed only then: other meetings' JSON is as it was).
    let alone = if read.record.is_none() {
        state
            .store
            .paragraphs_justerade_alone(&aslug, &bslug, &mslug)
            .await
            .map_err(Failure::from)?
    } else {
        Vec::new()
    };
    if !alone.is_empty() {
        insert(
            &mut v,
            "immediately_justerade",
            Value::Array(
                alone
                    .into_iter()
                    .map(|(n, title)| {
                        serde_json::json!({
                            "number": n,
                            "title": title,
                            "url": urls::paragraph(&aslug, &bslug, &mslug, n),
                        })
                    })
                    .collect(),
            ),
        );
    }
    // Rättelser of justerade minutes: documents of their own, the minutes unchanged.
    let corrections = state
        .store
        .rattelser_at(&aslug, &bslug, &mslug)
        .await
        .map_err(Failure::from)?;
    insert(&mut v, "corrections", serde_json::to_value(corrections)?);
    let agenda = view
        .agenda
        .iter()
        .map(|item| {
            let mut iv = serde_json::to_value(item)?;
            insert(
                &mut iv,
                "case",
                url_or_null(item.case_key.as_deref().map(|k| urls::case(&aslug, k))),
            );
            let here = view.paragraphs.iter().any(|p| p.number == item.paragraph);
            insert(
                &mut iv,
                "paragraph_url",
                url_or_null(here.then(|| urls::paragraph(&aslug, &bslug, &mslug, item.paragraph))),
            );
            Ok(iv)
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    // Where the meeting stands as the public sees it ("planned", "cancelled", "held",
    // "justerat"); `state` stays the minutes' own state.
    insert(
        &mut v,
        "meeting_state",
        serde_json::to_value(h.meeting_state((state.today)()))?,
    );
    // A meeting without minutes yet: its agenda is the issued kallelse's (8 kap. 8 §
    // kommunallagen), the same items and public documents as its page.
    let agenda = if h.state == "planned" && agenda.is_empty() {
        let kallelse = crate::kallelse::public_items(&state, &aslug, &bslug, &mslug).await?;
        if let Some((issued, _)) = &kallelse {
            insert(&mut v, "kallelse_issued", Value::String(issued.clone()));
        }
        kallelse
            .map(|(_, items)| {
                items
                    .iter()
                    .map(|item| kallelse_item_object(&aslug, item))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        agenda
    };
    insert(&mut v, "agenda", Value::Array(agenda));
    let files = view
        .files
        .iter()
        .map(file_object)
        .collect::<Result<Vec<_>, _>>()?;
    insert(&mut v, "files", Value::Array(files));
    let law = match &read.record {
        Some(record) => law_of_record(&state, record, &read.masks, (state.today)())
            .await
            .map_err(Failure::from)?,
        None => crate::law::MeetingLaw::default(),
    };
    insert(&mut v, "status", serde_json::to_value(&law.status)?);
    insert(&mut v, "findings", serde_json::to_value(&law.findings)?);
    ok(v)
}

/// One item of a planned meeting's public kallelse, in the shape of an agenda entry of
/// minutes (`paragraph`: the item's number, § numbers being given at the meeting; no pages
/// and no paragraph yet) with the kallelse's own fields.
fn kallelse_item_object(authority: &str, item: &crate::kallelse::PublicItem) -> Value {
    serde_json::json!({
        "paragraph": item.position,
        "dnr": item.dnr,
        "case_key": item.case_key,
        "case": url_or_null(item.case_key.as_deref().map(|k| urls::case(authority, k))),
        "pages": Value::Null,
        "paragraph_url": Value::Null,
        "title": item.title,
        "proposal": item.proposal,
        "presenter": item.presenter,
        "prepared_in": item.prepared_in,
        "documents": item.documents.iter().map(|(title, url, size)| serde_json::json!({
            "title": title, "url": url, "size": size,
        })).collect::<Vec<_>>(),
    })
}

/// `GET …/meetings/{m}/paragraphs/{n}`.
pub async fn paragraph(
    State(state): State<AppState>,
    ApiPath((a, b, m, n)): ApiPath<(String, String, String, String)>,
) -> ApiResult {
    let number = n.parse::<u32>().map_err(|_| {
        Failure::bad_request(
            format!("”{n}” är inte ett paragrafnummer"),
            format!("{n:?} is not a paragraph number"),
        )
    })?;
    let page = state
        .store
        .paragraph(&a, &b, &m, i64::from(number))
        .await
        .map_err(Failure::from)?
        .ok_or_else(|| {
            Failure::not_found(
                format!("§ {number}"),
                format!("paragraph {number} of meeting {m:?} of body {b:?} of authority {a:?}"),
            )
        })?;
    let h = &page.meeting;
    let (aslug, bslug, mslug) = (&h.authority.slug, &h.body.slug, &h.slug);
    let mut v = paragraph_object(aslug, bslug, mslug, &page.paragraph)?;
    let mut meeting = object(
        h,
        "Meeting",
        urls::meeting(aslug, bslug, mslug),
        paths::meeting(aslug, bslug, mslug),
    )?;
    header_links(&mut meeting, h);
    insert(&mut v, "meeting", meeting);
    insert(
        &mut v,
        "prev",
        url_or_null(page.prev.map(|p| urls::paragraph(aslug, bslug, mslug, p))),
    );
    insert(
        &mut v,
        "next",
        url_or_null(page.next.map(|p| urls::paragraph(aslug, bslug, mslug, p))),
    );
    // Rättelser made after the justering that concern this paragraph, as on the meeting.
    insert(
        &mut v,
        "corrections",
        serde_json::to_value(&page.rattelser)?,
    );
    // Public before the minutes: justerad on its own (omedelbar justering).
    insert(
        &mut v,
        "immediately_justerad_alone",
        serde_json::Value::Bool(page.justerad_alone),
    );
    ok(v)
}

/// `GET /api/v1/authorities/{a}/cases/{key}`.
pub async fn case(
    State(state): State<AppState>,
    ApiPath((a, key)): ApiPath<(String, String)>,
) -> ApiResult {
    let c = state
        .store
        .case(&a, &key)
        .await
        .map_err(Failure::from)?
        .ok_or_else(|| {
            Failure::not_found(
                format!("Ärendet ”{key}”"),
                format!("case {key:?} of authority {a:?}"),
            )
        })?;
    let aslug = c.authority.slug.clone();
    let mut v = object(
        &c,
        "Case",
        urls::case(&aslug, &c.key),
        paths::case(&aslug, &c.key),
    )?;
    ref_links(
        &mut v,
        "authority",
        urls::authority(&aslug),
        paths::authority(&aslug),
    );
    let paragraphs = c
        .paragraphs
        .iter()
        .map(|p| {
            let (b, m) = (&p.body.slug, &p.meeting_slug);
            let mut pv = object(
                p,
                "Paragraph",
                urls::paragraph(&aslug, b, m, p.number),
                paths::paragraph(&aslug, b, m, p.number),
            )?;
            insert(
                &mut pv,
                "meeting",
                Value::String(urls::meeting(&aslug, b, m)),
            );
            ref_links(
                &mut pv,
                "body",
                urls::body(&aslug, b),
                paths::body(&aslug, b),
            );
            Ok(pv)
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    insert(&mut v, "paragraphs", Value::Array(paragraphs));
    ok(v)
}

/// `GET /api/v1/files/{sha256}`: the file's metadata, with its download link.
pub async fn file(State(state): State<AppState>, ApiPath(sha): ApiPath<String>) -> ApiResult {
    if !is_sha256(&sha) {
        return Err(Failure::bad_request(
            "ogiltig filidentitet",
            format!("{sha:?} is not a hex SHA-256"),
        )
        .into());
    }
    let f = state
        .store
        .file(&sha.to_ascii_lowercase())
        .await
        .map_err(Failure::from)?
        .ok_or_else(|| Failure::not_found("Filen", format!("file {sha}")))?;
    ok(file_object(&f.info)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openapi_names_every_route() {
        let doc: Value = serde_json::from_str(OPENAPI).expect("openapi.json is JSON");
        assert_eq!(doc["openapi"].as_str().map(|s| &s[..3]), Some("3.1"));
        let paths = doc["paths"].as_object().expect("paths");
        let secretariat: std::collections::BTreeSet<&str> = crate::secretariat::routes()
            .iter()
            .filter(|r| r.operation_id.is_some())
            .map(|r| r.path)
            .collect();
        let all: std::collections::BTreeSet<&str> =
            API_PATHS.iter().copied().chain(secretariat).collect();
        for p in &all {
            assert!(paths.contains_key(*p), "openapi.json lacks {p}");
        }
        assert_eq!(
            paths.len(),
            all.len(),
            "openapi.json has routes the API lacks"
        );
        // Every operation says who may call it, and the secretariat's say what the router
        // enforces.
        for (path, methods) in paths {
            for (method, op) in methods.as_object().expect("methods") {
                let roles = op["x-kansli-roles"].as_array();
                assert!(roles.is_some(), "{method} {path} lacks x-kansli-roles");
            }
        }
        for route in crate::secretariat::routes() {
            let Some(id) = route.operation_id else {
                continue;
            };
            let op = &paths[route.path][route.method.as_str().to_lowercase()];
            assert_eq!(op["operationId"], id, "{} {}", route.method, route.path);
            let roles: Vec<&str> = op["x-kansli-roles"]
                .as_array()
                .expect("roles")
                .iter()
                .filter_map(|r| r.as_str())
                .collect();
            assert_eq!(roles, route.access.roles_json(), "roles of {id}");
        }
    }

    #[test]
    fn envelope_links() {
        let p = Paging { page: 2, limit: 10 };
        let v = p.envelope(Vec::new(), 25, "/x", &[("year", "2024".into())]);
        assert_eq!(v["pagination"]["totalPages"], 3);
        assert_eq!(v["links"]["prev"], "/x?year=2024&page=1&limit=10");
        assert_eq!(v["links"]["next"], "/x?year=2024&page=3&limit=10");
        assert_eq!(v["links"]["last"], "/x?year=2024&page=3&limit=10");
        let first = Paging { page: 1, limit: 10 }.envelope(Vec::new(), 0, "/x", &[]);
        assert!(first["links"].get("prev").is_none());
        assert!(first["links"].get("next").is_none());
        assert_eq!(first["pagination"]["totalPages"], 1);
    }
}
