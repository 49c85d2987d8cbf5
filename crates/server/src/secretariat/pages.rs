//! The secretariat's pages in Swedish: the login form, the start page per role, "Mina
//! uppgifter", the administrator's pages for accounts and the audit log.
//!
//! Every form carries the session's CSRF token (`csrf`), which the guard checks; the pages
//! work without JavaScript.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kansli_auth::{ApiToken, Email, Grant, NewPassword, Role};
use kansli_store::{AuditFilter, NewUser, User, UserChange};
use serde::Deserialize;

use super::access::Caller;
use crate::AppState;

/// The frame of every secretariat page.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The `<title>`, without the site name.
    pub title: String,
    /// The signed-in person's name, or `None` on the login page.
    pub user: Option<String>,
    /// The session's CSRF token for the logout form.
    pub csrf: String,
    /// The navigation: label, link, whether it is this page.
    pub nav: Vec<(String, String, bool)>,
    /// The stylesheet.
    pub css: String,
}

impl Frame {
    pub(crate) fn new(title: impl Into<String>, caller: Option<&Caller>, here: &str) -> Frame {
        let mut nav = vec![(
            "Översikt".to_string(),
            "/kansli".to_string(),
            here == "/kansli",
        )];
        if let Some(c) = caller {
            if c.user.grants.iter().any(|g| g.role == Role::Admin) {
                nav.push((
                    "Konton".into(),
                    "/kansli/admin/konton".into(),
                    here.starts_with("/kansli/admin/konton"),
                ));
                nav.push((
                    "Granskningslogg".into(),
                    "/kansli/admin/logg".into(),
                    here == "/kansli/admin/logg",
                ));
                nav.push((
                    "Rätta import".into(),
                    "/kansli/admin/moten".into(),
                    here == "/kansli/admin/moten",
                ));
            }
            // The review of imported minutes: administrators and secretaries.
            if c.user
                .grants
                .iter()
                .any(|g| matches!(g.role, Role::Admin | Role::Secretary))
            {
                nav.push((
                    "Granska import".into(),
                    "/kansli/granskning".into(),
                    here == "/kansli/granskning",
                ));
            }
            // The diarium of the first authority the person keeps it for.
            if let Some(a) = c
                .user
                .grants
                .iter()
                .filter(|g| matches!(g.role, Role::Registrar | Role::Secretary))
                .find_map(|g| g.authority.clone())
            {
                nav.push((
                    "Diariet".into(),
                    format!("/kansli/diarium/{a}"),
                    here == "/kansli/diarium",
                ));
            }
            // The meetings of the first body the person is secretary for.
            if let Some((a, b)) = c
                .user
                .grants
                .iter()
                .filter(|g| g.role == Role::Secretary)
                .find_map(|g| g.authority.clone().zip(g.body.clone()))
            {
                nav.push((
                    "Sammanträden".into(),
                    format!("/kansli/moten/{a}/{b}"),
                    here == "/kansli/moten",
                ));
                nav.push((
                    "Expediering".into(),
                    "/kansli/expediering".into(),
                    here == "/kansli/expediering",
                ));
            }
            nav.push((
                "Mina uppgifter".into(),
                "/kansli/mina-uppgifter".into(),
                here == "/kansli/mina-uppgifter",
            ));
        }
        Frame {
            title: title.into(),
            user: caller.map(|c| c.user.name.clone()),
            csrf: caller.map(|c| c.csrf().to_string()).unwrap_or_default(),
            nav: if caller.is_some() { nav } else { Vec::new() },
            css: crate::assets::css_url(),
        }
    }
}

pub(crate) fn render(status: StatusCode, t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => {
            let mut r = (status, Html(html)).into_response();
            // Pages behind a login are never cached by shared caches or the back button.
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => {
            tracing::error!(error = %e, "template error");
            (StatusCode::INTERNAL_SERVER_ERROR, "Ett fel uppstod.").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "kansli/message.html")]
struct MessagePage {
    frame: Frame,
    heading: String,
    message: String,
    status: u16,
    /// The page the refused form was on, as a link back: `(href, text)`.
    back: Option<(String, String)>,
}

/// A page with a heading and a message, for refusals and errors.
pub fn message_page(status: StatusCode, heading: &str, message: &str) -> Response {
    render(
        status,
        &MessagePage {
            frame: Frame::new(heading, None, ""),
            heading: heading.into(),
            message: message.into(),
            status: status.as_u16(),
            back: None,
        },
    )
}

/// A refusal of a form, with a link back to the page the form is on (`back`: the path, and
/// its text such as "Tillbaka till protokollet").
pub fn refusal_page(
    status: StatusCode,
    heading: &str,
    message: &str,
    back: (&str, &str),
) -> Response {
    render(
        status,
        &MessagePage {
            frame: Frame::new(heading, None, ""),
            heading: heading.into(),
            message: message.into(),
            status: status.as_u16(),
            back: Some((back.0.into(), back.1.into())),
        },
    )
}

/// What the login form shows.
#[derive(Debug, Clone, Default)]
pub struct LoginForm {
    /// A message above the form (an error, or "Du är utloggad").
    pub message: Option<String>,
    /// The e-mail typed before.
    pub email: String,
    /// Where to go after signing in.
    pub till: String,
    /// Whether the message is an error.
    pub error: bool,
}

#[derive(Template)]
#[template(path = "kansli/login.html")]
struct LoginPage {
    frame: Frame,
    form: LoginForm,
    csrf: String,
    local: bool,
    sso: bool,
    demo: Vec<(String, String, String)>,
}

/// The login page with the form's double-submit token.
pub fn login_page(state: &AppState, status: StatusCode, form: LoginForm, csrf: &str) -> Response {
    render(
        status,
        &LoginPage {
            frame: Frame::new("Logga in", None, "/logga-in"),
            form,
            csrf: csrf.to_string(),
            local: state.auth.local_login,
            sso: state.auth.oidc.is_some(),
            demo: state.auth.demo_accounts.clone(),
        },
    )
}

#[derive(Template)]
#[template(path = "kansli/login_required.html")]
struct LoginRequiredPage {
    frame: Frame,
    till: String,
    expired: bool,
}

/// 401 for a page: the way to the login, coming back here afterwards.
pub fn login_required_page(back: Option<&str>, expired: bool) -> Response {
    render(
        StatusCode::UNAUTHORIZED,
        &LoginRequiredPage {
            frame: Frame::new("Logga in", None, ""),
            till: super::login::safe_return(back),
            expired,
        },
    )
}

/// One role as the UI lists it: "sekreterare – Kommunalförbundet Itsam – Direktionen", with
/// the names of `scopes` (slug paths and names, from [`scope_options`]).
fn grant_text(g: &Grant, scopes: &[(String, String)]) -> String {
    match g.scope_text() {
        Some(scope) => {
            let name = scopes
                .iter()
                .find(|(slug, _)| *slug == scope)
                .map_or(scope.as_str(), |(_, name)| name.as_str());
            format!("{} – {name}", g.role.sv())
        }
        None if g.role == Role::Admin => g.role.sv().to_string(),
        None => format!("{} – alla myndigheter", g.role.sv()),
    }
}

/// A task on the start page.
struct Task {
    text: String,
    href: String,
}

/// A role's part of the start page.
struct RoleSection {
    heading: String,
    intro: String,
    tasks: Vec<Task>,
}

#[derive(Template)]
#[template(path = "kansli/start.html")]
struct StartPage {
    frame: Frame,
    name: String,
    sections: Vec<RoleSection>,
    no_role: bool,
}

/// The coming meetings of a body as tasks: for its secretary the agenda to build (and the
/// year's meetings), for a member each issued kallelse to read.
async fn meeting_tasks(
    state: &AppState,
    role: Role,
    (a, b, name): (&str, &str, &str),
    caller: &Caller,
    tasks: &mut Vec<Task>,
) {
    if role == Role::Secretary {
        tasks.push(Task {
            text: format!("Sammanträden och dagordningar ({name})"),
            href: format!("/kansli/moten/{a}/{b}"),
        });
    }
    let today_date = (state.today)();
    let today = today_date.to_string();
    let Ok(Some(meetings)) = state.store.body_calendar(a, b).await else {
        return;
    };
    // Minutes of the last three months being recorded or awaiting justering.
    let since = (today_date - chrono::Duration::days(92)).to_string();
    for m in meetings
        .iter()
        .filter(|m| m.date >= since && m.date <= today && m.status != "cancelled")
    {
        let Ok(Some(minutes)) = state.store.meeting_minutes(m.id).await else {
            continue;
        };
        if minutes.origin == "import" {
            continue;
        }
        let fold = kansli_core::text::fold;
        let me = fold(&caller.user.name);
        let signer = minutes
            .record
            .chair
            .as_deref()
            .is_some_and(|c| fold(c) == me)
            || minutes.record.justerare.iter().any(|j| fold(j) == me);
        match (role, minutes.state) {
            (Role::Secretary, kansli_core::record::MinutesState::Draft) => tasks.push(Task {
                text: format!("Protokoll {} {}: utkast", m.body_name, m.date),
                href: format!("/kansli/protokoll/{a}/{b}/{}", m.slug),
            }),
            (Role::Secretary, kansli_core::record::MinutesState::Released) => tasks.push(Task {
                text: format!("Protokoll {} {}: väntar på justering", m.body_name, m.date),
                href: format!("/kansli/justering/{a}/{b}/{}", m.slug),
            }),
            (Role::Member, kansli_core::record::MinutesState::Released) if signer => {
                let signed = state
                    .store
                    .minutes_signatures(m.id)
                    .await
                    .unwrap_or_default()
                    .iter()
                    .any(|s| s.user_id == Some(caller.user.id) && s.paragraphs.is_none());
                if !signed {
                    tasks.push(Task {
                        text: format!("Att justera: protokollet {} {}", m.body_name, m.date),
                        href: format!("/kansli/justering/{a}/{b}/{}", m.slug),
                    });
                }
            }
            _ => {}
        }
    }
    for m in meetings
        .iter()
        .filter(|m| m.status == "planned" && m.date >= today)
        .take(3)
    {
        let issued = matches!(
            state.store.meeting_agenda(a, b, &m.slug).await,
            Ok(Some(x)) if x.kallelse_issued_at.is_some()
        );
        match (role, issued) {
            (Role::Secretary, false) => tasks.push(Task {
                text: format!(
                    "{} {}: dagordning, kallelse ej utfärdad",
                    m.body_name, m.date
                ),
                href: format!("/kansli/moten/{a}/{b}/{}", m.slug),
            }),
            (_, true) => tasks.push(Task {
                text: format!("Kallelse: {} {}", m.body_name, m.date),
                href: format!("/kansli/kallelse/{a}/{b}/{}", m.slug),
            }),
            _ => {}
        }
    }
}

/// `GET /kansli`: what this person has to do, role by role.
pub async fn start(State(state): State<AppState>, caller: Caller) -> Response {
    let mut sections = Vec::new();
    let names = scope_options(&state).await;
    let named = |scope: &str| {
        names
            .iter()
            .find(|(slug, _)| slug == scope)
            .map_or_else(|| scope.to_string(), |(_, name)| name.clone())
    };
    let user = &caller.user;
    for role in Role::ALL {
        let grants: Vec<&Grant> = user.grants.iter().filter(|g| g.role == role).collect();
        if grants.is_empty() {
            continue;
        }
        // Scopes by name ("Kommunalförbundet Itsam – Direktionen"), never by slug.
        let scopes: Vec<String> = grants
            .iter()
            .filter_map(|g| g.scope_text())
            .map(|scope| named(&scope))
            .collect();
        let mut tasks = Vec::new();
        let (heading, intro) = match role {
            Role::Admin => {
                let users = state.store.users().await.unwrap_or_default();
                let without = users
                    .iter()
                    .filter(|u| u.grants.is_empty() && !u.disabled)
                    .count();
                if without > 0 {
                    tasks.push(Task {
                        text: format!(
                            "{without} {} väntar på en roll",
                            if without == 1 { "konto" } else { "konton" }
                        ),
                        href: "/kansli/admin/konton".into(),
                    });
                }
                tasks.push(Task {
                    text: format!("Hantera konton och roller ({} konton)", users.len()),
                    href: "/kansli/admin/konton".into(),
                });
                tasks.push(Task {
                    text: "Läs granskningsloggen".into(),
                    href: "/kansli/admin/logg".into(),
                });
                (
                    "Administratör".to_string(),
                    "Du hanterar konton, roller och behörigheter för alla myndigheter i Kansli."
                        .to_string(),
                )
            }
            Role::Registrar => (
                "Registrator".to_string(),
                format!(
                    "Du för diariet för {}: registrerar ärenden och handlingar.",
                    if scopes.is_empty() {
                        "alla myndigheter".to_string()
                    } else {
                        scopes.join(", ")
                    }
                ),
            ),
            Role::Secretary => (
                "Sekreterare".to_string(),
                format!(
                    "Du är sekreterare för {}. Sammanträden att förbereda och protokoll att justera visas här.",
                    scopes.join(", ")
                ),
            ),
            Role::Member => (
                "Ledamot eller ersättare".to_string(),
                format!(
                    "Du sitter i {}. Kallelser och protokoll att signera visas här.",
                    scopes.join(", ")
                ),
            ),
        };
        if matches!(role, Role::Registrar | Role::Secretary) {
            let mut authorities: Vec<String> =
                grants.iter().filter_map(|g| g.authority.clone()).collect();
            if grants.iter().any(|g| g.authority.is_none()) {
                authorities = state
                    .store
                    .authorities()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| a.authority.slug)
                    .collect();
            }
            authorities.sort();
            authorities.dedup();
            for a in authorities {
                let open = state
                    .store
                    .search_cases(
                        &a,
                        &kansli_store::CaseQuery {
                            status: Some("open".into()),
                            limit: 1,
                            ..Default::default()
                        },
                    )
                    .await
                    .map(|(_, n)| n)
                    .unwrap_or(0);
                tasks.push(Task {
                    text: format!("Diariet för {}: {open} pågående ärenden", named(&a)),
                    href: format!("/kansli/diarium/{a}"),
                });
            }
        }
        if matches!(role, Role::Secretary | Role::Member) {
            for g in &grants {
                if let (Some(a), Some(b)) = (&g.authority, &g.body) {
                    let name = named(&format!("{a}/{b}"));
                    meeting_tasks(&state, role, (a, b, &name), &caller, &mut tasks).await;
                    tasks.push(Task {
                        text: format!("Protokollen i arkivet ({})", named(&format!("{a}/{b}"))),
                        href: format!("/{a}/{b}"),
                    });
                }
            }
        }
        sections.push(RoleSection {
            heading,
            intro,
            tasks,
        });
    }
    render(
        StatusCode::OK,
        &StartPage {
            frame: Frame::new("Översikt", Some(&caller), "/kansli"),
            name: user.name.clone(),
            no_role: sections.is_empty(),
            sections,
        },
    )
}

struct TokenRow {
    id: i64,
    label: String,
    created: String,
    last_used: String,
    revoked: Option<String>,
}

fn token_rows(tokens: Vec<kansli_store::TokenInfo>) -> Vec<TokenRow> {
    tokens
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            label: t.label,
            created: local_time(&t.created_at),
            last_used: t
                .last_used_at
                .as_deref()
                .map(local_time)
                .unwrap_or_else(|| "aldrig".into()),
            revoked: t.revoked_at.as_deref().map(local_time),
        })
        .collect()
}

/// An RFC 3339 instant as Swedish local time, `2026-11-29 18:42`.
pub fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::Stockholm)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_string())
}

#[derive(Template)]
#[template(path = "kansli/me.html")]
struct MePage {
    frame: Frame,
    user: User,
    roles: Vec<String>,
    tokens: Vec<TokenRow>,
    tokens_empty: &'static str,
    tokens_label: &'static str,
    tokens_base: String,
    new_token: Option<String>,
    message: Option<String>,
}

async fn me_page(
    state: &AppState,
    caller: &Caller,
    new_token: Option<String>,
    message: Option<String>,
) -> Response {
    let tokens = match state.store.tokens(Some(caller.user.id)).await {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "cannot list tokens");
            Vec::new()
        }
    };
    render(
        StatusCode::OK,
        &MePage {
            frame: Frame::new("Mina uppgifter", Some(caller), "/kansli/mina-uppgifter"),
            roles: {
                let scopes = scope_options(state).await;
                caller
                    .user
                    .grants
                    .iter()
                    .map(|g| grant_text(g, &scopes))
                    .collect()
            },
            user: caller.user.clone(),
            tokens: token_rows(tokens),
            tokens_empty: "Du har inga API-nycklar.",
            tokens_label: "Mina API-nycklar",
            tokens_base: "/kansli/mina-uppgifter/nycklar".into(),
            new_token,
            message,
        },
    )
}

/// `GET /kansli/mina-uppgifter`.
pub async fn me(State(state): State<AppState>, caller: Caller) -> Response {
    me_page(&state, &caller, None, None).await
}

/// A form with a label.
#[derive(Debug, Default, Deserialize)]
pub struct LabelForm {
    #[serde(default)]
    label: String,
}

/// `POST /kansli/mina-uppgifter/nycklar`: a new personal API token, shown once.
pub async fn create_own_token(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<LabelForm>,
) -> Response {
    let label = form.label.trim();
    let label = if label.is_empty() {
        "API-nyckel"
    } else {
        label
    };
    let label: String = label.chars().take(100).collect();
    let Ok(token) = ApiToken::generate() else {
        return message_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Ett fel uppstod",
            "Nyckeln kunde inte skapas. Försök igen.",
        );
    };
    match state
        .store
        .create_token(&caller.actor(), caller.user.id, &label, &token.hash())
        .await
    {
        Ok(_) => me_page(&state, &caller, Some(token.reveal().to_string()), None).await,
        Err(e) => {
            tracing::error!(error = %e, "cannot store a token");
            message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Nyckeln kunde inte sparas. Försök igen.",
            )
        }
    }
}

/// `POST /kansli/mina-uppgifter/nycklar/{id}/aterkalla`: revokes one's own token.
pub async fn revoke_own_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Response {
    match state
        .store
        .revoke_token(&caller.actor(), id, Some(caller.user.id))
        .await
    {
        Ok(true) => me_page(&state, &caller, None, Some("Nyckeln är återkallad.".into())).await,
        Ok(false) => message_page(
            StatusCode::NOT_FOUND,
            "Nyckeln finns inte",
            "Du har ingen giltig nyckel med det numret.",
        ),
        Err(e) => {
            tracing::error!(error = %e, "cannot revoke a token");
            message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Nyckeln kunde inte återkallas.",
            )
        }
    }
}

/// `POST /kansli/mina-uppgifter/logga-ut-overallt`: ends every session of the account.
pub async fn logout_everywhere(State(state): State<AppState>, caller: Caller) -> Response {
    if let Err(e) = state
        .store
        .end_all_sessions(&caller.actor(), caller.user.id)
        .await
    {
        tracing::error!(error = %e, "cannot end sessions");
    }
    let mut r = Redirect::to("/logga-in?utloggad=1").into_response();
    *r.status_mut() = StatusCode::SEE_OTHER;
    r
}

struct UserRow {
    id: i64,
    email: String,
    name: String,
    roles: Vec<String>,
    disabled: bool,
    sso_only: bool,
}

#[derive(Template)]
#[template(path = "kansli/users.html")]
struct UsersPage {
    frame: Frame,
    users: Vec<UserRow>,
    message: Option<String>,
    error: bool,
    form: NewUserForm,
    roles: Vec<(&'static str, &'static str)>,
    scopes: Vec<(String, String)>,
}

/// The form of a new account, or of a role to grant.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope: String,
}

fn role_options() -> Vec<(&'static str, &'static str)> {
    Role::ALL.iter().map(|r| (r.api(), r.sv())).collect()
}

/// Every body, as `authority/body` slugs with their names, for the scope field.
async fn scope_options(state: &AppState) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(authorities) = state.store.authorities().await else {
        return out;
    };
    for a in authorities {
        let a = a.authority;
        out.push((a.slug.clone(), a.name.clone()));
        if let Ok(Some(view)) = state.store.authority(&a.slug).await {
            for b in view.bodies {
                let b = b.body;
                out.push((
                    format!("{}/{}", a.slug, b.slug),
                    format!("{} – {}", a.name, b.name),
                ));
            }
        }
    }
    out
}

/// A grant from the form's role and scope (`authority/body`, `authority` or empty).
pub fn grant_from(role: &str, scope: &str) -> Result<Grant, kansli_auth::AuthError> {
    let role = Role::parse(role)?;
    let scope = scope.trim().trim_matches('/');
    let (authority, body) = match scope.split_once('/') {
        Some((a, b)) => (Some(a.trim().to_string()), Some(b.trim().to_string())),
        None if scope.is_empty() => (None, None),
        None => (Some(scope.to_string()), None),
    };
    Grant::new(role, authority, body)
}

async fn users_page(
    state: &AppState,
    caller: &Caller,
    status: StatusCode,
    message: Option<(String, bool)>,
    form: NewUserForm,
) -> Response {
    let users = match state.store.users().await {
        Ok(u) => u,
        Err(e) => {
            tracing::error!(error = %e, "cannot list accounts");
            Vec::new()
        }
    };
    let scopes = scope_options(state).await;
    let rows = users
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            roles: u.grants.iter().map(|g| grant_text(g, &scopes)).collect(),
            sso_only: !u.has_password,
            email: u.email,
            name: u.name,
            disabled: u.disabled,
        })
        .collect();
    let (message, error) = match message {
        Some((m, e)) => (Some(m), e),
        None => (None, false),
    };
    render(
        status,
        &UsersPage {
            frame: Frame::new("Konton", Some(caller), "/kansli/admin/konton"),
            users: rows,
            message,
            error,
            form,
            roles: role_options(),
            scopes,
        },
    )
}

/// `GET /kansli/admin/konton`.
pub async fn users(State(state): State<AppState>, caller: Caller) -> Response {
    users_page(
        &state,
        &caller,
        StatusCode::OK,
        None,
        NewUserForm::default(),
    )
    .await
}

/// `POST /kansli/admin/konton`: creates an account.
pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<NewUserForm>,
) -> Response {
    let refuse = |m: String| {
        let form = NewUserForm {
            password: String::new(),
            ..form.clone()
        };
        let state = state.clone();
        let caller = caller.clone();
        async move {
            users_page(
                &state,
                &caller,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some((m, true)),
                form,
            )
            .await
        }
    };
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(e) => return refuse(e.sv()).await,
    };
    if form.name.trim().is_empty() {
        return refuse("Skriv personens namn.".into()).await;
    }
    let mut grants = Vec::new();
    if !form.role.trim().is_empty() {
        match grant_from(&form.role, &form.scope) {
            Ok(g) => grants.push(g),
            Err(e) => return refuse(e.sv()).await,
        }
    }
    let password = if form.password.is_empty() {
        None
    } else {
        let candidate = form.password.clone();
        let (email_text, name) = (email.to_string(), form.name.clone());
        let hashed = tokio::task::spawn_blocking(move || {
            NewPassword::parse(&candidate, &email_text, &name).and_then(|p| p.hash())
        })
        .await;
        match hashed {
            Ok(Ok(h)) => Some(h),
            Ok(Err(e)) => return refuse(e.sv()).await,
            Err(_) => return refuse("Lösenordet kunde inte sparas.".into()).await,
        }
    };
    let new = NewUser {
        email,
        name: form.name.trim().to_string(),
        password,
        grants,
    };
    match state.store.create_user(&caller.actor(), &new).await {
        Ok(user) => {
            users_page(
                &state,
                &caller,
                StatusCode::OK,
                Some((format!("Kontot för {} är skapat.", user.email), false)),
                NewUserForm::default(),
            )
            .await
        }
        Err(kansli_store::StoreError::Refused(why)) => {
            refuse(format!("Kontot kunde inte skapas: {why}")).await
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot create an account");
            refuse("Kontot kunde inte skapas.".into()).await
        }
    }
}

#[derive(Template)]
#[template(path = "kansli/user.html")]
struct UserPage {
    frame: Frame,
    user: User,
    grants: Vec<(usize, String)>,
    tokens: Vec<TokenRow>,
    tokens_empty: &'static str,
    tokens_label: &'static str,
    tokens_base: String,
    message: Option<String>,
    error: bool,
    roles: Vec<(&'static str, &'static str)>,
    scopes: Vec<(String, String)>,
}

async fn user_page(
    state: &AppState,
    caller: &Caller,
    id: i64,
    status: StatusCode,
    message: Option<(String, bool)>,
) -> Response {
    let user = match state.store.user(id).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Kontot finns inte",
                "Det finns inget konto med det numret.",
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read an account");
            return message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Kontot kunde inte visas.",
            );
        }
    };
    let tokens = state.store.tokens(Some(id)).await.unwrap_or_default();
    let scopes = scope_options(state).await;
    let (message, error) = match message {
        Some((m, e)) => (Some(m), e),
        None => (None, false),
    };
    render(
        status,
        &UserPage {
            frame: Frame::new(user.name.clone(), Some(caller), "/kansli/admin/konton/"),
            grants: user
                .grants
                .iter()
                .map(|g| grant_text(g, &scopes))
                .enumerate()
                .collect(),
            tokens: token_rows(tokens),
            tokens_empty: "Kontot har inga API-nycklar.",
            tokens_label: "Kontots API-nycklar",
            tokens_base: format!("/kansli/admin/konton/{}/nycklar", user.id),
            user,
            message,
            error,
            roles: role_options(),
            scopes,
        },
    )
}

/// `GET /kansli/admin/konton/{id}`.
pub async fn user(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    user_page(&state, &caller, id, StatusCode::OK, None).await
}

/// A change to an account from its page: one action at a time.
#[derive(Debug, Default, Deserialize)]
pub struct UserChangeForm {
    /// `name`, `disable`, `enable`, `grant`, `revoke`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope: String,
    /// The index of the grant to revoke.
    #[serde(default)]
    grant: Option<usize>,
    /// The version the page showed.
    #[serde(default)]
    version: Option<i64>,
}

/// `POST /kansli/admin/konton/{id}`.
pub async fn update_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<UserChangeForm>,
) -> Response {
    let refuse = |m: String| {
        let state = state.clone();
        let caller = caller.clone();
        async move {
            user_page(
                &state,
                &caller,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some((m, true)),
            )
            .await
        }
    };
    let current = match state.store.user(id).await {
        Ok(Some(u)) => u,
        _ => {
            return message_page(
                StatusCode::NOT_FOUND,
                "Kontot finns inte",
                "Det finns inget konto med det numret.",
            );
        }
    };
    let mut change = UserChange {
        version: form.version,
        ..UserChange::default()
    };
    let done = match form.action.as_str() {
        "name" if !form.name.trim().is_empty() => {
            change.name = Some(form.name.trim().to_string());
            "Namnet är ändrat."
        }
        "name" => return refuse("Skriv ett namn.".into()).await,
        "disable" if current.id == caller.user.id => {
            return refuse("Du kan inte stänga av ditt eget konto.".into()).await;
        }
        "disable" => {
            change.disabled = Some(true);
            "Kontot är avstängt och dess inloggningar är avslutade."
        }
        "enable" => {
            change.disabled = Some(false);
            "Kontot är aktiverat."
        }
        "grant" => match grant_from(&form.role, &form.scope) {
            Ok(g) => {
                let mut grants = current.grants.clone();
                grants.push(g);
                change.grants = Some(grants);
                "Rollen är tillagd."
            }
            Err(e) => return refuse(e.sv()).await,
        },
        "revoke" => {
            let Some(i) = form.grant.filter(|i| *i < current.grants.len()) else {
                return refuse("Välj en roll att ta bort.".into()).await;
            };
            if current.id == caller.user.id && current.grants[i].role == Role::Admin {
                return refuse("Du kan inte ta bort din egen administratörsroll.".into()).await;
            }
            let mut grants = current.grants.clone();
            grants.remove(i);
            change.grants = Some(grants);
            "Rollen är borttagen."
        }
        _ => return refuse("Okänd ändring.".into()).await,
    };
    match state.store.update_user(&caller.actor(), id, &change).await {
        Ok(_) => user_page(&state, &caller, id, StatusCode::OK, Some((done.into(), false))).await,
        Err(kansli_store::StoreError::Stale { .. }) => {
            user_page(
                &state,
                &caller,
                id,
                StatusCode::CONFLICT,
                Some((
                    "Någon annan ändrade kontot samtidigt. Här är det som det ser ut nu; gör din ändring igen."
                        .into(),
                    true,
                )),
            )
            .await
        }
        Err(kansli_store::StoreError::Refused(why)) => {
            refuse(format!("Ändringen gick inte att spara: {why}")).await
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot change an account");
            refuse("Ändringen gick inte att spara.".into()).await
        }
    }
}

/// `POST /kansli/admin/konton/{id}/nycklar/{token}/aterkalla`.
pub async fn revoke_user_token(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, token)): Path<(i64, i64)>,
) -> Response {
    let message = match state
        .store
        .revoke_token(&caller.actor(), token, Some(id))
        .await
    {
        Ok(true) => ("Nyckeln är återkallad.".to_string(), false),
        Ok(false) => (
            "Nyckeln finns inte eller är redan återkallad.".to_string(),
            true,
        ),
        Err(e) => {
            tracing::error!(error = %e, "cannot revoke a token");
            ("Nyckeln kunde inte återkallas.".to_string(), true)
        }
    };
    user_page(&state, &caller, id, StatusCode::OK, Some(message)).await
}

/// The audit log's filter as a query.
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    aktor: Option<String>,
    #[serde(default)]
    objekt: Option<String>,
    #[serde(default)]
    fran: Option<String>,
    #[serde(default)]
    till: Option<String>,
    #[serde(default)]
    sida: Option<u32>,
}

struct AuditRow {
    at: String,
    actor: String,
    via: String,
    action: String,
    entity: String,
    change: String,
}

#[derive(Template)]
#[template(path = "kansli/audit.html")]
struct AuditPage {
    frame: Frame,
    rows: Vec<AuditRow>,
    total: i64,
    actor: String,
    entity: String,
    from: String,
    to: String,
    page: u32,
    pages: u32,
    prev: Option<String>,
    next: Option<String>,
    error: Option<String>,
}

const AUDIT_PER_PAGE: u32 = 50;

/// A filter date: `YYYY-MM-DD`, or nothing.
fn filter_date(raw: &Option<String>) -> Result<Option<String>, ()> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(|d| Some(d.to_string()))
            .map_err(|_| ()),
    }
}

/// Swedish words for the audit log's actions.
fn action_sv(action: &str) -> String {
    match action {
        "user.create" => "skapade konto".into(),
        "user.update" => "ändrade konto".into(),
        "token.create" => "skapade API-nyckel".into(),
        "token.revoke" => "återkallade API-nyckel".into(),
        "token.use" => "använde API-nyckel".into(),
        "login" => "loggade in".into(),
        "login.failed" => "misslyckad inloggning".into(),
        "logout" => "loggade ut".into(),
        "logout.everywhere" => "loggade ut överallt".into(),
        "meeting.move" => "flyttade sammanträde".into(),
        "meeting.remove" => "tog bort sammanträde".into(),
        other => other.to_string(),
    }
}

/// `GET /kansli/admin/logg`: the audit log, filtered and paged.
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<AuditQuery>,
) -> Response {
    let page = query.sida.unwrap_or(1).clamp(1, 100_000);
    let (from, to) = match (filter_date(&query.fran), filter_date(&query.till)) {
        (Ok(f), Ok(t)) => (f, t),
        _ => {
            return message_page(
                StatusCode::BAD_REQUEST,
                "Felaktigt datum",
                "Skriv datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-29.",
            );
        }
    };
    let error = match (&from, &to) {
        (Some(f), Some(t)) if f > t => Some("Från-datumet är senare än till-datumet.".to_string()),
        _ => None,
    };
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.chars().take(200).collect::<String>())
    };
    let filter = AuditFilter {
        actor: clean(&query.aktor),
        entity: clean(&query.objekt),
        from: from.clone(),
        to: to.clone(),
        limit: AUDIT_PER_PAGE,
        offset: (page - 1) * AUDIT_PER_PAGE,
    };
    let (events, total) = match state.store.audit_events(&filter).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the audit log");
            return message_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Ett fel uppstod",
                "Granskningsloggen kunde inte läsas.",
            );
        }
    };
    let pages = (total.max(0) as u32).div_ceil(AUDIT_PER_PAGE).max(1);
    let link = |p: u32| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("aktor", &filter.actor),
            ("objekt", &filter.entity),
            ("fran", &from),
            ("till", &to),
        ] {
            if let Some(v) = v {
                q.append_pair(k, v);
            }
        }
        q.append_pair("sida", &p.to_string());
        format!("/kansli/admin/logg?{}", q.finish())
    };
    let rows = events
        .into_iter()
        .map(|e| AuditRow {
            at: local_time(&e.at),
            change: summarize_change(e.before.as_ref(), e.after.as_ref()),
            actor: e.actor,
            via: e.via,
            action: action_sv(&e.action),
            entity: e.entity,
        })
        .collect();
    render(
        StatusCode::OK,
        &AuditPage {
            frame: Frame::new("Granskningslogg", Some(&caller), "/kansli/admin/logg"),
            rows,
            total,
            actor: filter.actor.clone().unwrap_or_default(),
            entity: filter.entity.clone().unwrap_or_default(),
            from: from.clone().unwrap_or_default(),
            to: to.clone().unwrap_or_default(),
            page,
            pages,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
            error,
        },
    )
}

/// What changed between before and after, in a line: `name: A → B; disabled: nej → ja`.
fn summarize_change(
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> String {
    let empty = serde_json::Map::new();
    let b = before.and_then(|v| v.as_object()).unwrap_or(&empty);
    let a = after.and_then(|v| v.as_object()).unwrap_or(&empty);
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut parts = Vec::new();
    for k in keys {
        if k == "version" {
            continue;
        }
        match (b.get(k), a.get(k)) {
            (Some(old), Some(new)) if old == new => {}
            (Some(old), Some(new)) => parts.push(format!("{k}: {} → {}", plain(old), plain(new))),
            (None, Some(new)) => parts.push(format!("{k}: {}", plain(new))),
            (Some(old), None) => parts.push(format!("{k}: {} → –", plain(old))),
            (None, None) => {}
        }
    }
    parts.join("; ")
}

/// A JSON value as a person reads it: strings without quotes, roles as `role scope`.
fn plain(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "ja".into(),
        Value::Bool(false) => "nej".into(),
        Value::Null => "–".into(),
        Value::Array(items) if items.is_empty() => "inga".into(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(o) if o.contains_key("role") => {
            let scope: Vec<String> = ["authority", "body"]
                .iter()
                .filter_map(|k| o.get(*k).and_then(|v| v.as_str()).map(str::to_string))
                .collect();
            let role = o.get("role").map(plain).unwrap_or_default();
            if scope.is_empty() {
                role
            } else {
                format!("{role} {}", scope.join("/"))
            }
        }
        other => other.to_string(),
    }
}
