//! Every bound on what one request, and one address, may cost the server, in one place.
//!
//! - Per request: the search bounds of [`kansli_search::limits`] (query length, terms, page
//!   depth; re-exported here), [`MAX_BODY_BYTES`], and [`REQUEST_TIMEOUT`].
//! - Per expensive route (search and document rendering, see [`Limits`]): a rate per client
//!   address ([`governor`]'s GCRA, answered with 429 and `Retry-After`), and a number of
//!   requests running at once with a short bounded queue (503 and `Retry-After` when full).
//!
//! A burst therefore degrades to 429/503 answers, never to a process that runs out of memory.
//! Refusals are a Swedish page on pages and `application/problem+json` in the API.
//!
//! The client address is the TCP peer ([`axum::extract::ConnectInfo`], which
//! [`crate::serve`] provides). Behind a reverse proxy (`KANSLI_BEHIND_PROXY`, and only then,
//! since anyone can send the header) it is the last address of `X-Forwarded-For`: the one the
//! proxy itself appended, not the ones the client wrote before it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::{ConnectInfo, OriginalUri, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub use kansli_search::limits::{
    MAX_FILTER_CHARS, MAX_LIMIT, MAX_QUERY_CHARS, MAX_QUERY_TERMS, MAX_RESULT_WINDOW,
};

/// Most bytes of a request body (forms; the public archive itself takes none). A route that
/// takes uploads raises it with its own `DefaultBodyLimit`.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Longest time a request may take before it is answered with 503. Work already on the
/// blocking pool finishes (its slot stays taken until then), the client is not kept waiting.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Resident memory above which the watchdog logs a warning (see [`watch_memory`]).
pub const MEMORY_WARNING_BYTES: u64 = 1024 * 1024 * 1024;

/// Searches per second one address may make, sustained.
pub const SEARCH_PER_SECOND: u32 = 5;
/// Searches one address may make at once before the rate applies.
pub const SEARCH_BURST: u32 = 20;
/// Searches running at once (each on a blocking thread).
pub const SEARCH_CONCURRENT: usize = 8;
/// Document renderings (PDF/HTML/text) per second one address may make, sustained.
pub const RENDER_PER_SECOND: u32 = 2;
/// Renderings one address may make at once before the rate applies.
pub const RENDER_BURST: u32 = 10;
/// Renderings running at once (Typst is CPU-bound: about one per core).
pub const RENDER_CONCURRENT: usize = 2;
/// Requests that may wait for a slot on one route; more are answered 503 at once.
pub const QUEUE: usize = 32;
/// Longest wait for a slot before the answer is 503.
pub const QUEUE_WAIT: Duration = Duration::from_secs(5);

/// The bounds of one expensive route group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteLimits {
    /// Requests per second per client address, sustained.
    pub per_second: u32,
    /// Requests per client address at once before `per_second` applies.
    pub burst: u32,
    /// Requests running at once, all addresses together.
    pub concurrent: usize,
    /// Requests waiting for a slot, at most.
    pub queue: usize,
    /// Longest wait for a slot.
    pub queue_wait: Duration,
}

/// The server's limits; [`Limits::default`] is the constants above. Tests build their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `/sok` and `/api/v1/search`.
    pub search: RouteLimits,
    /// The documents: `…/protokoll.pdf` and the other renderings, page and API.
    pub render: RouteLimits,
    /// [`REQUEST_TIMEOUT`].
    pub timeout: Duration,
    /// [`MAX_BODY_BYTES`].
    pub max_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            search: RouteLimits {
                per_second: SEARCH_PER_SECOND,
                burst: SEARCH_BURST,
                concurrent: SEARCH_CONCURRENT,
                queue: QUEUE,
                queue_wait: QUEUE_WAIT,
            },
            render: RouteLimits {
                per_second: RENDER_PER_SECOND,
                burst: RENDER_BURST,
                concurrent: RENDER_CONCURRENT,
                queue: QUEUE,
                queue_wait: QUEUE_WAIT,
            },
            timeout: REQUEST_TIMEOUT,
            max_body: MAX_BODY_BYTES,
        }
    }
}

/// A slot of a [`Guard`], held by the request until its work is done; handlers move it into
/// their blocking task so a client that hangs up does not free the slot while the work runs.
#[derive(Debug, Clone)]
pub struct Slot(#[allow(dead_code)] Arc<OwnedSemaphorePermit>);

/// The rate limit per address and the concurrency limit of one route group.
pub struct Guard {
    /// "search" or "render", for the log.
    name: &'static str,
    rate: DefaultKeyedRateLimiter<IpAddr>,
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    limits: RouteLimits,
    /// Whether the client's address comes from the proxy's `X-Forwarded-For`.
    behind_proxy: bool,
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guard")
            .field("name", &self.name)
            .field("limits", &self.limits)
            .finish()
    }
}

/// Addresses the rate limiter remembers before it forgets those that are back to a full burst.
const RATE_KEYS_KEPT: usize = 10_000;

impl Guard {
    /// A guard for `limits`; `name` appears in the log.
    pub fn new(name: &'static str, limits: RouteLimits) -> Arc<Guard> {
        Guard::with_proxy(name, limits, false)
    }

    /// A guard that, when `behind_proxy`, counts per client address as the proxy reports it
    /// in `X-Forwarded-For`.
    pub fn with_proxy(name: &'static str, limits: RouteLimits, behind_proxy: bool) -> Arc<Guard> {
        let per_second = NonZeroU32::new(limits.per_second).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(limits.burst).unwrap_or(NonZeroU32::MIN);
        Arc::new(Guard {
            name,
            rate: RateLimiter::keyed(Quota::per_second(per_second).allow_burst(burst)),
            slots: Arc::new(Semaphore::new(limits.concurrent.max(1))),
            waiting: AtomicUsize::new(0),
            limits,
            behind_proxy,
        })
    }

    /// Waits for a slot: at once if one is free, else in a queue of at most `queue` requests
    /// for at most `queue_wait`.
    ///
    /// Hand-rolled on a semaphore rather than tower's `ConcurrencyLimit` + `LoadShed`: load
    /// shedding refuses as soon as every slot is busy, so a burst of ordinary 10 ms searches
    /// would be refused although it could be served a few milliseconds later; a short bounded
    /// queue turns a burst into latency first and into 503 only when the server is saturated.
    async fn slot(&self) -> Option<Slot> {
        if let Ok(permit) = self.slots.clone().try_acquire_owned() {
            return Some(Slot(Arc::new(permit)));
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.limits.queue {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        let got =
            tokio::time::timeout(self.limits.queue_wait, self.slots.clone().acquire_owned()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        match got {
            Ok(Ok(permit)) => Some(Slot(Arc::new(permit))),
            _ => None,
        }
    }
}

/// The last valid address of `X-Forwarded-For`: the one the proxy in front saw (earlier entries
/// are the client's own claims). Only to be trusted when Kansli is configured behind a proxy.
pub fn forwarded_for(headers: &axum::http::HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .next_back()
}

/// The client's address: behind a proxy, the last valid address of `X-Forwarded-For` (what the
/// proxy saw; earlier entries are the client's own claims); else the TCP peer, or `0.0.0.0`
/// when the server runs without connection info (tests that serve the router directly): they
/// then share one bucket.
fn client(req: &Request, behind_proxy: bool) -> IpAddr {
    if behind_proxy && let Some(ip) = forwarded_for(req.headers()) {
        return ip;
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Middleware: the guard's rate limit for the client's address, then a slot, then the handler
/// (with the [`Slot`] in the request's extensions).
pub async fn guard(State(guard): State<Arc<Guard>>, mut req: Request, next: Next) -> Response {
    // Inside a nested router the URI has lost its `/api/v1` prefix; the original has it.
    let api = match req.extensions().get::<OriginalUri>() {
        Some(OriginalUri(uri)) => is_api(uri.path()),
        None => is_api(req.uri().path()),
    };
    let ip = client(&req, guard.behind_proxy);
    if let Err(not_until) = guard.rate.check_key(&ip) {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        // Debug level: under a flood, one log line per refusal would be a flood of its own.
        tracing::debug!(route = guard.name, %ip, "rate limit: 429");
        return too_many_requests(api, wait);
    }
    if guard.rate.len() > RATE_KEYS_KEPT {
        guard.rate.retain_recent();
    }
    let Some(slot) = guard.slot().await else {
        tracing::debug!(route = guard.name, "all slots busy and the queue full: 503");
        return overloaded(api);
    };
    req.extensions_mut().insert(slot);
    next.run(req).await
}

/// Whether a path is the API's (answered in problem+json) rather than a page's.
pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn retry_after(mut response: Response, seconds: u64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// 429 with `Retry-After`.
fn too_many_requests(api: bool, wait: Duration) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let response = if api {
        crate::error::problem(
            StatusCode::TOO_MANY_REQUESTS,
            &format!("too many requests from this address: try again in {seconds} s"),
        )
    } else {
        crate::error::error_page(
            StatusCode::TOO_MANY_REQUESTS,
            "För många förfrågningar",
            &format!(
                "Du har gjort många sökningar eller hämtat många dokument på kort tid. \
                 Vänta {seconds} {} och försök igen.",
                if seconds == 1 { "sekund" } else { "sekunder" }
            ),
        )
    };
    retry_after(response, seconds)
}

/// 503 with `Retry-After`.
fn overloaded(api: bool) -> Response {
    let response = if api {
        crate::error::problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy: try again in a few seconds",
        )
    } else {
        crate::error::error_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Tjänsten är hårt belastad",
            "Just nu kommer många förfrågningar samtidigt. Försök igen om några sekunder.",
        )
    };
    retry_after(response, 2)
}

/// The longest rejection text of axum's that an API error repeats (bytes).
const MAX_REJECTION_BYTES: usize = 512;

/// Middleware, outermost: an error answer that carries no body of ours (the timeout's empty
/// 503, a body over [`MAX_BODY_BYTES`], axum's plain-text rejections, 405) gets the Swedish
/// page or the problem+json every other error has.
pub async fn explain(req: Request, next: Next) -> Response {
    let api = is_api(req.uri().path());
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|ct| ct.starts_with("text/plain"));
    if !plain {
        return response;
    }
    let (heading, message, en) = match status {
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => (
            "Det tog för lång tid",
            "Svaret tog för lång tid att ta fram. Försök igen om en stund, eller gör sökningen snävare.",
            "the request took too long",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "För mycket data",
            "Förfrågan innehöll mer data än servern tar emot.",
            "the request body is too large",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "Otillåten metod",
            "Adressen kan bara hämtas, inte skickas till.",
            "method not allowed",
        ),
        s if s.is_client_error() => (
            "Felaktig adress",
            "Adressen eller dess frågedel kan inte läsas. Kontrollera adressen, eller börja om från startsidan.",
            "the request cannot be read",
        ),
        _ => (
            "Ett fel uppstod",
            "Något gick fel hos oss när sidan skulle visas. Försök igen om en stund.",
            "internal server error",
        ),
    };
    let headers = response.headers().clone();
    let mut out = if api {
        // axum's own rejection names what it could not read ("Cannot parse `abc` to a
        // `i64`", "Failed to deserialize query string: …"): a client needs that more than
        // our heading. Its text is short; a longer body is not ours to echo.
        let told = match status {
            StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND | StatusCode::UNPROCESSABLE_ENTITY => {
                axum::body::to_bytes(response.into_body(), MAX_REJECTION_BYTES)
                    .await
                    .ok()
                    .and_then(|b| String::from_utf8(b.to_vec()).ok())
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
            }
            _ => None,
        };
        match told {
            Some(t) => crate::error::problem(status, &format!("{en}: {t}")),
            None => crate::error::problem(status, en),
        }
    } else {
        crate::error::error_page(status, heading, message)
    };
    for name in [header::RETRY_AFTER, header::ALLOW] {
        if let Some(v) = headers.get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}

/// Logs a warning every minute while the process's resident memory is above
/// [`MEMORY_WARNING_BYTES`], so that memory trouble shows in the log before the kernel's
/// OOM killer ends the process (which no process can log itself). Linux only (`/proc`).
pub fn watch_memory() {
    if resident_bytes().is_none() {
        return;
    }
    tokio::spawn(async {
        let mut every = tokio::time::interval(Duration::from_secs(10));
        let mut last_warning: Option<tokio::time::Instant> = None;
        loop {
            every.tick().await;
            let Some(rss) = resident_bytes() else { return };
            if rss > MEMORY_WARNING_BYTES
                && last_warning.is_none_or(|t| t.elapsed() >= Duration::from_secs(60))
            {
                tracing::warn!(
                    rss_mb = rss / (1024 * 1024),
                    limit_mb = MEMORY_WARNING_BYTES / (1024 * 1024),
                    "resident memory is high"
                );
                last_warning = Some(tokio::time::Instant::now());
            }
        }
    });
}

/// The process's resident set size (`VmRSS` of `/proc/self/status`), Linux only.
pub fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forwarded_address_is_the_one_the_proxy_saw() {
        let mut headers = axum::http::HeaderMap::new();
        headers.append("x-forwarded-for", "6.6.6.6, 10.0.0.7".parse().unwrap());
        assert_eq!(forwarded_for(&headers), "10.0.0.7".parse().ok());
        headers.append("x-forwarded-for", "not-an-address".parse().unwrap());
        assert_eq!(forwarded_for(&headers), "10.0.0.7".parse().ok());
        assert_eq!(forwarded_for(&axum::http::HeaderMap::new()), None);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once() {
        let guard = Guard::new(
            "test",
            RouteLimits {
                per_second: 1,
                burst: 1,
                concurrent: 1,
                queue: 0,
                queue_wait: Duration::from_secs(1),
            },
        );
        let held = guard.slot().await.expect("a free slot");
        assert!(guard.slot().await.is_none(), "no queue: refused");
        drop(held);
        assert!(guard.slot().await.is_some(), "free again");
    }

    #[test]
    fn api_paths() {
        assert!(is_api("/api/v1/search"));
        assert!(is_api("/api"));
        assert!(!is_api("/apix"));
        assert!(!is_api("/sok"));
    }
}
