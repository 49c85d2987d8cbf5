//! The public anslagstavla (8 kap. 9–10 §§ KL): each authority's notices on a page of its own,
//! set apart from the archive (`/{a}/anslagstavla`), with the past notices as the record of
//! what was posted when, a plain-Swedish page on how to appeal, and the same as JSON
//! (`listNotices`) and Atom (`getNoticeFeed`).
//!
//! Before anything is read, [`kansli_store::Store::post_due_notices`] brings the minutes'
//! state up to today, so a server that was down over a night answers right at once; a
//! background round ([`start_posting`]) does the same every minute for the feeds' readers. What is
//! current is computed from the dates and today's date in Sweden (`AppState::today`).

use askama::Template;
use atom_syndication::{
    ContentBuilder, EntryBuilder, FeedBuilder, FixedDateTime, LinkBuilder, PersonBuilder, Text,
};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Europe::Stockholm;
use kansli_store::Notice;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{Failure, PageError, PagePath};
use crate::pages::{Crumb, Layout};
use crate::secretariat::problem::Problem;
use crate::{AppState, paths};

/// How often the background round brings the minutes' state up to today.
const POSTING_INTERVAL: std::time::Duration = std::time::Duration::from_secs(60);

/// Starts the round that posts notices as their day comes, also when nobody reads the board:
/// every minute it moves justerade minutes whose notice is up to `posted` (idempotent; every
/// server sharing a database may run it). The posting day itself is the law engine's date, so
/// a late round never changes when a notice counts as posted.
pub fn start_posting(state: &AppState) {
    let store = state.store.clone();
    let today = state.today.clone();
    tokio::spawn(async move {
        loop {
            match store.post_due_notices(today()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("{n} notices of justering now posted"),
                Err(e) => {
                    tracing::warn!(error = %e, "the anslagstavla could not be brought up to date")
                }
            }
            tokio::time::sleep(POSTING_INTERVAL).await;
        }
    });
}

/// The anslagstavla's address for an authority.
pub fn board_path(a: &str) -> String {
    format!("/{a}/anslagstavla")
}

/// The page on how to appeal.
pub fn appeal_path(a: &str) -> String {
    format!("/{a}/anslagstavla/overklaga")
}

/// The Atom feed's address.
pub fn feed_path(a: &str) -> String {
    format!("/api/v1/authorities/{a}/notices.atom")
}

/// `listNotices`' address.
pub fn api_path(a: &str) -> String {
    format!("/api/v1/authorities/{a}/notices")
}

/// A notice as the page shows it.
pub struct NoticeRow {
    /// "Tillkännagivande av justering", "Kungörelse", …
    pub kind: &'static str,
    /// The heading.
    pub title: String,
    /// A hand-posted notice's text.
    pub text: Option<String>,
    /// The body.
    pub body: Option<String>,
    /// The meeting day.
    pub meeting_date: Option<String>,
    /// "§§ 1–3".
    pub paragraphs: Option<String>,
    /// "12 mars 2026".
    pub posted: String,
    /// "2 april 2026".
    pub removal: String,
    /// Where the minutes are kept.
    pub kept_at: Option<String>,
    /// The minutes' page.
    pub minutes_url: Option<String>,
    /// The last day to appeal, for a notice of justering ("1 april 2026").
    pub appeal_last: Option<String>,
    /// The extract of paragraphs justerade on their own (omedelbar justering).
    pub extract_url: Option<String>,
    /// That paragraph's public page.
    pub paragraph_url: Option<String>,
}

fn kind_sv(kind: &str) -> &'static str {
    match kind {
        "justering" => "Tillkännagivande av justering",
        "kungörelse" => "Kungörelse",
        "sammanträde" => "Tillkännagivande av sammanträde",
        _ => "Anslag",
    }
}

fn long(d: NaiveDate) -> String {
    kansli_core::law::calendar::format_date_long(d)
}

fn row(n: &Notice) -> NoticeRow {
    NoticeRow {
        kind: kind_sv(&n.kind),
        title: n.title.clone(),
        text: n.text.clone(),
        body: n.body.clone(),
        meeting_date: n.meeting_date.map(|d| d.to_string()),
        paragraphs: n.paragraphs.clone(),
        posted: long(n.posted),
        removal: long(n.removal),
        kept_at: n.kept_at.clone(),
        minutes_url: n
            .minutes_path
            .as_ref()
            .map(|(a, b, m)| paths::meeting(a, b, m)),
        appeal_last: n.appeal_last_day.map(long),
        extract_url: n.extract_sha256.as_ref().map(|sha| format!("/filer/{sha}")),
        paragraph_url: n
            .paragraph_path
            .as_ref()
            .map(|(a, b, m, p)| paths::paragraph(a, b, m, *p)),
    }
}

/// An authority's anslagstavla, after catching up the postings; `None` for an unknown one.
async fn board(
    state: &AppState,
    a: &str,
) -> Result<Option<kansli_store::notices::Board>, kansli_store::StoreError> {
    let today = (state.today)();
    state.store.post_due_notices(today).await?;
    state.store.board(a, today).await
}

/// The notices up today (`current`) or taken down in the last year, as [`board`] reads them.
async fn read(
    state: &AppState,
    a: &str,
    current: bool,
) -> Result<Option<Vec<Notice>>, kansli_store::StoreError> {
    Ok(board(state, a)
        .await?
        .map(|b| if current { b.current } else { b.past }))
}

#[derive(Template)]
#[template(path = "anslagstavla.html")]
struct BoardPage {
    layout: Layout,
    authority: String,
    today: String,
    current: Vec<NoticeRow>,
    past: Vec<NoticeRow>,
    appeal_url: String,
    feed_url: String,
    authority_url: String,
}

#[derive(Template)]
#[template(path = "overklaga.html")]
struct AppealPage {
    layout: Layout,
    authority: String,
    board_url: String,
}

#[derive(Template)]
#[template(path = "anslagstavlor.html")]
struct BoardsPage {
    layout: Layout,
    boards: Vec<(String, String)>,
}

fn crumbs(authority: &str, a: &str, last: &str) -> Vec<Crumb> {
    vec![
        ("Startsida".into(), Some(paths::start())),
        (authority.into(), Some(paths::authority(a))),
        (last.into(), None),
    ]
}

async fn authority_name(state: &AppState, a: &str) -> Result<(String, String), PageError> {
    let view = state.store.authority(a).await?.ok_or_else(|| {
        Failure::not_found(
            format!("En myndighet med adressen ”{a}”"),
            format!("authority {a:?}"),
        )
    })?;
    Ok((
        view.authority.authority.slug.clone(),
        view.authority.authority.name.clone(),
    ))
}

/// `GET /anslagstavla`: every authority's anslagstavla (one: straight to it).
pub async fn boards(State(state): State<AppState>) -> Result<Response, PageError> {
    let all = state.store.authorities().await?;
    if let [one] = all.as_slice() {
        return Ok(Redirect::to(&board_path(&one.authority.slug)).into_response());
    }
    let page = BoardsPage {
        layout: Layout::new(
            "Anslagstavlor",
            vec![
                ("Startsida".into(), Some(paths::start())),
                ("Anslagstavlor".into(), None),
            ],
            None,
        )
        .description("Myndigheternas digitala anslagstavlor: tillkännagivanden av justerade protokoll, kungörelser och sammanträden."),
        boards: all
            .iter()
            .map(|x| (x.authority.name.clone(), board_path(&x.authority.slug)))
            .collect(),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /{a}/anslagstavla`: the authority's anslagstavla.
pub async fn page(
    State(state): State<AppState>,
    PagePath(a): PagePath<String>,
) -> Result<Response, PageError> {
    let (slug, name) = authority_name(&state, &a).await?;
    let kansli_store::notices::Board { current, past } =
        board(&state, &slug).await?.unwrap_or_default();
    let page = BoardPage {
        layout: Layout::new(
            format!("Anslagstavla – {name}"),
            crumbs(&name, &slug, "Anslagstavla"),
            Some(api_path(&slug)),
        )
        .canonical(board_path(&slug))
        .description(format!(
            "{} officiella anslagstavla: tillkännagivanden av justerade protokoll, kungörelser och hur man överklagar.",
            crate::text::genitive(&name)
        )),
        authority: name,
        today: long((state.today)()),
        current: current.iter().map(row).collect(),
        past: past.iter().map(row).collect(),
        appeal_url: appeal_path(&slug),
        feed_url: feed_path(&slug),
        authority_url: paths::authority(&slug),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /{a}/anslagstavla/overklaga`: how to appeal, in plain Swedish.
pub async fn appeal(
    State(state): State<AppState>,
    PagePath(a): PagePath<String>,
) -> Result<Response, PageError> {
    let (slug, name) = authority_name(&state, &a).await?;
    let page = AppealPage {
        layout: Layout::new(
            "Så överklagar du ett beslut",
            vec![
                ("Startsida".into(), Some(paths::start())),
                (name.clone(), Some(paths::authority(&slug))),
                ("Anslagstavla".into(), Some(board_path(&slug))),
                ("Så överklagar du".into(), None),
            ],
            None,
        )
        .canonical(appeal_path(&slug))
        .description("Laglighetsprövning: så överklagar du ett kommunalt beslut till förvaltningsrätten, inom tre veckor från anslaget."),
        authority: name,
        board_url: board_path(&slug),
    };
    Ok(Html(page.render()?).into_response())
}

/// `?current=true|false`.
#[derive(Debug, Deserialize)]
pub struct NoticeQuery {
    current: Option<String>,
}

/// A notice as `listNotices` returns it.
fn notice_json(n: &Notice) -> Value {
    json!({
        "kind": n.kind,
        "title": n.title,
        "text": n.text,
        "body": n.body,
        "meeting_date": n.meeting_date,
        "paragraphs": n.paragraphs,
        "posted": n.posted,
        "removal": n.removal,
        "kept_at": n.kept_at,
        "appeal_last_day": n.appeal_last_day,
        "minutes_url": n.minutes_path.as_ref().map(|(a, b, m)| crate::api::absolute(&paths::meeting(a, b, m))),
        "extract_url": n.extract_sha256.as_ref().map(|sha| crate::api::absolute(&format!("/filer/{sha}"))),
        "paragraph_url": n.paragraph_path.as_ref().map(|(a, b, m, p)| crate::api::absolute(&paths::paragraph(a, b, m, *p))),
        "current": n.current,
    })
}

/// `listNotices`: `GET /api/v1/authorities/{a}/notices?current=true|false` (default true).
pub async fn list(
    State(state): State<AppState>,
    axum::extract::Path(a): axum::extract::Path<String>,
    query: Result<Query<NoticeQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let Ok(Query(q)) = query else {
        return Err(Problem::bad_request("current: true or false"));
    };
    let current = match q.current.as_deref() {
        None | Some("true") => true,
        Some("false") => false,
        Some(other) => {
            return Err(Problem::bad_request(format!(
                "current: {other:?} is neither true nor false"
            )));
        }
    };
    let notices = read(&state, &a, current)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no authority {a}")))?;
    let slug = a.to_lowercase();
    let data: Vec<Value> = notices.iter().map(notice_json).collect();
    Ok(axum::Json(json!({
        "data": data,
        "links": {
            "web": crate::api::absolute(&board_path(&slug)),
            "feed": crate::api::absolute(&feed_path(&slug)),
            "appeal": crate::api::absolute(&appeal_path(&slug)),
        },
    }))
    .into_response())
}

/// Midnight of a day in Sweden, as an Atom time.
fn start_of(day: NaiveDate) -> FixedDateTime {
    let local = Stockholm
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .unwrap_or_else(|| Stockholm.from_utc_datetime(&day.and_time(chrono::NaiveTime::MIN)));
    local.fixed_offset()
}

/// `getNoticeFeed`: the current notices of an authority as Atom (RFC 4287).
pub async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(a): axum::extract::Path<String>,
) -> Result<Response, Problem> {
    let Some(view) = state.store.authority(&a).await? else {
        return Err(Problem::not_found(format!("no authority {a}")));
    };
    let slug = view.authority.authority.slug.clone();
    let name = view.authority.authority.name.clone();
    let notices = read(&state, &slug, true).await?.unwrap_or_default();
    let origin = crate::site::origin(&state, &headers);
    let board = format!("{origin}{}", board_path(&slug));
    let mut entries = Vec::new();
    for n in &notices {
        let id = match (&n.minutes_path, n.id, &n.extract_sha256) {
            (Some((a, b, m)), _, _) => {
                format!("{origin}{}#anslag-{slug}", paths::meeting(a, b, m))
            }
            (None, Some(id), _) => format!("{board}#anslag-{id}"),
            (None, None, Some(sha)) => format!("{origin}/filer/{sha}#anslag-{slug}"),
            (None, None, None) => continue,
        };
        let link = match (&n.minutes_path, &n.extract_sha256) {
            (Some((a, b, m)), _) => format!("{origin}{}", paths::meeting(a, b, m)),
            (None, Some(sha)) => format!("{origin}/filer/{sha}"),
            (None, None) => board.clone(),
        };
        let mut summary = match n.kind.as_str() {
            "justering" => format!(
                "{} har justerat protokollet från sammanträdet {}{}. Anslaget sattes upp {} och tas ned {}. Protokollet förvaras hos {}.",
                n.body.clone().unwrap_or_default(),
                n.meeting_date.map(|d| d.to_string()).unwrap_or_default(),
                n.paragraphs
                    .as_ref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default(),
                long(n.posted),
                long(n.removal),
                n.kept_at.clone().unwrap_or_else(|| name.clone()),
            ),
            _ => n.text.clone().unwrap_or_default(),
        };
        if let Some(last) = n.appeal_last_day {
            summary.push_str(&format!(
                " Den som vill överklaga ska göra det senast {}.",
                long(last)
            ));
        }
        entries.push(
            EntryBuilder::default()
                .id(id)
                .title(Text::plain(format!("{}: {}", kind_sv(&n.kind), n.title)))
                .updated(start_of(n.posted))
                .published(Some(start_of(n.posted)))
                .links(vec![
                    LinkBuilder::default()
                        .href(link)
                        .rel("alternate")
                        .mime_type(Some("text/html".into()))
                        .build(),
                ])
                .content(Some(
                    ContentBuilder::default()
                        .value(Some(summary))
                        .content_type(Some("text".into()))
                        .lang(Some("sv".into()))
                        .build(),
                ))
                .build(),
        );
    }
    let updated = notices
        .iter()
        .map(|n| n.posted)
        .max()
        .map(start_of)
        .unwrap_or_else(|| start_of((state.today)()));
    let feed = FeedBuilder::default()
        .id(format!("{origin}{}", feed_path(&slug)))
        .title(Text::plain(format!("Anslagstavla – {name}")))
        .updated(updated)
        .lang(Some("sv".into()))
        .authors(vec![PersonBuilder::default().name(name.clone()).build()])
        .links(vec![
            LinkBuilder::default()
                .href(format!("{origin}{}", feed_path(&slug)))
                .rel("self")
                .mime_type(Some("application/atom+xml".into()))
                .build(),
            LinkBuilder::default()
                .href(board)
                .rel("alternate")
                .mime_type(Some("text/html".into()))
                .build(),
        ])
        .entries(entries)
        .build();
    let mut r = feed.to_string().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(r)
}
