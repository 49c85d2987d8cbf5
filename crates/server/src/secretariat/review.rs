//! The review of imported minutes (issue 16): the page `/kansli/granskning` lists imported
//! minutes with fields the parser read unsure or warned about, newest first; the page
//! `/kansli/granskning/{a}/{b}/{m}` shows each key field with its value, confidence and
//! warnings and a form to correct or confirm it, beside the original (a PDF at the field's
//! page, or the text itself); and the API operations `listImportReviews`, `getImportReview`
//! and `correctImportedField` do the same for programs.
//!
//! Who: the body's sekreterare (the person who answers for its minutes) and an administratör
//! (who already corrects imports, `/kansli/admin/moten`); a registrator keeps the diarium, not
//! the minutes, and a ledamot signs them, so both get 403. The original is served here to
//! those callers only, whatever the minutes' masks: the public `/filer/{sha256}` refuses
//! originals of masked minutes, and nothing here is public.
//!
//! The store applies a correction through the import's own writer and audits it
//! ([`kansli_store::Store::correct_imported_field`]).

use askama::Template;
use axum::Form;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kansli_auth::Role;
use kansli_core::protocol::ParsedProtocol;
use kansli_core::review::{FieldKind, ReviewField, WarningConcerns, fields_of};
use kansli_store::{FieldCorrection, ImportReview, ReviewScope, StoreError};
use serde::Deserialize;
use serde_json::{Value, json};

use super::access::Caller;
use super::api::Body;
use super::pages::{Frame, message_page, render};
use super::problem::Problem;
use crate::AppState;

/// Where the list lives.
pub const PATH: &str = "/kansli/granskning";
/// Minutes per page of the list.
const PER_PAGE: u32 = 25;

/// Which meetings a caller reviews: every one for an administrator, else the bodies they are
/// secretary of.
fn scope(caller: &Caller) -> ReviewScope {
    if caller.user.grants.iter().any(|g| g.role == Role::Admin) {
        return ReviewScope::All;
    }
    ReviewScope::Bodies(
        caller
            .user
            .grants
            .iter()
            .filter(|g| g.role == Role::Secretary)
            .filter_map(|g| g.authority.clone().zip(g.body.clone()))
            .collect(),
    )
}

fn base(a: &str, b: &str, m: &str) -> String {
    format!("{PATH}/{a}/{b}/{m}")
}

fn original_url(a: &str, b: &str, m: &str, sha256: &str) -> String {
    format!("{}/original/{sha256}", base(a, b, m))
}

/// The page of the original a field was read from, when the parser knows it: a paragraph's
/// page from the ärendelista's page column; the cover's fields are on page 1.
fn page_of(p: &ParsedProtocol, field: &ReviewField) -> u32 {
    if let ReviewField::ItemTitle(n) = field
        && let Some(pages) = p
            .agenda
            .iter()
            .find(|e| e.paragraph == *n)
            .and_then(|e| e.pages.as_deref())
    {
        let digits: String = pages
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(page) = digits.parse::<u32>()
            && (1..=10_000).contains(&page)
        {
            return page;
        }
    }
    1
}

fn kind_api(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::Date => "date",
        FieldKind::Time => "time",
        FieldKind::List => "list",
        FieldKind::ConfirmOnly => "confirm_only",
    }
}

/// One field as the page and the API show it.
struct FieldView {
    field: ReviewField,
    path: String,
    id: String,
    label: String,
    kind: FieldKind,
    value: Vec<String>,
    confidence: Option<f32>,
    shaky: bool,
    warnings: Vec<String>,
    /// The last correction or confirmation of it.
    confirmed: Option<FieldCorrection>,
    page: u32,
}

impl FieldView {
    fn percent(&self) -> String {
        self.confidence
            .map(|c| format!("{:.0} %", (c * 100.0).clamp(0.0, 100.0)))
            .unwrap_or_else(|| "okänd".into())
    }

    fn value_text(&self) -> String {
        self.value.join("\n")
    }

    fn is_list(&self) -> bool {
        self.kind == FieldKind::List
    }

    fn input_type(&self) -> &'static str {
        match self.kind {
            FieldKind::Date => "date",
            FieldKind::Time => "time",
            _ => "text",
        }
    }

    fn correctable(&self) -> bool {
        self.kind != FieldKind::ConfirmOnly
    }

    fn shown_warnings(&self) -> Vec<ShownWarning> {
        self.warnings.iter().map(|w| ShownWarning::of(w)).collect()
    }

    fn is_title(&self) -> bool {
        matches!(self.field, ReviewField::ItemTitle(_))
    }

    fn confirmed_text(&self) -> Option<String> {
        self.confirmed.as_ref().map(|c| {
            format!(
                "{} av {}, {}",
                if c.action == "correct" {
                    "Rättat"
                } else {
                    "Bekräftat"
                },
                c.by,
                super::pages::local_time(&c.at)
            )
        })
    }
}

/// A warning of the reading as the page shows it: in Swedish where Kansli knows the wording
/// (`kansli_core::warnings`), else as the parser wrote it, marked as English for screen readers.
struct ShownWarning {
    text: String,
    english: bool,
}

impl ShownWarning {
    fn of(warning: &str) -> Self {
        match kansli_core::warnings::in_swedish(warning) {
            Some(text) => ShownWarning {
                text,
                english: false,
            },
            None => ShownWarning {
                text: warning.to_owned(),
                english: true,
            },
        }
    }
}

fn views(review: &ImportReview) -> Vec<FieldView> {
    let p = &review.reading;
    let confirmed = review.confirmed();
    // The warnings are matched against their templates once for all the fields.
    let concerns = WarningConcerns::of(p);
    fields_of(p)
        .into_iter()
        .map(|field| {
            let path = field.path();
            let last = review
                .corrections
                .iter()
                .rev()
                .find(|c| c.field == path)
                .cloned();
            FieldView {
                id: format!("falt-{}", path.replace('.', "-")),
                label: field.label(),
                kind: field.kind(),
                value: field.value(p),
                confidence: field.confidence(p),
                shaky: field.is_shaky_among(p, confirmed.contains(&path), &concerns),
                warnings: field
                    .warnings_among(p, &concerns)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                confirmed: last,
                page: page_of(p, &field),
                path,
                field,
            }
        })
        .collect()
}

fn correction_json(c: &FieldCorrection) -> Value {
    json!({
        "id": c.id,
        "field": c.field,
        "action": c.action,
        "before": c.before,
        "after": c.after,
        "comment": c.comment,
        "by": c.by,
        "at": c.at,
    })
}

fn review_json(review: &ImportReview) -> Value {
    let m = &review.meeting;
    let (a, b, s) = (&m.authority_slug, &m.body_slug, &m.meeting_slug);
    json!({
        "meeting": {
            "id": m.meeting_id,
            "authority": {"slug": a, "name": m.authority_name},
            "body": {"slug": b, "name": m.body_name},
            "slug": s,
            "date": m.meeting_date,
        },
        "fields": views(review).iter().map(|f| json!({
            "field": f.path,
            "label": f.label,
            "kind": kind_api(f.kind),
            "value": f.value,
            "confidence": f.confidence,
            "shaky": f.shaky,
            "warnings": f.warnings,
            "page": f.page,
            "confirmed": f.confirmed.as_ref().map(correction_json),
        })).collect::<Vec<_>>(),
        "warnings": review.reading.warnings,
        "corrections": review.corrections.iter().map(correction_json).collect::<Vec<_>>(),
        "originals": review.originals.iter().map(|f| json!({
            "sha256": f.sha256,
            "name": f.name,
            "size": f.size,
            "media_type": f.media_type,
            "url": original_url(a, b, s, &f.sha256),
        })).collect::<Vec<_>>(),
    })
}

/// The query of the list (page and API).
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    page: Option<u32>,
    #[serde(default)]
    per_page: Option<u32>,
    #[serde(default)]
    sida: Option<u32>,
}

/// `GET /api/v1/import-reviews` (listImportReviews).
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, Problem> {
    let page = q.page.unwrap_or(1);
    if page == 0 || page > kansli_store::review::MAX_PAGE {
        return Err(Problem::unprocessable(format!(
            "page: between 1 and {}",
            kansli_store::review::MAX_PAGE
        )));
    }
    let per_page = q.per_page.unwrap_or(PER_PAGE);
    if per_page == 0 || per_page > kansli_store::review::MAX_PER_PAGE {
        return Err(Problem::unprocessable(format!(
            "per_page: between 1 and {}",
            kansli_store::review::MAX_PER_PAGE
        )));
    }
    let list = state
        .store
        .import_reviews(&scope(&caller), page, per_page)
        .await?;
    Ok(Json(json!({
        "data": list.items.iter().map(|i| {
            let m = &i.meeting;
            json!({
                "authority": m.authority_slug,
                "body": m.body_slug,
                "meeting": m.meeting_slug,
                "date": m.meeting_date,
                "authority_name": m.authority_name,
                "body_name": m.body_name,
                "fields": i.fields,
                "updated_at": i.updated_at,
                "links": {
                    "self": format!(
                        "/api/v1/authorities/{}/bodies/{}/meetings/{}/import-review",
                        m.authority_slug, m.body_slug, m.meeting_slug
                    ),
                    "page": base(&m.authority_slug, &m.body_slug, &m.meeting_slug),
                },
            })
        }).collect::<Vec<_>>(),
        "total": list.total,
        "page": page,
        "per_page": per_page,
    })))
}

async fn review_of(state: &AppState, a: &str, b: &str, m: &str) -> Result<ImportReview, Problem> {
    state
        .store
        .import_review(a, b, m)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))
}

/// `GET …/meetings/{m}/import-review` (getImportReview).
pub async fn get(
    State(state): State<AppState>,
    Path((a, b, m)): Path<(String, String, String)>,
) -> Result<Json<Value>, Problem> {
    Ok(Json(review_json(&review_of(&state, &a, &b, &m).await?)))
}

/// A value in correctImportedField: one line, or a list of lines.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ValueIn {
    /// One line (a list may also be sent as lines separated by newlines).
    One(String),
    /// A list.
    Many(Vec<String>),
}

/// correctImportedField's body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectBody {
    field: String,
    action: String,
    #[serde(default)]
    value: Option<ValueIn>,
    #[serde(default)]
    comment: Option<String>,
}

/// `POST …/meetings/{m}/import-review` (correctImportedField): corrects or confirms a field.
pub async fn correct(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Body(body): Body<CorrectBody>,
) -> Result<Json<Value>, Problem> {
    let field =
        ReviewField::parse(&body.field).map_err(|e| Problem::unprocessable(e.to_string()))?;
    let value: Option<Vec<String>> = match (body.action.as_str(), body.value) {
        ("confirm", None) => None,
        ("confirm", Some(_)) => {
            return Err(Problem::unprocessable(
                "value: a confirmation keeps the value read; send no value",
            ));
        }
        ("correct", Some(ValueIn::One(v))) => Some(vec![v]),
        ("correct", Some(ValueIn::Many(v))) => Some(v),
        ("correct", None) => {
            return Err(Problem::unprocessable(
                "value: required to correct a field (an empty string clears it)",
            ));
        }
        (other, _) => {
            return Err(Problem::unprocessable(format!(
                "action: {other:?} is neither \"correct\" nor \"confirm\""
            )));
        }
    };
    let done = state
        .store
        .correct_imported_field(
            &a,
            &b,
            &m,
            &field,
            value.as_deref(),
            body.comment.as_deref(),
            &caller.actor(),
        )
        .await?
        .ok_or_else(|| Problem::not_found(format!("no meeting {m} of {a}/{b}")))?;
    Ok(Json(json!({
        "correction": correction_json(&done),
        "field": field.path(),
        "confidence": 1.0,
    })))
}

/// One row of the list page.
struct ListRow {
    href: String,
    heading: String,
    date: String,
    fields: String,
    updated: String,
}

#[derive(Template)]
#[template(path = "kansli/granskning.html")]
struct ListPage {
    frame: Frame,
    rows: Vec<ListRow>,
    total: i64,
    page: u32,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
    error: Option<String>,
}

fn labels(paths: &[String]) -> String {
    paths
        .iter()
        .map(|p| ReviewField::parse(p).map_or_else(|_| p.clone(), |f| f.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `GET /kansli/granskning?sida=N`: the imported minutes to review.
pub async fn list_page(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Response {
    let page = q.sida.unwrap_or(1).clamp(1, kansli_store::review::MAX_PAGE);
    let (rows, total, error) = match state
        .store
        .import_reviews(&scope(&caller), page, PER_PAGE)
        .await
    {
        Ok(list) => (
            list.items
                .iter()
                .map(|i| {
                    let m = &i.meeting;
                    ListRow {
                        href: base(&m.authority_slug, &m.body_slug, &m.meeting_slug),
                        heading: format!("{}, {}", m.authority_name, m.body_name),
                        date: m.meeting_date.clone(),
                        fields: labels(&i.fields),
                        updated: super::pages::local_time(&i.updated_at),
                    }
                })
                .collect(),
            list.total,
            None,
        ),
        Err(e) => {
            tracing::error!(error = %e, "listing imported minutes to review");
            (
                Vec::new(),
                0,
                Some("Listan kunde inte visas just nu.".to_string()),
            )
        }
    };
    let pages = (total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE);
    let at = |n: u32| format!("{PATH}?sida={n}");
    render(
        StatusCode::OK,
        &ListPage {
            frame: Frame::new("Granska importerade protokoll", Some(&caller), PATH),
            rows,
            total,
            page,
            pages,
            prev: (page > 1).then(|| at(page - 1)),
            next: (i64::from(page) < pages).then(|| at(page + 1)),
            error,
        },
    )
}

/// The original beside the fields.
enum Original {
    /// A PDF, embedded at a page: its URL (without `#page`).
    Pdf { url: String, name: String },
    /// A text original, shown as it is.
    Text { text: String, name: String },
    /// None stored (or too large to show).
    None,
}

#[derive(Template)]
#[template(path = "kansli/granska.html")]
struct ReviewPage {
    frame: Frame,
    base: String,
    heading: String,
    public_url: String,
    header: Vec<FieldView>,
    titles: Vec<FieldView>,
    shaky: Vec<(String, String)>,
    original: Original,
    originals: Vec<(String, String)>,
    warnings: Vec<ShownWarning>,
    message: Option<(String, bool)>,
    /// The page of the original the frame opens at.
    page: u32,
}

async fn review_page(
    state: &AppState,
    caller: &Caller,
    (a, b, m): (&str, &str, &str),
    status: StatusCode,
    message: Option<(String, bool)>,
    focus: Option<&str>,
) -> Response {
    let review = match state.store.import_review(a, b, m).await {
        Ok(Some(r)) => r,
        Ok(None) => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Sammanträdet finns inte",
                "Det finns inget sådant sammanträde att granska.",
            );
        }
        Err(StoreError::Refused(_)) => {
            return message_page(
                StatusCode::CONFLICT,
                "Inget importerat protokoll",
                "Sammanträdet har inget importerat protokoll att granska. Protokoll som förs i Kansli ändras i protokollet självt.",
            );
        }
        Err(e) => return Problem::from(e).into_response(),
    };
    let mut original = Original::None;
    for f in &review.originals {
        let url = original_url(a, b, m, &f.sha256);
        if f.media_type.starts_with("application/pdf") {
            original = Original::Pdf {
                url,
                name: f.name.clone(),
            };
            break;
        }
        if f.media_type.starts_with("text/")
            && matches!(original, Original::None)
            && usize::try_from(f.size).is_ok_and(|s| s <= kansli_store::review::MAX_TEXT_ORIGINAL)
            && let Ok(Some(file)) = state.store.import_original(a, b, m, &f.sha256).await
        {
            original = Original::Text {
                text: String::from_utf8_lossy(&file.bytes).into_owned(),
                name: f.name.clone(),
            };
        }
    }
    let all = views(&review);
    let page = focus
        .and_then(|path| all.iter().find(|f| f.path == path))
        .map_or(1, |f| f.page);
    let shaky = all
        .iter()
        .filter(|f| f.shaky)
        .map(|f| (f.id.clone(), f.label.clone()))
        .collect();
    let (titles, header): (Vec<FieldView>, Vec<FieldView>) =
        all.into_iter().partition(FieldView::is_title);
    let base = base(a, b, m);
    let mt = &review.meeting;
    render(
        status,
        &ReviewPage {
            frame: Frame::new("Granska importerat protokoll", Some(caller), PATH),
            heading: format!(
                "{}, {} {}",
                mt.authority_name, mt.body_name, mt.meeting_date
            ),
            public_url: crate::paths::meeting(a, b, m),
            header,
            titles,
            shaky,
            original,
            originals: review
                .originals
                .iter()
                .map(|f| (original_url(a, b, m, &f.sha256), f.name.clone()))
                .collect(),
            warnings: review
                .reading
                .warnings
                .iter()
                .map(|w| ShownWarning::of(w))
                .collect(),
            message,
            page,
            base,
        },
    )
}

fn with_frames(mut response: Response) -> Response {
    // The original is embedded from this origin: the one page that frames anything.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    response
}

/// The query of the review page: which field was just saved.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    sparat: Option<String>,
}

/// `GET /kansli/granskning/{a}/{b}/{m}`: the review page.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Query(q): Query<PageQuery>,
) -> Response {
    let message = q.sparat.as_deref().map(|path| {
        let label = ReviewField::parse(path).map_or_else(|_| path.to_string(), |f| f.label());
        (
            format!("”{label}” är sparat. Ändringen syns i arkivet och står i granskningsloggen."),
            false,
        )
    });
    with_frames(
        review_page(
            &state,
            &caller,
            (&a, &b, &m),
            StatusCode::OK,
            message,
            q.sparat.as_deref(),
        )
        .await,
    )
}

/// The form correcting or confirming one field.
#[derive(Debug, Default, Deserialize)]
pub struct CorrectForm {
    #[serde(default)]
    falt: String,
    /// `ratta` or `bekrafta`.
    #[serde(default)]
    atgard: String,
    #[serde(default)]
    varde: String,
    #[serde(default)]
    kommentar: String,
}

/// What a refused value says on the page, in Swedish.
fn swedish(field: &ReviewField) -> String {
    let label = field.label();
    match field.kind() {
        FieldKind::Date => format!("”{label}”: ange ett datum som ÅÅÅÅ-MM-DD, eller lämna tomt."),
        FieldKind::Time => format!("”{label}”: ange en tid som TT:MM, eller lämna tomt."),
        FieldKind::ConfirmOnly => format!(
            "”{label}” rättas inte här, bara bekräftas. Ett sammanträde under fel myndighet eller organ flyttas av en administratör under Rätta import."
        ),
        FieldKind::List => format!("”{label}”: skriv ett namn per rad."),
        FieldKind::Text => {
            format!("”{label}”: skriv värdet på en rad (en paragrafs rubrik får inte vara tom).")
        }
    }
}

/// `POST /kansli/granskning/{a}/{b}/{m}`: corrects (`atgard=ratta`) or confirms
/// (`atgard=bekrafta`) one field, then back to the page.
pub async fn correct_form(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b, m)): Path<(String, String, String)>,
    Form(form): Form<CorrectForm>,
) -> Response {
    let at = (a.as_str(), b.as_str(), m.as_str());
    let again = |status: StatusCode, message: String| {
        let state = state.clone();
        let caller = &caller;
        async move {
            with_frames(review_page(&state, caller, at, status, Some((message, true)), None).await)
        }
    };
    let Ok(field) = ReviewField::parse(&form.falt) else {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Välj ett fält att rätta eller bekräfta.".into(),
        )
        .await;
    };
    let value = match form.atgard.as_str() {
        "ratta" => Some(vec![form.varde.clone()]),
        "bekrafta" => None,
        _ => {
            return again(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Välj Spara rättelse eller Bekräfta.".into(),
            )
            .await;
        }
    };
    let comment = Some(form.kommentar.as_str());
    match state
        .store
        .correct_imported_field(
            &a,
            &b,
            &m,
            &field,
            value.as_deref(),
            comment,
            &caller.actor(),
        )
        .await
    {
        Ok(Some(_)) => {
            let to = format!(
                "{}?sparat={}#{}",
                base(&a, &b, &m),
                field.path(),
                format_args!("falt-{}", field.path().replace('.', "-"))
            );
            let mut r = Redirect::to(&to).into_response();
            *r.status_mut() = StatusCode::SEE_OTHER;
            r
        }
        Ok(None) => message_page(
            StatusCode::NOT_FOUND,
            "Sammanträdet finns inte",
            "Det finns inget sådant sammanträde att granska.",
        ),
        Err(StoreError::Invalid(_)) => {
            again(StatusCode::UNPROCESSABLE_ENTITY, swedish(&field)).await
        }
        Err(StoreError::Refused(why)) => {
            again(
                StatusCode::CONFLICT,
                format!("Det gick inte att spara: {why}"),
            )
            .await
        }
        Err(e) => Problem::from(e).into_response(),
    }
}

/// `GET /kansli/granskning/{a}/{b}/{m}/original/{sha256}`: an original of the meeting's
/// minutes, for the review only (never cached, framed only by this origin).
pub async fn original(
    State(state): State<AppState>,
    Path((a, b, m, sha256)): Path<(String, String, String, String)>,
) -> Response {
    let file = match state.store.import_original(&a, &b, &m, &sha256).await {
        Ok(Some(file)) => file,
        Ok(None) | Err(StoreError::Refused(_)) => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Filen finns inte",
                "Sammanträdets protokoll har ingen sådan originalfil.",
            );
        }
        Err(e) => return Problem::from(e).into_response(),
    };
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&file.info.media_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    // ASCII only in the header: other letters become `_`.
    let name: String = file
        .info
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'"),
    );
    headers.insert(
        axum::http::HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("SAMEORIGIN"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use kansli_core::protocol::AgendaEntry;

    #[test]
    fn a_paragraph_opens_at_its_page_in_the_agenda() {
        let mut p = ParsedProtocol::new("KS", chrono::NaiveDate::MIN);
        p.agenda.push(AgendaEntry {
            paragraph: 61,
            dnr: None,
            title: "Budget".into(),
            pages: Some("6 - 7".into()),
        });
        assert_eq!(page_of(&p, &ReviewField::ItemTitle(61)), 6);
        assert_eq!(page_of(&p, &ReviewField::ItemTitle(62)), 1);
        assert_eq!(page_of(&p, &ReviewField::Chair), 1);
    }
}
