//! The secretariat's JSON API for accounts: `getMe`, `listUsers`, `createUser`, `updateUser`,
//! `listAuditEvents`, and one's own tokens. Errors are problem+json ([`Problem`]).

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kansli_auth::{ApiToken, Email, Grant, NewPassword};
use kansli_store::{AuditFilter, NewUser, User, UserChange};
use serde::Deserialize;
use serde_json::{Value, json};

use super::access::Caller;
use super::pages::grant_from;
use super::problem::Problem;
use crate::AppState;

/// A JSON body whose rejection is a problem+json 400 naming what was wrong.
pub struct Body<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for Body<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = Problem;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        // Read as a JSON value first, so that every string is looked at before anything is
        // stored: control and bidirectional-override characters are refused wherever they are.
        match Json::<Value>::from_request(req, state).await {
            Ok(Json(v)) => {
                if let Some((path, c)) = forbidden_in(&v, &mut String::new()) {
                    return Err(Problem::forbidden_char(&path, c));
                }
                from_value(v).map(Body)
            }
            Err(JsonRejection::JsonDataError(e)) => Err(Problem::bad_request(e.body_text())),
            Err(JsonRejection::JsonSyntaxError(e)) => Err(Problem::bad_request(e.body_text())),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the body as JSON with Content-Type: application/json",
            )),
            Err(e) => Err(Problem::new(e.status(), e.body_text())),
        }
    }
}

/// A request body already read as JSON (and checked for forbidden characters), as `T`; 400
/// naming the path of what does not fit (`record.items[2].paragraph: invalid type …`).
pub fn from_value<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, Problem> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." {
            Problem::bad_request(format!("the body: {inner}"))
        } else {
            Problem::bad_request(format!("{path}: {inner}"))
        }
    })
}

/// The first string (or object key) in `value` holding a character text may never hold
/// ([`kansli_core::text::forbidden_char`]), with its path (`record.items[2].title`). The
/// depth is bounded by the JSON parser's own limit.
fn forbidden_in(value: &Value, path: &mut String) -> Option<(String, char)> {
    let here = |path: &String| {
        if path.is_empty() {
            "the body".to_string()
        } else {
            path.clone()
        }
    };
    match value {
        Value::String(s) => kansli_core::text::forbidden_char(s).map(|c| (here(path), c)),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let found = forbidden_in(item, path);
            path.truncate(len);
            found
        }),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            if let Some(c) = kansli_core::text::forbidden_char(key) {
                // The key itself is named escaped, never echoed as it came.
                return Some((format!("{} (the key {key:?})", here(path)), c));
            }
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
            let found = forbidden_in(item, path);
            path.truncate(len);
            found
        }),
        _ => None,
    }
}

fn grant_json(g: &Grant) -> Value {
    json!({"role": g.role.api(), "authority": g.authority, "body": g.body})
}

fn user_json(u: &User) -> Value {
    json!({
        "id": u.id,
        "email": u.email,
        "name": u.name,
        "roles": u.grants.iter().map(grant_json).collect::<Vec<_>>(),
        "disabled": u.disabled,
        "has_password": u.has_password,
        "created_at": u.created_at,
        "version": u.version,
        "links": {"self": format!("/api/v1/users/{}", u.id)},
    })
}

/// `getMe`.
pub async fn me(caller: Caller) -> Response {
    Json(json!({
        "email": caller.user.email,
        "name": caller.user.name,
        "roles": caller.user.grants.iter().map(grant_json).collect::<Vec<_>>(),
    }))
    .into_response()
}

/// `listUsers`.
pub async fn users(State(state): State<AppState>) -> Result<Response, Problem> {
    let users = state.store.users().await?;
    Ok(Json(json!({ "data": users.iter().map(user_json).collect::<Vec<_>>() })).into_response())
}

/// A role as the API sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleInput {
    role: String,
    #[serde(default)]
    authority: Option<String>,
    #[serde(default)]
    body: Option<String>,
}

fn grants_from(input: &[RoleInput]) -> Result<Vec<Grant>, Problem> {
    input
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let scope = match (&r.authority, &r.body) {
                (Some(a), Some(b)) => format!("{a}/{b}"),
                (Some(a), None) => a.clone(),
                (None, Some(b)) => b.clone(),
                (None, None) => String::new(),
            };
            grant_from(&r.role, &scope)
                .map_err(|e| Problem::unprocessable(format!("roles[{i}]: {e}")))
        })
        .collect()
}

async fn hash_password(
    candidate: String,
    email: String,
    name: String,
) -> Result<kansli_auth::PasswordHash, Problem> {
    tokio::task::spawn_blocking(move || {
        NewPassword::parse(&candidate, &email, &name).and_then(|p| p.hash())
    })
    .await
    .map_err(|_| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "hashing failed"))?
    .map_err(|e| match e {
        kansli_auth::AuthError::Password(_) => Problem::unprocessable(format!("password: {e}")),
        other => Problem::from(other),
    })
}

/// The body of `createUser`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    email: String,
    name: String,
    #[serde(default)]
    roles: Vec<RoleInput>,
    #[serde(default)]
    password: Option<String>,
}

/// `createUser`: 201 with `Location`.
pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    Body(body): Body<CreateUser>,
) -> Result<Response, Problem> {
    let email =
        Email::parse(&body.email).map_err(|e| Problem::unprocessable(format!("email: {e}")))?;
    if body.name.trim().is_empty() || body.name.len() > 200 {
        return Err(Problem::unprocessable(
            "name: give the person's name (1–200 bytes)",
        ));
    }
    let grants = grants_from(&body.roles)?;
    let password = match body.password {
        Some(p) => Some(hash_password(p, email.to_string(), body.name.clone()).await?),
        None => None,
    };
    let user = state
        .store
        .create_user(
            &caller.actor(),
            &NewUser {
                email,
                name: body.name.trim().to_string(),
                password,
                grants,
            },
        )
        .await?;
    let mut response = (StatusCode::CREATED, Json(user_json(&user))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/users/{}", user.id)) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// The body of `updateUser`: each field optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    roles: Option<Vec<RoleInput>>,
    #[serde(default)]
    disabled: Option<bool>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    version: Option<i64>,
}

/// The version an `If-Match: "N"` header names.
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, Problem> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    v.to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse().ok())
        .map(Some)
        .ok_or_else(|| Problem::bad_request("If-Match: expected a version such as \"3\""))
}

/// `updateUser`.
pub async fn update_user(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    Body(body): Body<UpdateUser>,
) -> Result<Response, Problem> {
    let id: i64 = id
        .parse()
        .map_err(|_| Problem::bad_request("id: expected a number"))?;
    let current = state
        .store
        .user(id)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no user {id}")))?;
    let version = body.version.or(if_match(&headers)?);
    let password = match body.password {
        Some(p) => Some(hash_password(p, current.email.clone(), current.name.clone()).await?),
        None => None,
    };
    if body.disabled == Some(true) && id == caller.user.id {
        return Err(Problem::unprocessable(
            "disabled: you cannot disable your own account",
        ));
    }
    let change = UserChange {
        name: match body.name {
            Some(n) if n.trim().is_empty() => {
                return Err(Problem::unprocessable("name: must not be empty"));
            }
            other => other,
        },
        grants: body.roles.as_deref().map(grants_from).transpose()?,
        disabled: body.disabled,
        password,
        version,
    };
    let user = state
        .store
        .update_user(&caller.actor(), id, &change)
        .await?
        .ok_or_else(|| Problem::not_found(format!("no user {id}")))?;
    Ok(Json(user_json(&user)).into_response())
}

/// The query of `listAuditEvents`.
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    actor: Option<String>,
    #[serde(default)]
    entity: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    limit: Option<u32>,
    #[serde(default)]
    page: Option<u32>,
}

fn instant_filter(field: &str, raw: Option<String>) -> Result<Option<String>, Problem> {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Ok(None);
    };
    let raw = raw.trim();
    if chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").is_ok() {
        return Ok(Some(raw.to_string()));
    }
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|t| {
            Some(
                t.with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            )
        })
        .map_err(|_| Problem::bad_request(format!("{field}: expected YYYY-MM-DD or RFC 3339")))
}

/// `listAuditEvents`.
pub async fn audit_events(
    State(state): State<AppState>,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let Query(query) = query.map_err(|e| Problem::bad_request(e.body_text()))?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(Problem::bad_request("limit: between 1 and 1000"));
    }
    let page = query.page.unwrap_or(1);
    if !(1..=1_000_000).contains(&page) {
        return Err(Problem::bad_request("page: from 1"));
    }
    let filter = AuditFilter {
        actor: query.actor,
        entity: query.entity,
        from: instant_filter("from", query.from)?,
        to: instant_filter("to", query.to)?,
        limit,
        offset: (page - 1).saturating_mul(limit),
    };
    let (events, total) = state.store.audit_events(&filter).await?;
    let data: Vec<Value> = events
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "at": e.at,
                "actor": e.actor,
                "via": e.via,
                "address": e.address,
                "action": e.action,
                "entity": e.entity,
                "before": e.before,
                "after": e.after,
            })
        })
        .collect();
    Ok(Json(json!({
        "data": data,
        "pagination": {"totalElements": total, "currentPage": page, "elementsPerPage": limit},
    }))
    .into_response())
}

fn token_json(t: &kansli_store::TokenInfo) -> Value {
    json!({
        "id": t.id,
        "label": t.label,
        "created_at": t.created_at,
        "last_used_at": t.last_used_at,
        "revoked_at": t.revoked_at,
    })
}

/// `listMyTokens`.
pub async fn my_tokens(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    let tokens = state.store.tokens(Some(caller.user.id)).await?;
    Ok(Json(json!({"data": tokens.iter().map(token_json).collect::<Vec<_>>()})).into_response())
}

/// The body of `createMyToken`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    #[serde(default)]
    label: Option<String>,
}

/// `createMyToken`: the token is in the response once, and never again.
pub async fn create_my_token(
    State(state): State<AppState>,
    caller: Caller,
    Body(body): Body<NewToken>,
) -> Result<Response, Problem> {
    let label: String = body
        .label
        .unwrap_or_else(|| "API".into())
        .trim()
        .chars()
        .take(100)
        .collect();
    let token = ApiToken::generate()?;
    let info = state
        .store
        .create_token(&caller.actor(), caller.user.id, &label, &token.hash())
        .await?;
    let mut v = token_json(&info);
    v["token"] = json!(token.reveal());
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `revokeMyToken`: 204.
pub async fn revoke_my_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id: i64 = id
        .parse()
        .map_err(|_| Problem::bad_request("id: expected a number"))?;
    if state
        .store
        .revoke_token(&caller.actor(), id, Some(caller.user.id))
        .await?
    {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(Problem::not_found(format!("no live token {id} of yours")))
    }
}
