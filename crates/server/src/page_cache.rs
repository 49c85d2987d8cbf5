//! The public read pages' responses kept in memory, keyed so that none is ever served stale.
//!
//! A meeting page costs tens of queries and the law engine (on PostgreSQL ~40 round trips);
//! the same page is asked for again and again while nothing changes. What a public page shows
//! is a function of the database's content, today's date (the law status, the anslag), the
//! store clock's date (avpublicering), the site (its origin goes into canonical links and the
//! API's `id`s) and the request's path and query — nothing of the caller: these routes read no
//! cookie, no account and no header but `Host` (through the origin), and show only published
//! minutes with their masks. So the key is exactly that: the path and query, the origin, the
//! [`kansli_store::Generation`] read at the start of the request (the database's change number:
//! on PostgreSQL a count of the changes every table announces, heard without a query; SQLite's
//! `data_version`; it moves on every committed write, by any server or `kansli import` on the
//! same database — on PostgreSQL another process's write when its announcement arrives) and
//! today's date. A write makes every
//! key new; the first request after it sees the new generation and empties the cache.
//!
//! Only `200` answers of `GET` are kept, never one that sets a cookie or says `no-store` or
//! `private` in `Cache-Control`; the cache holds at most [`CACHE_BYTES`] (`quick_cache`,
//! weighed by bytes), the year numbers below at most [`YEAR_NUMBERS_BYTES`] more. A response
//! says `x-cache: hit` or `miss`.
//! Secretariat routes never pass through here: the layer is put on the public read routes one
//! by one in `router_with_limits`.
//!
//! What many pages share is kept the same way, under the generation the request read
//! ([`request_generation`]): a body's paragraph numbers of a year, which the law engine's
//! numbering checks of every meeting of that year read ([`PageCache::year_numbers`]), so a
//! meeting nobody asked for yet does not read its whole year again.

use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use chrono::NaiveDate;
use kansli_store::readings::MeetingNumbersOf;
use kansli_store::{Generation, Store, StoreError};
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::AppState;

/// Most bytes of responses kept (bodies, headers and keys).
pub const CACHE_BYTES: u64 = 32 * 1024 * 1024;
/// Responses larger than this are not kept (a few of them would push out everything else).
const LARGEST_KEPT: u64 = 1024 * 1024;
/// What an entry costs beside its bytes (the map's slot, the header map's table).
const ENTRY_OVERHEAD: u64 = 256;

/// Most bytes of bodies' year numbers kept, beside [`CACHE_BYTES`] (a busy body's year is
/// some 20 KB: 167 meetings, 1,503 numbers in the generated archive).
pub const YEAR_NUMBERS_BYTES: u64 = 8 * 1024 * 1024;

tokio::task_local! {
    /// The generation the public read being answered was looked up under (set by [`cached`]).
    static GENERATION: Generation;
}

/// The database's generation read at the start of the public read being answered, if it
/// passes through [`cached`] and the database has one: what that request reads may be kept
/// under it (see [`kansli_store::Store::generation`]).
pub fn request_generation() -> Option<Generation> {
    GENERATION.try_with(Clone::clone).ok()
}

/// A body-year's numbers, by the generation they were read under.
type YearKey = (Generation, String, String, i32);

/// The response header that says whether the cache answered.
pub const CACHE_HEADER: &str = "x-cache";

/// What a response depends on, whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    /// The path and query as asked.
    uri: String,
    /// The site's origin for this request (`https://protokoll.kommun.se`).
    origin: String,
    /// The database's content and the store clock's date.
    generation: Generation,
    /// Today's date as the pages' law status sees it.
    today: NaiveDate,
}

/// A kept response: its body as the handler made it and, once a client that accepts gzip
/// asked for it, gzip-compressed. Compressing is most of what a cached answer costs a browser
/// (which always accepts gzip: ~1 ms of CPU for a meeting page, against ~0.07 ms for the rest
/// of a hit), so it is done once per entry, not by the compression layer per request.
///
/// Each answer carries a strong `ETag` (a digest of the body as made; the compressed one's with
/// `-gzip` after it, being other bytes) and `Cache-Control: no-cache`: a browser or proxy may
/// keep the page but asks again each time, and a request whose `If-None-Match` names the
/// current tag is answered `304 Not Modified` without a body.
#[derive(Debug)]
struct Kept {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    gzip: Option<Bytes>,
    /// The body's digest: the first 16 bytes of its SHA-256, in hex.
    digest: String,
}

#[derive(Debug, Clone)]
struct ByBytes;

impl Weighter<Key, Arc<Kept>> for ByBytes {
    fn weight(&self, key: &Key, kept: &Arc<Kept>) -> u64 {
        let headers: usize = kept
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len())
            .sum();
        let gzip = kept.gzip.as_ref().map_or(0, Bytes::len);
        (key.uri.len() + key.origin.len() + headers + kept.body.len() + gzip) as u64
            + ENTRY_OVERHEAD
    }
}

/// A body-year's numbers weigh their bytes: each meeting's slug, date and numbers.
#[derive(Debug, Clone)]
struct YearBytes;

impl Weighter<YearKey, Arc<Vec<MeetingNumbersOf>>> for YearBytes {
    fn weight(&self, key: &YearKey, year: &Arc<Vec<MeetingNumbersOf>>) -> u64 {
        let meetings: usize = year
            .iter()
            .map(|m| 64 + m.meeting_slug.len() + 4 * m.numbers.paragraphs.len())
            .sum();
        (key.1.len() + key.2.len() + meetings) as u64 + ENTRY_OVERHEAD
    }
}

/// The cache (cheap to clone: shared).
#[derive(Clone)]
pub struct PageCache {
    entries: Arc<Cache<Key, Arc<Kept>, ByBytes>>,
    /// The generation and day the entries were kept under: when a request sees another, every
    /// entry is unreachable, and they are dropped at once rather than aged out.
    current: Arc<Mutex<Option<(Generation, NaiveDate)>>>,
    /// Bodies' paragraph numbers by year, for the numbering checks.
    years: Arc<Cache<YearKey, Arc<Vec<MeetingNumbersOf>>, YearBytes>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("entries", &self.entries.len())
            .field("bytes", &self.entries.weight())
            .finish()
    }
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            // ~30 KB a page: the estimate only sizes the table, the weight is the bound.
            entries: Arc::new(Cache::with_weighter(1024, CACHE_BYTES, ByBytes)),
            current: Arc::new(Mutex::new(None)),
            // ~1,000 body-years: the estimate only sizes the table, the weight is the bound
            // (a list heavier than a shard holds is not kept, only read each time).
            years: Arc::new(Cache::with_weighter(1024, YEAR_NUMBERS_BYTES, YearBytes)),
        }
    }
}

impl PageCache {
    /// Forgets everything kept under another generation or day than `now`.
    fn advance(&self, now: &(Generation, NaiveDate)) {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if current.as_ref() != Some(now) {
            self.entries.clear();
            self.years.clear();
            *current = Some(now.clone());
        }
    }

    /// Bytes kept now.
    pub fn bytes(&self) -> u64 {
        self.entries.weight()
    }

    /// The paragraph numbers of body `b` of authority `a` in `year`
    /// ([`Store::body_numbers_in_year`]), kept under the request's generation when it has one
    /// (a public read through [`cached`]), else read afresh. Every meeting of that body-year
    /// reads the same list; kept, a meeting's first visit costs its own record, not its year's.
    ///
    /// # Errors
    /// The store's, when the numbers are read.
    pub async fn year_numbers(
        &self,
        store: &Store,
        a: &str,
        b: &str,
        year: i32,
    ) -> Result<Arc<Vec<MeetingNumbersOf>>, StoreError> {
        let Some(generation) = request_generation() else {
            return Ok(Arc::new(store.body_numbers_in_year(a, b, year).await?));
        };
        let key = (generation, a.to_lowercase(), b.to_lowercase(), year);
        if let Some(kept) = self.years.get(&key) {
            return Ok(kept);
        }
        let read = Arc::new(store.body_numbers_in_year(a, b, year).await?);
        self.years.insert(key, read.clone());
        Ok(read)
    }
}

/// Middleware on a public read route: answers from the cache, or runs the handler and keeps
/// its answer. Without a generation (an in-memory database, a standby, an error reading it)
/// every request runs the handler.
pub async fn cached(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let generation = match state.store.generation().await {
        Ok(Some(g)) => g,
        Ok(None) => return next.run(request).await,
        Err(e) => {
            tracing::warn!(error = %e, "no generation: answered without the page cache");
            return next.run(request).await;
        }
    };
    let today = (state.today)();
    state.pages.advance(&(generation.clone(), today));
    // The URI as the client sent it: inside a nested router (the API) the path has lost
    // its prefix, and `/authorities/x` of the API is not the page `/authorities/x`.
    let uri = match request.extensions().get::<OriginalUri>() {
        Some(OriginalUri(uri)) => uri,
        None => request.uri(),
    };
    let key = Key {
        uri: uri
            .path_and_query()
            .map_or_else(|| uri.path().to_string(), |p| p.as_str().to_string()),
        origin: crate::site::current().origin,
        generation,
        today,
    };
    let gzip = accepts_gzip(request.headers());
    let asked = request.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(mut kept) = state.pages.entries.get(&key) {
        if gzip && kept.gzip.is_none() {
            kept = with_gzip(&kept);
            state.pages.entries.insert(key, kept.clone());
        }
        return respond(&kept, gzip, asked.as_ref(), "hit");
    }
    let response = GENERATION
        .scope(key.generation.clone(), next.run(request))
        .await;
    let size = response.body().size_hint().exact();
    // A handler that marks its answer private or not to be stored is taken at its word.
    let private = response
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("no-store") || v.contains("private"));
    let keep = response.status() == StatusCode::OK
        && !private
        && !response.headers().contains_key(header::SET_COOKIE)
        && size.is_some_and(|n| n <= LARGEST_KEPT);
    if !keep {
        return response;
    }
    let (parts, body) = response.into_parts();
    // The size is exact and bounded, so this reads what is already in memory.
    let body = match axum::body::to_bytes(body, LARGEST_KEPT as usize).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "a rendered page could not be read back");
            return crate::error::error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Något gick fel hos oss när sidan skulle visas. Försök igen om en stund.",
            );
        }
    };
    let digest = {
        use sha2::Digest as _;
        let mut digest = format!("{:x}", sha2::Sha256::digest(&body));
        digest.truncate(32);
        digest
    };
    let mut kept = Arc::new(Kept {
        status: parts.status,
        headers: parts.headers,
        body,
        gzip: None,
        digest,
    });
    if gzip {
        kept = with_gzip(&kept);
    }
    state.pages.entries.insert(key, kept.clone());
    respond(&kept, gzip, asked.as_ref(), "miss")
}

/// A response from a kept one: gzip-compressed when the client accepts it and it was kept so
/// (the compression layer leaves an answer with a `Content-Encoding` alone; an uncompressed one
/// it compresses, or not, as for any route).
fn respond(kept: &Kept, gzip: bool, asked: Option<&HeaderValue>, how: &'static str) -> Response {
    let compressed = kept.gzip.as_ref().filter(|_| gzip);
    let tag = match compressed {
        Some(_) => format!("\"{}-gzip\"", kept.digest),
        None => format!("\"{}\"", kept.digest),
    };
    let not_modified = asked.is_some_and(|asked| names_tag(asked, &tag));
    let mut response = if not_modified {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        // RFC 9110 §15.4.5: the 304 carries what a 200 would have said of the cache, and no
        // content headers.
        for name in [header::CONTENT_LOCATION, header::DATE, header::EXPIRES] {
            if let Some(value) = kept.headers.get(&name) {
                response.headers_mut().insert(name, value.clone());
            }
        }
        response
    } else {
        let mut response = Response::new(Body::from(compressed.unwrap_or(&kept.body).clone()));
        *response.status_mut() = kept.status;
        *response.headers_mut() = kept.headers.clone();
        response
    };
    let headers = response.headers_mut();
    if compressed.is_some() {
        if !not_modified {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            headers.remove(header::CONTENT_LENGTH);
        }
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if let Ok(tag) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, tag);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(CACHE_HEADER, HeaderValue::from_static(how));
    response
}

/// Whether an `If-None-Match` value names `tag` (RFC 9110 §13.1.2: `*`, or a list of entity
/// tags compared weakly, so `W/"x"` names `"x"`).
fn names_tag(asked: &HeaderValue, tag: &str) -> bool {
    let Ok(asked) = asked.to_str() else {
        return false;
    };
    asked.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

/// The kept response with its body gzip-compressed beside it (flate2's default level, as the
/// compression layer uses). A body that cannot be compressed (never, in memory) is kept
/// without: the layer then compresses it per request, as before.
fn with_gzip(kept: &Kept) -> Arc<Kept> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(kept.body.len() / 4),
        flate2::Compression::default(),
    );
    let gzip = encoder
        .write_all(&kept.body)
        .and_then(|()| encoder.finish())
        .map(Bytes::from)
        .ok();
    Arc::new(Kept {
        status: kept.status,
        headers: kept.headers.clone(),
        body: kept.body.clone(),
        gzip,
        digest: kept.digest.clone(),
    })
}

/// Whether the request's `Accept-Encoding` accepts gzip (RFC 9110 §12.5.3: `gzip`, its alias
/// `x-gzip` or `*`, with a quality above 0; `gzip;q=0` refuses it even beside `*`). Written
/// here because the compression layer's negotiation is private to it; the layer supports no
/// other encoding, so gzip or none is the whole choice.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    let mut named = None;
    let mut any = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            match coding.as_str() {
                "gzip" | "x-gzip" => named = Some(named.unwrap_or(false) || quality > 0.0),
                "*" => any = any || quality > 0.0,
                _ => {}
            }
        }
    }
    named.unwrap_or(any)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(values: &[&str]) -> bool {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                header::ACCEPT_ENCODING,
                HeaderValue::from_str(value).unwrap(),
            );
        }
        accepts_gzip(&headers)
    }

    #[test]
    fn gzip_is_accepted_as_rfc_9110_says() {
        assert!(accepts(&["gzip, deflate, br, zstd"]), "a browser");
        assert!(
            accepts(&["br;q=1.0, GZIP;q=0.5"]),
            "any case, a lower quality"
        );
        assert!(accepts(&["x-gzip"]), "the alias");
        assert!(accepts(&["*"]), "anything");
        assert!(accepts(&["br", "gzip"]), "in a second header");
        assert!(!accepts(&[]), "no header: identity");
        assert!(!accepts(&["br, deflate"]), "not named");
        assert!(!accepts(&["gzip;q=0"]), "refused");
        assert!(!accepts(&["*, gzip;q=0"]), "refused beside anything");
        assert!(!accepts(&["*;q=0"]), "nothing but identity");
        // An unreadable quality counts as the default, 1.
        assert!(accepts(&["gzip;q=zero"]));
    }

    #[test]
    fn if_none_match_names_a_tag_in_a_list_weakly_or_by_star() {
        let names = |asked: &str| names_tag(&HeaderValue::from_str(asked).unwrap(), "\"ab\"");
        assert!(names("\"ab\""));
        assert!(names("\"x\", W/\"ab\""));
        assert!(names("*"));
        assert!(!names("\"ab-gzip\""));
        assert!(!names("ab"));
        assert!(!names(""));
    }
}
