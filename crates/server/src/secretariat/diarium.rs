//! The registry and the diarium through the API: `createAuthority`, `createBody`, `addMember`,
//! `registerCase`, `getCaseRecord`, `closeCase` (and `reopenCase`), `addCaseDocument`,
//! `getDocumentFile`. Confidential documents are shown here, to staff, and nowhere public.

use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kansli_core::DnrFormat;
use kansli_store::{CaseRecord, DocumentRecord, NewAuthority, NewBody, NewDocument, NewMember};
use serde::Deserialize;
use serde_json::{Value, json};

use super::access::Caller;
use super::api::Body;
use super::problem::Problem;
use crate::AppState;

/// The body of `createAuthority`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAuthority {
    name: String,
    kind: String,
    #[serde(default)]
    dnr_series: Option<String>,
    #[serde(default)]
    dnr_format: Option<String>,
}

/// The kinds of authority: (as stored, in the contract's words).
const AUTHORITY_KINDS: &[(&str, &str)] = &[
    ("kommun", "kommun"),
    ("kommunalforbund", "kommunalförbund"),
    ("region", "region"),
];

/// The kinds of body: (as stored, in the contract's words).
const BODY_KINDS: &[(&str, &str)] = &[
    ("fullmaktige", "fullmäktige"),
    ("styrelse", "styrelse"),
    ("namnd", "nämnd"),
    ("gemensam_namnd", "gemensam nämnd"),
    ("direktion", "direktion"),
    ("beredning", "beredning"),
    ("utskott", "utskott"),
];

/// The stored kind a request names, in the contract's words or as stored, in any case.
fn stored_kind(kinds: &[(&'static str, &str)], kind: &str) -> Option<&'static str> {
    let kind = kansli_core::text::fold(kind);
    kinds
        .iter()
        .find(|(stored, words)| kind == *stored || kind == *words)
        .map(|(stored, _)| *stored)
}

fn authority_kind(kind: &str) -> Result<&'static str, Problem> {
    stored_kind(AUTHORITY_KINDS, kind)
        .ok_or_else(|| Problem::unprocessable("kind: one of kommun, kommunalförbund, region"))
}

/// A kind as stored (`namnd`, `kommunalforbund`) in the contract's words (`nämnd`,
/// `kommunalförbund`), as createAuthority and createBody take it.
fn contract_kind(stored: &str) -> &str {
    AUTHORITY_KINDS
        .iter()
        .chain(BODY_KINDS)
        .find(|(kind, _)| *kind == stored)
        .map_or(stored, |(_, words)| words)
}

/// A record as JSON with its `kind` in the contract's words.
fn with_contract_kind(record: impl serde::Serialize) -> Value {
    let mut v = json!(record);
    if let Some(kind) = v.get("kind").and_then(Value::as_str) {
        let kind = contract_kind(kind).to_string();
        v["kind"] = Value::String(kind);
    }
    v
}

fn created(status_new: bool, location: &str, body: Value) -> Response {
    let status = if status_new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut r = (status, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// `createAuthority`: 201, or 200 when an authority of that name (imported) was configured.
pub async fn create_authority(
    State(state): State<AppState>,
    caller: Caller,
    Body(body): Body<CreateAuthority>,
) -> Result<Response, Problem> {
    if body.name.trim().is_empty() || body.name.chars().count() > 200 {
        return Err(Problem::unprocessable("name: 1–200 characters"));
    }
    let kind = authority_kind(&body.kind)?;
    let series = body
        .dnr_series
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty());
    if series.as_ref().is_some_and(|s| s.chars().count() > 20) {
        return Err(Problem::unprocessable("dnr_series: at most 20 characters"));
    }
    let format = match body.dnr_format {
        Some(f) => DnrFormat::parse(&f, series.as_deref())
            .map_err(|e| Problem::unprocessable(format!("dnr_format: {e}")))?,
        None => DnrFormat::standard(),
    };
    let (record, new) = state
        .store
        .create_authority(
            &caller.actor(),
            &NewAuthority {
                name: body.name,
                kind: kind.into(),
                dnr_series: series,
                dnr_format: format,
            },
        )
        .await?;
    let location = format!("/api/v1/authorities/{}", record.slug);
    Ok(created(new, &location, with_contract_kind(&record)))
}

/// The body of `createBody`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    name: String,
    kind: String,
    #[serde(default)]
    seats: Option<i64>,
    #[serde(default)]
    prepares_for: Option<String>,
    #[serde(default)]
    joint_for: Vec<String>,
}

fn body_kind(kind: &str) -> Result<&'static str, Problem> {
    stored_kind(BODY_KINDS, kind).ok_or_else(|| {
        Problem::unprocessable(
            "kind: one of fullmäktige, styrelse, nämnd, direktion, beredning, utskott",
        )
    })
}

/// `createBody`.
pub async fn create_body(
    State(state): State<AppState>,
    caller: Caller,
    Path(a): Path<String>,
    Body(body): Body<CreateBody>,
) -> Result<Response, Problem> {
    if body.name.trim().is_empty() || body.name.chars().count() > 200 {
        return Err(Problem::unprocessable("name: 1–200 characters"));
    }
    let kind = body_kind(&body.kind)?;
    if body.seats.is_some_and(|s| !(1..=1000).contains(&s)) {
        return Err(Problem::unprocessable("seats: between 1 and 1000"));
    }
    if body.joint_for.len() > 50 {
        return Err(Problem::unprocessable("joint_for: at most 50 authorities"));
    }
    let result = state
        .store
        .create_body(
            &caller.actor(),
            &a,
            &NewBody {
                name: body.name,
                kind: kind.into(),
                seats: body.seats,
                prepares_for: body.prepares_for,
                joint_for: body.joint_for,
            },
        )
        .await
        .map_err(|e| match e {
            kansli_store::StoreError::Refused(d) => Problem::unprocessable(d),
            other => Problem::from(other),
        })?;
    let (record, new) = result.ok_or_else(|| Problem::not_found(format!("no authority {a}")))?;
    let location = format!(
        "/api/v1/authorities/{}/bodies/{}",
        record.authority, record.slug
    );
    Ok(created(new, &location, with_contract_kind(&record)))
}

/// The body of `addMember`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddMember {
    name: String,
    role: String,
    #[serde(default)]
    party: Option<String>,
    #[serde(default)]
    represents: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    substitute_order: Option<i64>,
    /// The person's e-mail, linking the seat to their account (optional).
    #[serde(default)]
    email: Option<String>,
}

fn date_field(field: &str, value: Option<String>) -> Result<Option<String>, Problem> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(|d| Some(d.to_string()))
            .map_err(|_| Problem::unprocessable(format!("{field}: a date YYYY-MM-DD"))),
    }
}

/// `addMember`.
pub async fn add_member(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, b)): Path<(String, String)>,
    Body(body): Body<AddMember>,
) -> Result<Response, Problem> {
    if body.name.trim().is_empty() || body.name.chars().count() > 200 {
        return Err(Problem::unprocessable("name: 1–200 characters"));
    }
    let role = match body.role.as_str() {
        r @ ("chair" | "vice_chair" | "member" | "substitute" | "observer") => r.to_string(),
        _ => {
            return Err(Problem::unprocessable(
                "role: one of chair, vice_chair, member, substitute, observer",
            ));
        }
    };
    let from = date_field("from", body.from)?;
    let to = date_field("to", body.to)?;
    if let (Some(f), Some(t)) = (&from, &to)
        && f > t
    {
        return Err(Problem::unprocessable("to: before from"));
    }
    let email = match body
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        Some(e) => Some(
            kansli_auth::Email::parse(e)
                .map_err(|_| Problem::unprocessable("email: an e-mail address"))?
                .as_str()
                .to_string(),
        ),
        None => None,
    };
    let member = NewMember {
        name: body.name,
        role,
        party: body.party,
        represents: body.represents,
        from,
        to,
        substitute_order: body.substitute_order,
        email,
    };
    let (id, warnings) = state
        .store
        .add_member(&caller.actor(), &a, &b, &member)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no body {a}/{b}")))?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": id, "name": member.name, "role": member.role, "party": member.party,
            "represents": member.represents, "from": member.from, "to": member.to,
            "substitute_order": member.substitute_order, "email": member.email,
            "warnings": warnings,
        })),
    )
        .into_response())
}

/// The body of `registerCase`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterCase {
    title: String,
    #[serde(default)]
    handler: Option<String>,
}

fn case_json(c: &CaseRecord) -> Value {
    json!({
        "dnr": c.dnr,
        "key": c.key,
        "title": c.title,
        "handler": c.handler,
        "status": c.status,
        "origin": c.origin,
        "created_at": c.created_at,
        "closed_at": c.closed_at,
        "version": c.version,
        "links": {
            "self": format!("/api/v1/authorities/{}/cases/{}/record", c.authority, c.key),
            "documents": format!("/api/v1/authorities/{}/cases/{}/documents", c.authority, c.key),
        },
    })
}

/// `registerCase`: the next Dnr of the authority's series.
pub async fn register_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(a): Path<String>,
    Body(body): Body<RegisterCase>,
) -> Result<Response, Problem> {
    let title = body.title.trim();
    if title.is_empty() || title.chars().count() > 500 {
        return Err(Problem::unprocessable("title: 1–500 characters"));
    }
    let case = state
        .store
        .register_case(&caller.actor(), &a, title, body.handler.as_deref())
        .await?
        .ok_or_else(|| Problem::not_found(format!("no authority {a}")))?;
    let location = format!(
        "/api/v1/authorities/{}/cases/{}/record",
        case.authority, case.key
    );
    Ok(created(true, &location, case_json(&case)))
}

fn document_json(d: &DocumentRecord) -> Value {
    json!({
        "id": d.id,
        "title": d.title,
        "direction": d.direction,
        "confidential": d.confidential,
        "secrecy_ground": d.secrecy_ground,
        "sha256": d.sha256,
        "size": d.size,
        "media_type": d.media_type,
        "file_name": d.file_name,
        "registered_at": d.registered_at,
        "version": d.version,
        "links": {"file": format!("/api/v1/documents/{}", d.id)},
    })
}

/// `getCaseRecord`: the case with every document (confidential ones too) and every paragraph
/// where it was handled.
pub async fn case_record(
    State(state): State<AppState>,
    Path((a, key)): Path<(String, String)>,
) -> Result<Response, Problem> {
    let file = state
        .store
        .case_file(&a, &key)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no case {key} in {a}")))?;
    let mut v = case_json(&file.case);
    v["documents"] = file.documents.iter().map(document_json).collect();
    v["handled"] = file
        .handled
        .iter()
        .map(|h| {
            // Minutes not yet justerade are no public page: no link to one.
            let web = h
                .is_public()
                .then(|| format!("/{a}/{}/{}/paragraf/{}", h.body, h.meeting, h.paragraph));
            json!({
                "body": h.body, "body_name": h.body_name, "meeting_date": h.meeting_date,
                "paragraph": h.paragraph, "title": h.title, "minutes_state": h.minutes_state,
                "web": web,
            })
        })
        .collect();
    v["on_agenda"] = file
        .on_agenda
        .iter()
        .map(|x| {
            json!({
                "body": x.body, "body_name": x.body_name, "meeting": x.meeting,
                "meeting_date": x.meeting_date, "position": x.position,
                "kallelse_issued": x.kallelse_issued,
                "web": format!("/{a}/{}/{}", x.body, x.meeting),
            })
        })
        .collect();
    Ok(Json(v).into_response())
}

/// `listCaseDocuments`: `GET …/cases/{key}/documents` → `{data: [document]}`, the case's
/// documents (confidential ones too), oldest first: where `links.documents` leads.
pub async fn case_documents(
    State(state): State<AppState>,
    Path((a, key)): Path<(String, String)>,
) -> Result<Json<Value>, Problem> {
    let file = state
        .store
        .case_file(&a, &key)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no case {key} in {a}")))?;
    Ok(Json(json!({
        "data": file.documents.iter().map(document_json).collect::<Vec<_>>(),
    })))
}

/// The body of `closeCase` and `reopenCase`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    #[serde(default)]
    version: Option<i64>,
}

async fn set_status(
    state: &AppState,
    caller: &Caller,
    a: &str,
    key: &str,
    closed: bool,
    version: Option<i64>,
) -> Result<Response, Problem> {
    // A write sends the version it read (the contract's concurrency rule): without one, a
    // close could overwrite a change the caller never saw.
    let version = version.ok_or_else(|| {
        Problem::bad_request(
            "version: send the case's version you read (in the body or as If-Match)",
        )
    })?;
    let case = state
        .store
        .set_case_status(&caller.actor(), a, key, closed, Some(version))
        .await?
        .ok_or_else(|| Problem::not_found(format!("no case {key} in {a}")))?;
    Ok(Json(case_json(&case)).into_response())
}

/// The body of `updateCase`: what to correct, and the version read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseCorrection {
    #[serde(default)]
    version: Option<i64>,
    #[serde(default)]
    title: Option<String>,
    /// An empty string removes the handläggare.
    #[serde(default)]
    handler: Option<String>,
}

/// The version a write names (body or If-Match), or 400.
fn version_required(version: Option<i64>, headers: &HeaderMap, what: &str) -> Result<i64, Problem> {
    super::agenda::version_of(version, headers).ok_or_else(|| {
        Problem::bad_request(format!(
            "version: send the {what}'s version you read (in the body or as If-Match)"
        ))
    })
}

/// `updateCase`: `PATCH …/cases/{key}/record` `{version, title?, handler?}` → the case; a
/// registered case's title or handläggare corrected (audited). 409 stale, 422 an empty title.
pub async fn update_case(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, key)): Path<(String, String)>,
    Body(body): Body<CaseCorrection>,
) -> Result<Response, Problem> {
    let version = version_required(body.version, &headers, "case")?;
    if body
        .title
        .as_deref()
        .is_some_and(|t| t.chars().count() > 500)
    {
        return Err(Problem::unprocessable("title: at most 500 characters"));
    }
    let case = state
        .store
        .update_case(
            &caller.actor(),
            &a,
            &key,
            version,
            &kansli_store::CaseChange {
                title: body.title,
                handler: body.handler,
            },
        )
        .await?
        .ok_or_else(|| Problem::not_found(format!("no case {key} in {a}")))?;
    Ok(Json(case_json(&case)).into_response())
}

/// The body of `updateDocument`: what to correct, and the version read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentCorrection {
    #[serde(default)]
    version: Option<i64>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    direction: Option<String>,
    #[serde(default)]
    confidential: Option<bool>,
    #[serde(default)]
    secrecy_ground: Option<String>,
}

/// `updateDocument`: `PATCH …/cases/{key}/documents/{id}` `{version, title?, direction?,
/// confidential?, secrecy_ground?}` → the document; its registration corrected (never its
/// content), audited. 409 stale, 422 an empty title or unknown direction.
pub async fn update_document(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, key, id)): Path<(String, String, String)>,
    Body(body): Body<DocumentCorrection>,
) -> Result<Response, Problem> {
    let id: i64 = id
        .parse()
        .map_err(|_| Problem::bad_request("id: expected a number"))?;
    let version = version_required(body.version, &headers, "document")?;
    if body
        .title
        .as_deref()
        .is_some_and(|t| t.chars().count() > 500)
    {
        return Err(Problem::unprocessable("title: at most 500 characters"));
    }
    let document = state
        .store
        .update_document(
            &caller.actor(),
            &a,
            &key,
            id,
            version,
            &kansli_store::DocumentChange {
                title: body.title,
                direction: body.direction,
                confidential: body.confidential,
                secrecy_ground: body.secrecy_ground,
            },
        )
        .await?
        .ok_or_else(|| Problem::not_found(format!("no document {id} of case {key} in {a}")))?;
    Ok(Json(document_json(&document)).into_response())
}

/// `closeCase`.
pub async fn close_case(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, key)): Path<(String, String)>,
    Body(body): Body<StatusChange>,
) -> Result<Response, Problem> {
    let version = super::agenda::version_of(body.version, &headers);
    set_status(&state, &caller, &a, &key, true, version).await
}

/// `reopenCase`.
pub async fn reopen_case(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((a, key)): Path<(String, String)>,
    Body(body): Body<StatusChange>,
) -> Result<Response, Problem> {
    let version = super::agenda::version_of(body.version, &headers);
    set_status(&state, &caller, &a, &key, false, version).await
}

/// The media type of a document, from its content (never from its name or the client's word).
pub(crate) fn media_type(bytes: &[u8]) -> String {
    match infer::get(bytes) {
        Some(kind) => kind.mime_type().to_string(),
        None if std::str::from_utf8(bytes).is_ok() => "text/plain; charset=utf-8".into(),
        None => "application/octet-stream".into(),
    }
}

fn too_large(state: &AppState) -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "file: larger than the limit of {} MB",
            state.auth.max_upload / (1024 * 1024)
        ),
    )
}

/// `addCaseDocument`: multipart `file`, `title`, `direction`, `confidential`
/// (`secrecy_ground` when confidential).
pub async fn add_case_document(
    State(state): State<AppState>,
    caller: Caller,
    Path((a, key)): Path<(String, String)>,
    multipart: Multipart,
) -> Result<Response, Problem> {
    let upload = match super::upload::read(multipart).await {
        Ok(u) => u,
        Err(super::upload::UploadError::TooLarge) => return Err(too_large(&state)),
        Err(super::upload::UploadError::Malformed(why)) => {
            return Err(Problem::bad_request(format!("multipart: {why}")));
        }
    };
    // A misspelt part ("secrecy_grund") would otherwise store a document without what it said.
    if let Some(name) = upload.unknown.first() {
        return Err(Problem::unprocessable(format!(
            "multipart: unknown part {name:?} (the parts are file, title, direction, confidential and secrecy_ground)"
        )));
    }
    let confidential = match upload.confidential.as_deref().map(str::trim) {
        Some("true" | "1" | "on" | "ja") => true,
        None | Some("false" | "0" | "" | "nej") => false,
        Some(_) => return Err(Problem::bad_request("confidential: true or false")),
    };
    let ground = upload.secrecy_ground.filter(|g| !g.trim().is_empty());
    let (title, direction, file_name) = (
        upload.title,
        upload.direction,
        upload.file_name.unwrap_or_else(|| "dokument".into()),
    );
    let file = upload.file;
    let file = file.ok_or_else(|| Problem::bad_request("file: missing"))?;
    if file.is_empty() {
        return Err(Problem::unprocessable("file: empty"));
    }
    let title = title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && t.chars().count() <= 500)
        .ok_or_else(|| Problem::unprocessable("title: 1–500 characters"))?;
    for (part, text) in [
        ("title", Some(&title)),
        ("secrecy_ground", ground.as_ref()),
        ("file's name", Some(&file_name)),
    ] {
        if let Some(c) = text.and_then(|t| kansli_core::text::forbidden_char(t)) {
            return Err(Problem::forbidden_char(part, c));
        }
    }
    let direction = match direction.as_deref().map(str::trim) {
        Some(d @ ("incoming" | "outgoing" | "internal")) => d.to_string(),
        _ => {
            return Err(Problem::unprocessable(
                "direction: one of incoming, outgoing, internal",
            ));
        }
    };
    let document = NewDocument {
        title,
        direction,
        confidential,
        secrecy_ground: ground,
        media_type: media_type(&file),
        file_name,
        content: file,
    };
    let record = state
        .store
        .add_case_document(&caller.actor(), &a, &key, &document)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no case {key} in {a}")))?;
    let mut body = document_json(&record);
    let mut warnings = Vec::new();
    if record.confidential && record.secrecy_ground.is_none() {
        // Taken as the contract allows, but said: a secrecy marking names the provision it
        // rests on (OSL 5 kap. 5 §); the web form asks for it, updateDocument adds it.
        warnings.push(
            "secrecy_ground: a confidential document should name the provision of OSL its secrecy rests on (OSL 5 kap. 5 §); add it with updateDocument".to_string(),
        );
    }
    if let Some(twin) = same_file_registered(&state, &a, &key, &record).await {
        warnings.push(format!(
            "file: the same file is registered on this case already, as document {} ({:?})",
            twin.id, twin.title
        ));
    }
    if !warnings.is_empty() {
        body["warnings"] = json!(warnings);
    }
    let mut r = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/documents/{}", record.id)) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

/// Another document of the case with the same content as `record` (the same file registered
/// twice, most often by mistake), if there is one: said, never refused (a handling may come in
/// twice on purpose).
pub(crate) async fn same_file_registered(
    state: &AppState,
    a: &str,
    key: &str,
    record: &DocumentRecord,
) -> Option<DocumentRecord> {
    let file = state.store.case_file(a, key).await.ok()??;
    file.documents
        .into_iter()
        .find(|d| d.id != record.id && d.sha256.is_some() && d.sha256 == record.sha256)
}

/// `getDocumentFile`: the bytes, for the authority's registrars and secretaries. A member
/// reads a document only once it is on an issued kallelse of their body (kallelser come with
/// the planning of meetings); until then a member is refused.
pub async fn document_file(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id: i64 = id
        .parse()
        .map_err(|_| Problem::bad_request("id: expected a number"))?;
    let (record, authority, bytes) = state
        .store
        .document_content(id)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no document {id}")))?;
    if !super::agenda::may_read_document(&state, &caller, &authority, id).await? {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "this document is not on an issued kallelse of your body",
        ));
    }
    let media = record
        .media_type
        .unwrap_or_else(|| "application/octet-stream".into());
    let name = record.file_name.unwrap_or_else(|| format!("dokument-{id}"));
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&media) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&crate::text::content_disposition("attachment", &name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(r)
}
