//! The HTML pages: one handler and one template struct per page.
//!
//! Handlers fetch a read model from the store, turn it into what the template needs (links,
//! grouped participants, text blocks) and render. Everything a visitor reads is Swedish.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kansli_store::{
    AgendaItemView, AuthorityRef, AuthoritySummary, BodyMeetings, BodyRef, CaseView, FileInfo,
    MeetingHeader, MeetingSummary, MeetingView, ParagraphView, ParticipantView,
};

use crate::AppState;
use crate::error::{Failure, PageError, PagePath};
use crate::law::{FindingView, MeetingLaw, StatusView, law_of_record, meeting_law};
use crate::paths;
#[allow(unused_imports)] // used by the generated template code
use crate::text::{self, Block, SvDate};
use kansli_core::record::MeetingState;

/// Attendance lists are collapsed (`<details>`, the summary naming how many) on a meeting's
/// page when they hold more rows than this together, so that on a phone the ärendelista and
/// the first paragraph come within two screens (found: Itsam's three short lists took 1,300 px
/// at 390 px).
pub const OPEN_ATTENDANCE_ROWS: usize = 8;

/// Meetings per page on a body's year page.
const MEETINGS_PER_PAGE: u32 = 50;

/// A breadcrumb: label and link (`None` for the current page).
pub type Crumb = (String, Option<String>);

/// What the frame of every page needs.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The `<title>`, without the site name.
    pub title: String,
    /// Breadcrumbs from the start page to here.
    pub crumbs: Vec<Crumb>,
    /// The JSON twin of the page.
    pub json: Option<String>,
    /// The stylesheet's URL.
    pub css: String,
    /// The page's canonical absolute URL (`<link rel="canonical">`), when it has one.
    pub canonical: Option<String>,
    /// The `<meta name="description">` text.
    pub description: String,
    /// The publishing authority, its logo and origin (from the site's configuration).
    pub site: crate::site::SiteContext,
}

impl Layout {
    /// A layout with a title, breadcrumbs and the JSON twin's URL.
    pub fn new(title: impl Into<String>, crumbs: Vec<Crumb>, json: Option<String>) -> Layout {
        let site = crate::site::current();
        Layout {
            title: title.into(),
            crumbs,
            json,
            css: crate::assets::css_url(),
            canonical: None,
            description: format!(
                "Protokoll från nämnder och styrelser i {}: beslut, närvaro och ärenden, sökbara och öppna för alla.",
                site.name
                    .as_deref()
                    .unwrap_or("kommuner och kommunalförbund")
            ),
            site,
        }
    }

    /// The same layout with its canonical address (a path; made absolute with the site's
    /// origin).
    pub fn canonical(mut self, path: impl AsRef<str>) -> Layout {
        self.canonical = Some(format!("{}{}", self.site.origin, path.as_ref()));
        self
    }

    /// The same layout with its own description.
    pub fn description(mut self, text: impl Into<String>) -> Layout {
        self.description = text.into();
        self
    }

    /// "Lomma kommuns protokollsarkiv", or "Protokollsarkivet" when unconfigured.
    pub fn site_title(&self) -> String {
        crate::site::site_title(self.site.name.as_deref())
    }
}

fn crumb(label: impl Into<String>, href: impl Into<String>) -> Crumb {
    (label.into(), Some(href.into()))
}

fn here(label: impl Into<String>) -> Crumb {
    (label.into(), None)
}

fn home() -> Crumb {
    crumb("Startsida", paths::start())
}

fn render(t: &impl Template) -> Result<Response, PageError> {
    Ok(Html(t.render()?).into_response())
}

/// Swedish name of an authority kind.
pub fn authority_kind(kind: &str) -> &'static str {
    match kind {
        "kommun" => "Kommun",
        "kommunalforbund" => "Kommunalförbund",
        "region" => "Region",
        _ => "Organisation",
    }
}

/// Swedish name of a body kind.
pub fn body_kind(kind: &str) -> &'static str {
    match kind {
        "fullmaktige" => "Fullmäktige",
        "styrelse" => "Styrelse",
        "namnd" => "Nämnd",
        "gemensam_namnd" => "Gemensam nämnd",
        "direktion" => "Direktion",
        "utskott" => "Utskott",
        "beredning" => "Beredning",
        _ => "Organ",
    }
}

/// Swedish name of a minutes state.
pub fn minutes_state(state: &str) -> &'static str {
    match state {
        "draft" => "Utkast",
        "released" => "Klart för justering",
        "justerad" => "Justerat",
        "posted" => "Justerat och anslaget",
        _ => "Okänt",
    }
}

/// Where a meeting stands, as a list or a page says it: "Planerat", "Inställt", "Hållet –
/// protokollet ej justerat"; for a justerat one its minutes' state ("Justerat", "Justerat och
/// anslaget").
pub fn meeting_state(state: MeetingState, minutes: Option<&str>) -> String {
    match (state, minutes) {
        (MeetingState::Justerat, Some(m)) => minutes_state(m).to_string(),
        _ => {
            let word = state.swedish();
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        }
    }
}

/// The day of an RFC 3339 instant as written ("2026-03-20T10:15:00Z" → "2026-03-20"), for a
/// rättelse's date.
pub fn day(instant: &str) -> &str {
    instant.get(..10).unwrap_or(instant)
}

/// "2021–2025", "2024", or "–".
fn year_span(first: Option<chrono::NaiveDate>, last: Option<chrono::NaiveDate>) -> String {
    use chrono::Datelike;
    match (first, last) {
        (Some(f), Some(l)) if f.year() != l.year() => format!("{}–{}", f.year(), l.year()),
        (Some(d), _) | (None, Some(d)) => d.year().to_string(),
        (None, None) => "–".to_string(),
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A 308 to the same page with canonical slugs when the address typed one in another case or
/// as a name (`/Lomma-Kommun`, `/lomma%20kommun`), so every page has one address; the query
/// is kept. `None` when the slugs are canonical already.
fn canonical_redirect(
    uri: &Uri,
    segments: &[&str],
    build: impl Fn(&[String]) -> String,
) -> Option<Response> {
    let canonical: Vec<String> = segments
        .iter()
        .map(|s| kansli_core::text::slug(s))
        .collect();
    if canonical.iter().any(String::is_empty) || canonical.iter().zip(segments).all(|(c, s)| c == s)
    {
        return None;
    }
    let mut target = build(&canonical);
    if let Some(q) = uri.query() {
        target.push('?');
        target.push_str(q);
    }
    Some(Redirect::permanent(&target).into_response())
}

/// The names behind the slugs of a page that does not exist, so that its 404 says "hos Lomma
/// kommun" rather than "hos lomma-kommun": the authority's name, and the body's when `b` is one
/// of its bodies.
async fn names(state: &AppState, a: &str, b: Option<&str>) -> (Option<String>, Option<String>) {
    match state.store.authority(a).await {
        Ok(Some(view)) => {
            let body = b.and_then(|b| {
                view.bodies
                    .iter()
                    .find(|x| x.body.slug == b)
                    .map(|x| x.body.name.clone())
            });
            (Some(view.authority.authority.name), body)
        }
        _ => (None, None),
    }
}

/// "Kommunfullmäktige hos Lomma kommun" for a 404, with the typed slug only for what does not
/// exist.
async fn where_not_found(state: &AppState, a: &str, b: &str) -> Result<String, Failure> {
    match names(state, a, Some(b)).await {
        (Some(an), Some(bn)) => Ok(format!("{bn} hos {an}")),
        (Some(an), None) => Err(Failure::not_found(
            format!("Något organ med adressen ”{b}” hos {an}"),
            format!("body {b:?} of {a:?}"),
        )),
        _ => Err(Failure::not_found(
            format!("En myndighet med adressen ”{a}”"),
            format!("authority {a:?}"),
        )),
    }
}

// ---------------------------------------------------------------- start page

/// A meeting row in a list, with its links.
pub struct MeetingRow {
    /// The meeting.
    pub m: MeetingSummary,
    /// Its page.
    pub url: String,
    /// Its authority's page.
    pub authority_url: String,
    /// Its body's page.
    pub body_url: String,
    /// "kl. 13:00–14:45".
    pub time: String,
    /// "§§ 1–9".
    pub span: String,
    /// Where it stands: "Planerat", "Inställt", "Hållet – protokollet ej justerat", "Justerat".
    pub state: String,
    /// Whether its minutes are public (then the row needs no mark).
    pub justerat: bool,
}

impl MeetingRow {
    fn new(m: MeetingSummary, today: chrono::NaiveDate) -> MeetingRow {
        let stage = m.state(today);
        MeetingRow {
            state: meeting_state(stage, m.minutes_state.as_deref()),
            justerat: stage == MeetingState::Justerat,
            url: paths::meeting(&m.authority.slug, &m.body.slug, &m.slug),
            authority_url: paths::authority(&m.authority.slug),
            body_url: paths::body(&m.authority.slug, &m.body.slug),
            time: text::time_span(m.start_time.as_deref(), m.end_time.as_deref())
                .unwrap_or_default(),
            span: text::paragraph_span(m.paragraph_first, m.paragraph_last).unwrap_or_default(),
            m,
        }
    }
}

/// An authority card on the start page.
pub struct AuthorityCard {
    /// The authority and its counts.
    pub a: AuthoritySummary,
    /// Its page.
    pub url: String,
    /// "Kommunalförbund".
    pub kind: &'static str,
    /// "1 organ · 3 sammanträden · 2021–2025".
    pub facts: String,
}

#[derive(Template)]
#[template(path = "start.html")]
struct StartPage {
    layout: Layout,
    authorities: Vec<AuthorityCard>,
    latest: Vec<MeetingRow>,
}

/// `/`: what the archive is, its authorities, the latest meetings.
pub async fn start(State(state): State<AppState>) -> Result<Response, PageError> {
    let authorities = state
        .store
        .authorities()
        .await?
        .into_iter()
        .map(|a| AuthorityCard {
            url: paths::authority(&a.authority.slug),
            kind: authority_kind(&a.authority.kind),
            facts: format!(
                "{} · {} · {}",
                plural(a.body_count, "organ", "organ"),
                plural(a.meeting_count, "sammanträde", "sammanträden"),
                year_span(a.first_meeting, a.last_meeting)
            ),
            a,
        })
        .collect();
    let today = (state.today)();
    let latest = state
        .store
        .latest_meetings(10)
        .await?
        .into_iter()
        .map(|m| MeetingRow::new(m, today))
        .collect();
    render(&StartPage {
        layout: Layout::new(
            "Protokollsarkiv",
            vec![here("Startsida")],
            Some(paths::api::authorities()),
        )
        .canonical(paths::start()),
        authorities,
        latest,
    })
}

// ---------------------------------------------------------------- authority page

/// A body row on an authority's page.
pub struct BodyRow {
    /// The body's name.
    pub name: String,
    /// "Nämnd".
    pub kind: &'static str,
    /// Its page.
    pub url: String,
    /// Meetings stored.
    pub meetings: i64,
    /// Paragraphs stored.
    pub paragraphs: i64,
    /// First meeting, ISO.
    pub first: String,
    /// Latest meeting, ISO.
    pub last: String,
}

#[derive(Template)]
#[template(path = "authority.html")]
struct AuthorityPage {
    layout: Layout,
    a: AuthoritySummary,
    kind: &'static str,
    bodies: Vec<BodyRow>,
    case_lookup: String,
    board_url: String,
}

/// `/{authority}`: the authority's bodies with counts and date spans.
pub async fn authority(
    State(state): State<AppState>,
    PagePath(a): PagePath<String>,
    uri: Uri,
) -> Result<Response, PageError> {
    if let Some(r) = canonical_redirect(&uri, &[&a], |c| paths::authority(&c[0])) {
        return Ok(r);
    }
    let view = state.store.authority(&a).await?.ok_or_else(|| {
        Failure::not_found(
            format!("En myndighet med adressen ”{a}”"),
            format!("authority {a:?}"),
        )
    })?;
    let slug = view.authority.authority.slug.clone();
    let bodies = view
        .bodies
        .iter()
        .map(|b| BodyRow {
            name: b.body.name.clone(),
            kind: body_kind(&b.body.kind),
            url: paths::body(&slug, &b.body.slug),
            meetings: b.meeting_count,
            paragraphs: b.paragraph_count,
            first: b.first_meeting.map(|d| d.iso()).unwrap_or_default(),
            last: b.last_meeting.map(|d| d.iso()).unwrap_or_default(),
        })
        .collect();
    let name = view.authority.authority.name.clone();
    render(&AuthorityPage {
        layout: Layout::new(
            name.clone(),
            vec![home(), here(name.clone())],
            Some(paths::api::authority(&slug)),
        )
        .canonical(paths::authority(&slug))
        .description(format!(
            "Protokoll från {} nämnder, styrelser och utskott: sammanträden, beslut och ärenden.",
            text::genitive(&name)
        )),
        kind: authority_kind(&view.authority.authority.kind),
        case_lookup: format!("{}/arenden", paths::authority(&slug)),
        board_url: crate::notices::board_path(&slug),
        a: view.authority,
        bodies,
    })
}

// ---------------------------------------------------------------- body page

/// A year tab on a body's page.
pub struct YearTab {
    /// The year.
    pub year: i32,
    /// Meetings that year.
    pub meetings: i64,
    /// Its URL.
    pub url: String,
    /// Whether it is the year shown.
    pub current: bool,
}

#[derive(Template)]
#[template(path = "body.html")]
struct BodyPage {
    layout: Layout,
    authority: AuthorityRef,
    authority_url: String,
    body: BodyRef,
    kind: &'static str,
    facts: String,
    years: Vec<YearTab>,
    year: Option<i32>,
    meetings: Vec<MeetingRow>,
    prev_page: Option<String>,
    next_page: Option<String>,
    page_info: String,
}

fn parse_positive(raw: Option<&String>, sv: &str, en: &str) -> Result<Option<u32>, Failure> {
    match raw.map(|s| s.trim()) {
        None | Some("") => Ok(None),
        Some(s) => match s.parse::<u32>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(Failure::bad_request(
                format!("”{s}” är inte {sv}."),
                format!("{s:?} is not {en}"),
            )),
        },
    }
}

/// `/{authority}/{body}?ar=2024&sida=1`: the body's meetings of one year, newest first.
pub async fn body(
    State(state): State<AppState>,
    PagePath((a, b)): PagePath<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    uri: Uri,
) -> Result<Response, PageError> {
    if let Some(r) = canonical_redirect(&uri, &[&a, &b], |c| paths::body(&c[0], &c[1])) {
        return Ok(r);
    }
    let year = parse_positive(q.get("ar"), "ett årtal", "a year")?;
    let page = parse_positive(q.get("sida"), "ett sidnummer", "a page number")?.unwrap_or(1);
    let year = year.map(|y| i32::try_from(y).unwrap_or(i32::MAX));
    let offset = (page - 1).saturating_mul(MEETINGS_PER_PAGE);
    let view: Option<BodyMeetings> = state
        .store
        .body_meetings(&a, &b, year, offset, MEETINGS_PER_PAGE)
        .await?;
    let Some(view) = view else {
        return Err(match where_not_found(&state, &a, &b).await {
            Err(f) => f,
            Ok(_) => Failure::not_found(format!("Organet ”{b}”"), format!("body {b:?} of {a:?}")),
        }
        .into());
    };
    if let Some(y) = year
        && !view.years.iter().any(|yc| yc.year == y)
    {
        return Err(Failure::not_found(
            format!("Något sammanträde år {y} i {}", view.body.body.name),
            format!("meetings of {b:?} in {y}"),
        )
        .into());
    }
    let (aslug, bslug) = (view.authority.slug.clone(), view.body.body.slug.clone());
    let shown = view.year;
    let years = view
        .years
        .iter()
        .map(|yc| YearTab {
            year: yc.year,
            meetings: yc.meetings,
            url: paths::body_year(&aslug, &bslug, yc.year),
            current: Some(yc.year) == shown,
        })
        .collect();
    let page_url = |p: u32| match shown {
        Some(y) => format!("{}&sida={p}", paths::body_year(&aslug, &bslug, y)),
        None => format!("{}?sida={p}", paths::body(&aslug, &bslug)),
    };
    let total = view.total.max(0) as u64;
    let end = u64::from(offset) + view.meetings.len() as u64;
    let prev_page = (page > 1).then(|| page_url(page - 1));
    let next_page = (end < total).then(|| page_url(page + 1));
    let page_info = if prev_page.is_some() || next_page.is_some() {
        format!("Sammanträde {}–{end} av {total}", u64::from(offset) + 1)
    } else {
        String::new()
    };
    let summary = &view.body;
    let facts = format!(
        "{} · {} · {}",
        plural(summary.meeting_count, "sammanträde", "sammanträden"),
        plural(summary.paragraph_count, "paragraf", "paragrafer"),
        year_span(summary.first_meeting, summary.last_meeting)
    );
    let json = match shown {
        Some(y) => format!("{}?year={y}", paths::api::meetings(&aslug, &bslug)),
        None => paths::api::meetings(&aslug, &bslug),
    };
    let mut title = summary.body.name.clone();
    if let Some(y) = shown {
        title.push_str(&format!(" – sammanträden {y}"));
    }
    title.push_str(&format!(" – {}", view.authority.name));
    render(&BodyPage {
        layout: Layout::new(
            title,
            vec![
                home(),
                crumb(view.authority.name.clone(), paths::authority(&aslug)),
                here(summary.body.name.clone()),
            ],
            Some(json),
        )
        .canonical(match q.get("ar").and(shown) {
            Some(y) => paths::body_year(&aslug, &bslug, y),
            None => paths::body(&aslug, &bslug),
        })
        .description(format!(
            "{} sammanträden och protokoll{}: beslut, närvaro och ärenden.",
            text::genitive(&summary.body.name),
            shown.map(|y| format!(" {y}")).unwrap_or_default()
        )),
        authority_url: paths::authority(&aslug),
        kind: body_kind(&summary.body.kind),
        facts,
        years,
        year: shown,
        meetings: view
            .meetings
            .into_iter()
            .map(|m| MeetingRow::new(m, (state.today)()))
            .collect(),
        prev_page,
        next_page,
        page_info,
        authority: view.authority,
        body: view.body.body,
    })
}

// ---------------------------------------------------------------- meeting page

/// A group of participants as one table, with the columns that have any content.
pub struct Group {
    /// "Beslutande".
    pub heading: &'static str,
    /// The people, in printed order.
    pub rows: Vec<ParticipantView>,
    /// Any row has a role.
    pub has_role: bool,
    /// Any row names whom it represents.
    pub has_represents: bool,
    /// Any row has a party.
    pub has_party: bool,
    /// Any row serves for someone.
    pub has_serves_for: bool,
    /// Any row is limited to some paragraphs.
    pub has_paragraphs: bool,
    /// Shown collapsed: the meeting's lists hold more than [`OPEN_ATTENDANCE_ROWS`] rows.
    pub collapsed: bool,
}

impl Group {
    fn new(heading: &'static str, rows: Vec<ParticipantView>) -> Group {
        Group {
            heading,
            collapsed: rows.len() > OPEN_ATTENDANCE_ROWS,
            has_role: rows.iter().any(|p| p.role.is_some()),
            has_represents: rows.iter().any(|p| p.represents.is_some()),
            has_party: rows.iter().any(|p| p.party.is_some()),
            has_serves_for: rows.iter().any(|p| p.serves_for.is_some()),
            has_paragraphs: rows.iter().any(|p| p.paragraphs.is_some()),
            rows,
        }
    }

    /// "§§ 1–4" for a row limited to some paragraphs.
    pub fn span(&self, p: &ParticipantView) -> String {
        p.paragraphs
            .as_deref()
            .map(text::attendance_span)
            .unwrap_or_default()
    }
}

/// A paragraph with its anchor and links.
pub struct Para {
    /// The paragraph.
    pub p: ParagraphView,
    /// The `id` of its section: `p-3` (`p-3-7` for a repeated number).
    pub anchor: String,
    /// Its own page.
    pub url: String,
    /// Its case's page, when the Dnr parses.
    pub case_url: Option<String>,
}

impl Para {
    fn new(p: ParagraphView, seen: &mut Vec<i64>, a: &str, b: &str, m: &str) -> Para {
        let anchor = if seen.contains(&p.number) {
            format!("p-{}-{}", p.number, p.position)
        } else {
            format!("p-{}", p.number)
        };
        seen.push(p.number);
        Para {
            anchor,
            url: paths::paragraph(a, b, m, p.number),
            case_url: p.case_key.as_deref().map(|k| paths::case(a, k)),
            p,
        }
    }

    /// Text split into paragraphs and lists.
    pub fn blocks(&self, t: &str) -> Vec<Block> {
        text::blocks(t)
    }
}

/// A row of the ärendelista.
pub struct AgendaRow {
    /// The item.
    pub item: AgendaItemView,
    /// The paragraph's anchor on this page, when it is there.
    pub anchor: Option<String>,
    /// The case's page.
    pub case_url: Option<String>,
}

/// A downloadable original.
pub struct FileLink {
    /// The file.
    pub f: FileInfo,
    /// Its download URL.
    pub url: String,
    /// "PDF, 245 kB".
    pub label: String,
}

/// What the header of a meeting shows, prepared.
pub struct HeaderFacts {
    /// The header as stored.
    pub h: MeetingHeader,
    /// "tisdag 5 mars 2024".
    pub date_long: String,
    /// "kl. 13:00–14:45".
    pub time: Option<String>,
    /// "§§ 1–9".
    pub span: Option<String>,
    /// "Justerat".
    pub state: &'static str,
    /// "Direktionens beslut".
    pub decision_heading: String,
    /// The meeting's page.
    pub url: String,
    /// The body's page for the meeting's year.
    pub year_url: String,
    /// The authority's page.
    pub authority_url: String,
}

impl HeaderFacts {
    fn new(h: MeetingHeader) -> HeaderFacts {
        use chrono::Datelike;
        let (a, b) = (h.authority.slug.clone(), h.body.slug.clone());
        HeaderFacts {
            date_long: h.date.with_weekday(),
            time: text::time_span(h.start_time.as_deref(), h.end_time.as_deref()),
            span: text::paragraph_span(h.paragraph_first, h.paragraph_last),
            state: minutes_state(&h.state),
            decision_heading: format!("{} beslut", text::genitive(&h.body.name)),
            url: paths::meeting(&a, &b, &h.slug),
            year_url: paths::body_year(&a, &b, h.date.year()),
            authority_url: paths::authority(&a),
            h,
        }
    }

    fn crumbs(&self, last: Option<Crumb>) -> Vec<Crumb> {
        let h = &self.h;
        let mut crumbs = vec![
            home(),
            crumb(h.authority.name.clone(), self.authority_url.clone()),
            crumb(h.body.name.clone(), self.year_url.clone()),
        ];
        match last {
            Some(c) => {
                crumbs.push(crumb(h.date.iso(), self.url.clone()));
                crumbs.push(c);
            }
            None => crumbs.push(here(h.date.iso())),
        }
        crumbs
    }

    /// "8 mars 2024 kl. 11:24", in Swedish time (the page's readers').
    pub fn signed(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        let at = at.with_timezone(&chrono_tz::Europe::Stockholm);
        format!("{} kl. {}", at.date_naive().long(), at.format("%H:%M"))
    }
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage {
    layout: Layout,
    head: HeaderFacts,
    groups: Vec<Group>,
    agenda: Vec<AgendaRow>,
    paragraphs: Vec<Para>,
    appendices: Vec<String>,
    warnings: Vec<String>,
    files: Vec<FileLink>,
    status: Vec<StatusView>,
    findings: Vec<FindingView>,
    /// Rättelser of the justerade minutes, published with them.
    rattelser: Vec<kansli_store::Rattelse>,
    /// Minutes recorded in Kansli (not read from a file): no "Om importen" then.
    recorded: bool,
    /// Justerade with signatures made in Kansli, not on paper.
    signed_digitally: bool,
}

/// A planned meeting (one the body's secretary put in the year's plan): when and where, and
/// the calendar to subscribe to; nothing that only minutes can say.
#[derive(Template)]
#[template(path = "planned.html")]
struct PlannedPage {
    layout: Layout,
    authority: String,
    body: String,
    date: String,
    time: Option<String>,
    place: Option<String>,
    calendar: String,
    /// The public kallelse, once issued: the day it was issued and its items.
    kallelse: Option<(String, Vec<crate::kallelse::PublicItem>)>,
    /// Where the kallelse document is (`…/kallelse.pdf`, without the extension).
    kallelse_file: String,
    /// The meeting is cancelled (inställt).
    cancelled: bool,
    /// The meeting is held and its minutes are not yet justerade.
    held: bool,
    /// Paragraphs justerade on their own before the minutes (omedelbar justering): (text,
    /// link to the paragraph's page).
    justerade_alone: Vec<(String, String)>,
}

/// The page of a meeting without public minutes: planned, cancelled, or held with its minutes
/// not yet justerade (`state`).
fn planned_meeting(
    h: &kansli_store::MeetingHeader,
    kallelse: Option<(String, Vec<crate::kallelse::PublicItem>)>,
    state: MeetingState,
    justerade_alone: Vec<(i64, String)>,
) -> Result<Response, PageError> {
    let (a, b) = (h.authority.slug.as_str(), h.body.slug.as_str());
    let justerade_alone = justerade_alone
        .into_iter()
        .map(|(n, title)| (format!("§ {n} {title}"), paths::paragraph(a, b, &h.slug, n)))
        .collect();
    let page = PlannedPage {
        layout: Layout::new(
            format!("{} {} ({})", h.body.name, h.date, state.swedish()),
            vec![
                home(),
                crumb(h.authority.name.clone(), paths::authority(a)),
                crumb(h.body.name.clone(), paths::body(a, b)),
                here(h.date.to_string()),
            ],
            Some(paths::api::meeting(a, b, &h.slug)),
        ),
        authority: h.authority.name.clone(),
        body: h.body.name.clone(),
        date: h.date.long(),
        time: match (&h.start_time, &h.end_time) {
            (Some(s), Some(e)) => Some(format!("kl. {s}–{e}")),
            (Some(s), None) => Some(format!("kl. {s}")),
            _ => None,
        },
        place: h.place.clone(),
        calendar: format!("/api/v1/authorities/{a}/bodies/{b}/calendar.ics"),
        kallelse,
        kallelse_file: format!("/{a}/{b}/{}/kallelse", h.slug),
        cancelled: state == MeetingState::Cancelled,
        held: state == MeetingState::Held,
        justerade_alone,
    };
    render(&page)
}

async fn not_found_meeting(state: &AppState, a: &str, b: &str, m: &str) -> Failure {
    match where_not_found(state, a, b).await {
        Ok(place) => Failure::not_found(
            format!("Något sammanträde ”{m}” i {place}"),
            format!("meeting {m:?} of body {b:?} of {a:?}"),
        ),
        Err(f) => f,
    }
}

fn file_links(files: Vec<FileInfo>) -> Vec<FileLink> {
    files
        .into_iter()
        .map(|f| FileLink {
            url: paths::file(&f.sha256),
            label: format!(
                "{}, {}",
                text::media_label(&f.media_type),
                text::file_size(f.size)
            ),
            f,
        })
        .collect()
}

/// `/{authority}/{body}/{meeting}`: the minutes, laid out like the original.
pub async fn meeting(
    State(state): State<AppState>,
    PagePath((a, b, m)): PagePath<(String, String, String)>,
    uri: Uri,
) -> Result<Response, PageError> {
    if let Some(r) =
        canonical_redirect(&uri, &[&a, &b, &m], |c| paths::meeting(&c[0], &c[1], &c[2]))
    {
        return Ok(r);
    }
    // The view and the record the law checks, read once.
    let Some(read) = state.store.meeting_with_record(&a, &b, &m).await? else {
        return Err(not_found_meeting(&state, &a, &b, &m).await.into());
    };
    let view: MeetingView = read.view;
    if view.header.state == "planned" {
        // No minutes yet: the sammanträdesplan's entry, never an empty protocol.
        let kallelse = crate::kallelse::public_items(&state, &a, &b, &m).await?;
        let stage = view.header.meeting_state((state.today)());
        let h = &view.header;
        let alone = state
            .store
            .paragraphs_justerade_alone(&h.authority.slug, &h.body.slug, &h.slug)
            .await?;
        return planned_meeting(&view.header, kallelse, stage, alone);
    }
    let head = HeaderFacts::new(view.header);
    // Signed in Kansli (each signature has its moment) or on paper (marked justerad).
    let signed_digitally = head.h.signatures.iter().any(|s| s.signed_at.is_some());
    let (aslug, bslug, mslug) = (
        head.h.authority.slug.clone(),
        head.h.body.slug.clone(),
        head.h.slug.clone(),
    );
    let law = match &read.record {
        Some(record) => law_of_record(&state, record, &read.masks, (state.today)()).await?,
        None => MeetingLaw::default(),
    };
    let mut groups: Vec<Group> = Vec::new();
    // Members present who did not serve are ersättare in the model, shown apart.
    let not_serving =
        |p: &ParticipantView| p.role.as_deref() == Some(kansli_core::protocol::NOT_SERVING_MEMBER);
    for (category, heading, apart) in [
        ("beslutande", "Beslutande", false),
        (
            "ersättare",
            kansli_core::protocol::NOT_SERVING_MEMBERS_HEADING,
            true,
        ),
        ("ersättare", "Ersättare", false),
        ("övriga", "Övriga närvarande", false),
    ] {
        let rows: Vec<ParticipantView> = view
            .participants
            .iter()
            .filter(|p| p.category == category && not_serving(p) == apart)
            .cloned()
            .collect();
        if !rows.is_empty() {
            groups.push(Group::new(heading, rows));
        }
    }
    let attendance: usize = groups.iter().map(|g| g.rows.len()).sum();
    for g in &mut groups {
        g.collapsed = attendance > OPEN_ATTENDANCE_ROWS;
    }
    let mut seen = Vec::new();
    let paragraphs: Vec<Para> = view
        .paragraphs
        .into_iter()
        .map(|p| Para::new(p, &mut seen, &aslug, &bslug, &mslug))
        .collect();
    // The ärendelista as printed; without one, the paragraphs themselves.
    // A recorded meeting's agenda items carry no paragraph numbers (the kallelse numbers its
    // ärenden 1., 2.): its paragraphs are the ärendelista then.
    let items: Vec<AgendaItemView> = if view.agenda.iter().all(|i| i.paragraph <= 0) {
        paragraphs
            .iter()
            .map(|p| AgendaItemView {
                paragraph: p.p.number,
                dnr: p.p.dnr.clone(),
                case_key: p.p.case_key.clone(),
                title: p.p.title.clone(),
                pages: None,
            })
            .collect()
    } else {
        view.agenda
    };
    let agenda = items
        .into_iter()
        .map(|item| AgendaRow {
            anchor: paragraphs
                .iter()
                .find(|p| p.p.number == item.paragraph)
                .map(|p| p.anchor.clone()),
            case_url: item.case_key.as_deref().map(|k| paths::case(&aslug, k)),
            item,
        })
        .collect();
    let title = format!(
        "{} {} – protokoll – {}",
        head.h.body.name,
        head.h.date.iso(),
        head.h.authority.name
    );
    let description = format!(
        "Protokoll från {} sammanträde {}{}, {}.",
        text::genitive(&head.h.body.name),
        head.date_long,
        head.span
            .as_deref()
            .map(|s| format!(", {s}"))
            .unwrap_or_default(),
        head.h.authority.name
    );
    render(&MeetingPage {
        layout: Layout::new(
            title,
            head.crumbs(None),
            Some(paths::api::meeting(&aslug, &bslug, &mslug)),
        )
        .canonical(paths::meeting(&aslug, &bslug, &mslug))
        .description(description),
        groups,
        agenda,
        paragraphs,
        appendices: view.appendices,
        warnings: view.warnings,
        files: file_links(view.files),
        recorded: read.record.as_ref().is_some_and(|r| r.origin == "recorded"),
        signed_digitally,
        status: StatusView::all(&law.status),
        findings: FindingView::all(&law.findings),
        rattelser: state
            .store
            .rattelser_at(&aslug, &bslug, &mslug)
            .await?
            .into_iter()
            .map(|mut r| {
                r.made_at = r.made_at.get(..10).unwrap_or(&r.made_at).to_string();
                r
            })
            .collect(),
        head,
    })
}

// ---------------------------------------------------------------- paragraph page

#[derive(Template)]
#[template(path = "paragraph.html")]
struct ParagraphPageT {
    layout: Layout,
    head: HeaderFacts,
    para: Para,
    prev: Option<(i64, String)>,
    next: Option<(i64, String)>,
    findings: Vec<FindingView>,
    /// Rättelser that concern the paragraph (naming it, or the whole minutes).
    rattelser: Vec<kansli_store::Rattelse>,
    /// Justerad on its own (omedelbar justering), the rest of the minutes not yet.
    justerad_alone: bool,
}

/// `/{authority}/{body}/{meeting}/paragraf/{n}`: one paragraph with its meeting's header.
pub async fn paragraph(
    State(state): State<AppState>,
    PagePath((a, b, m, n)): PagePath<(String, String, String, String)>,
    uri: Uri,
) -> Result<Response, PageError> {
    if let Some(r) = canonical_redirect(&uri, &[&a, &b, &m], |c| {
        format!(
            "{}/paragraf/{}",
            paths::meeting(&c[0], &c[1], &c[2]),
            text::encode_segment(&n)
        )
    }) {
        return Ok(r);
    }
    let number: i64 = match n.trim_start_matches('§').trim().parse::<u32>() {
        Ok(n) => i64::from(n),
        Err(_) => {
            return Err(Failure::bad_request(
                format!("”{n}” är inte ett paragrafnummer."),
                format!("{n:?} is not a paragraph number"),
            )
            .into());
        }
    };
    let Some(page) = state.store.paragraph(&a, &b, &m, number).await? else {
        let failure = match state.store.meeting(&a, &b, &m).await? {
            Some(view) => Failure::not_found(
                format!(
                    "§ {number} i protokollet från {} sammanträde {} ({})",
                    text::genitive(&view.header.body.name),
                    view.header.date.long(),
                    view.header.authority.name
                ),
                format!("paragraph {number} of meeting {m:?} of body {b:?} of {a:?}"),
            ),
            None => not_found_meeting(&state, &a, &b, &m).await,
        };
        return Err(failure.into());
    };
    let rattelser = page.rattelser;
    let justerad_alone = page.justerad_alone;
    let head = HeaderFacts::new(page.meeting);
    let (aslug, bslug, mslug) = (
        head.h.authority.slug.clone(),
        head.h.body.slug.clone(),
        head.h.slug.clone(),
    );
    let para = Para::new(page.paragraph, &mut Vec::new(), &aslug, &bslug, &mslug);
    let law = meeting_law(&state, &aslug, &bslug, &mslug, (state.today)()).await?;
    let findings = FindingView::all(&law.of_paragraph(para.p.number));
    let link = |n: i64| (n, paths::paragraph(&aslug, &bslug, &mslug, n));
    let title = format!(
        "§ {} {} – {} {} – {}",
        para.p.number,
        para.p.title,
        head.h.body.name,
        head.h.date.iso(),
        head.h.authority.name
    );
    render(&ParagraphPageT {
        layout: Layout::new(
            title,
            head.crumbs(Some(here(format!("§ {}", para.p.number)))),
            Some(paths::api::paragraph(&aslug, &bslug, &mslug, para.p.number)),
        )
        .canonical(paths::paragraph(&aslug, &bslug, &mslug, para.p.number))
        .description(format!(
            "§ {} {}. {} beslut {}, {}.",
            para.p.number,
            para.p.title,
            text::genitive(&head.h.body.name),
            head.date_long,
            head.h.authority.name
        )),
        prev: page.prev.map(link),
        next: page.next.map(link),
        findings,
        rattelser,
        justerad_alone,
        para,
        head,
    })
}

// ---------------------------------------------------------------- case page

/// One handling of a case, with links.
pub struct Handling {
    /// "Direktionen".
    pub body: String,
    /// "5 mars 2024".
    pub date: String,
    /// The ISO date, for `<time>`.
    pub iso: String,
    /// The paragraph number.
    pub number: i64,
    /// The paragraph's title.
    pub title: String,
    /// The Dnr as printed there.
    pub dnr: Option<String>,
    /// The decision.
    pub decision: Option<String>,
    /// "Direktionens beslut".
    pub decision_heading: String,
    /// The paragraph's page.
    pub url: String,
    /// The meeting's page.
    pub meeting_url: String,
}

impl Handling {
    /// Text split into paragraphs and lists.
    pub fn blocks(&self, t: &str) -> Vec<Block> {
        text::blocks(t)
    }
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    layout: Layout,
    c: CaseView,
    authority_url: String,
    handlings: Vec<Handling>,
}

/// `/{authority}/arenden?dnr=…`: the case lookup form's target; redirects to the case.
pub async fn case_lookup(
    PagePath(a): PagePath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let raw = q.get("dnr").map(|s| s.trim()).unwrap_or_default();
    if raw.is_empty() {
        return Ok(Redirect::to(&paths::authority(&a)).into_response());
    }
    match kansli_core::Dnr::parse(raw) {
        Ok(dnr) => Ok(Redirect::to(&paths::case(&a, &dnr.key())).into_response()),
        Err(_) => Err(Failure::bad_request(
            format!("”{raw}” är inte ett diarienummer, som till exempel ”KS 2024/25”."),
            format!("{raw:?} is not a diarienummer"),
        )
        .into()),
    }
}

/// `/{authority}/arenden/{key}`: a case with every paragraph in which it was handled.
pub async fn case(
    State(state): State<AppState>,
    PagePath((a, key)): PagePath<(String, String)>,
    uri: Uri,
) -> Result<Response, PageError> {
    if let Some(r) = canonical_redirect(&uri, &[&a], |c| paths::case(&c[0], &key)) {
        return Ok(r);
    }
    let Some(c) = state.store.case(&a, &key).await? else {
        return Err(match names(&state, &a, None).await {
            (Some(name), _) => Failure::not_found(
                format!("Något ärende med nyckeln ”{key}” hos {name}"),
                format!("case {key:?} of {a:?}"),
            ),
            _ => Failure::not_found(
                format!("En myndighet med adressen ”{a}”"),
                format!("authority {a:?}"),
            ),
        }
        .into());
    };
    let aslug = c.authority.slug.clone();
    let handlings = c
        .paragraphs
        .iter()
        .map(|p| Handling {
            body: p.body.name.clone(),
            date: p.meeting_date.long(),
            iso: p.meeting_date.iso(),
            number: p.number,
            title: p.title.clone(),
            dnr: p.dnr.clone(),
            decision: p.decision.clone(),
            decision_heading: format!("{} beslut", text::genitive(&p.body.name)),
            url: paths::paragraph(&aslug, &p.body.slug, &p.meeting_slug, p.number),
            meeting_url: paths::meeting(&aslug, &p.body.slug, &p.meeting_slug),
        })
        .collect();
    render(&CasePage {
        layout: Layout::new(
            format!("Ärende {} {} – {}", c.dnr, c.title, c.authority.name),
            vec![
                home(),
                crumb(c.authority.name.clone(), paths::authority(&aslug)),
                here(format!("Ärende {}", c.dnr)),
            ],
            Some(paths::api::case(&aslug, &c.key)),
        )
        .canonical(paths::case(&aslug, &c.key))
        .description(format!(
            "Ärende {} {}: varje sammanträde och paragraf där ärendet behandlats, {}.",
            c.dnr, c.title, c.authority.name
        )),
        authority_url: paths::authority(&aslug),
        handlings,
        c,
    })
}

// ---------------------------------------------------------------- files

/// Whether a path segment is a hex SHA-256.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `Content-Disposition` with the original name: an ASCII fallback plus the UTF-8 name
/// (RFC 6266 / 5987), so "Protokoll för nämnden.pdf" survives every browser.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        text::encode_segment(name)
    )
}

/// `/filer/{sha256}`: the original file, as imported.
pub async fn download(
    State(state): State<AppState>,
    PagePath(sha): PagePath<String>,
) -> Result<Response, PageError> {
    if !is_sha256(&sha) {
        return Err(Failure::bad_request(
            format!("”{sha}” är inte en giltig filidentitet (64 hexadecimala tecken)."),
            format!("{sha:?} is not a hex SHA-256"),
        )
        .into());
    }
    let file = state
        .store
        .file(&sha.to_ascii_lowercase())
        .await?
        .ok_or_else(|| Failure::not_found("Filen", format!("file {sha}")))?;
    let content_type = HeaderValue::from_str(&file.info.media_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(&file.info.name))
        .unwrap_or(HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                // Content-addressed: the bytes behind a hash never change.
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        file.bytes,
    )
        .into_response())
}

// ---------------------------------------------------------------- errors

/// The Swedish error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// The frame.
    pub layout: Layout,
    /// "Sidan finns inte".
    pub heading: String,
    /// What was not found, or what went wrong.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disposition_keeps_the_original_name() {
        assert_eq!(
            content_disposition("protokoll nämnd.pdf"),
            "attachment; filename=\"protokoll n_mnd.pdf\"; filename*=UTF-8''protokoll%20n%C3%A4mnd.pdf"
        );
    }

    #[test]
    fn sha_check() {
        assert!(is_sha256(&"a".repeat(64)));
        assert!(!is_sha256("abc"));
        assert!(!is_sha256(&"g".repeat(64)));
    }
}
