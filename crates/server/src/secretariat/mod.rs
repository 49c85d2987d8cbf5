//! The secretariat's side of the server: sign-in, the signed-in area under `/kansli/`, and the
//! secretariat's JSON API — every route declared once, with who may call it.
//!
//! [`routes`] is the table the router is built from and the authorization tests read: each
//! entry names its method, path, [`Access`] (the `x-kansli-roles` of openapi.json) and, for
//! the API, its operationId. The guard ([`access::guard`]) runs before every handler.
//!
//! Nothing here is reachable from the public archive's pages: the archive stays exactly as
//! public as before, and the secretariat's pages never show its data to the public.

pub mod access;
mod agenda;
mod api;
mod corrections_pages;
mod diarium;
mod diarium_pages;
mod justering_pages;
mod login;
mod meeting_pages;
mod notices;
pub mod oidc;
mod pages;
mod planning;
pub mod problem;
pub mod recording;
mod recording_pages;
mod redaction;
mod review;
mod upload;

use axum::Router;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodRouter, delete, get, patch, post};
use kansli_auth::{Access, Role};

use crate::AppState;

pub use access::{AuthSettings, Caller};
pub use agenda::kallelse_mail;
pub use pages::local_time;

/// Whether a route answers people (Swedish HTML) or programs (JSON, problem+json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A page of the web UI.
    Page,
    /// An operation of the JSON API.
    Api,
}

/// One route of the secretariat, as declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path pattern, with `{param}`s (`/api/v1/users/{id}`).
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Page or API.
    pub kind: Kind,
    /// The API operation's id in openapi.json.
    pub operation_id: Option<&'static str>,
}

const ADMIN: Access = Access::Roles(&[Role::Admin]);
const SECRETARY: Access = Access::Roles(&[Role::Secretary]);
const DIARIUM: Access = Access::Roles(&[Role::Registrar, Role::Secretary]);
const BODY_READERS: Access = Access::Roles(&[Role::Secretary, Role::Member]);
/// signMinutes: members and secretaries; on the minutes themselves only their chair and
/// justerare (403 for others).
const SIGNERS: Access = Access::Roles(&[Role::Member, Role::Secretary]);
const SEAT_READERS: Access = Access::Roles(&[Role::Admin, Role::Secretary]);
const DOCUMENT_READERS: Access = Access::Roles(&[Role::Registrar, Role::Secretary, Role::Member]);
/// The review of imported minutes: the body's secretary and an administrator (see `review`).
const REVIEWERS: Access = Access::Roles(&[Role::Admin, Role::Secretary]);

struct Entry {
    route: Route,
    handler: MethodRouter<AppState>,
}

fn page(method: Method, path: &'static str, access: Access, h: MethodRouter<AppState>) -> Entry {
    Entry {
        route: Route {
            method,
            path,
            access,
            kind: Kind::Page,
            operation_id: None,
        },
        handler: h,
    }
}

fn api(
    method: Method,
    path: &'static str,
    operation_id: &'static str,
    access: Access,
    h: MethodRouter<AppState>,
) -> Entry {
    Entry {
        route: Route {
            method,
            path,
            access,
            kind: Kind::Api,
            operation_id: Some(operation_id),
        },
        handler: h,
    }
}

fn table() -> Vec<Entry> {
    use Method as M;
    vec![
        page(M::GET, "/logga-in", Access::Public, get(login::page)),
        page(M::POST, "/logga-in", Access::Public, post(login::submit)),
        page(
            M::GET,
            "/logga-in/sso",
            Access::Public,
            get(login::sso_start),
        ),
        page(
            M::GET,
            "/logga-in/sso/tillbaka",
            Access::Public,
            get(login::sso_callback),
        ),
        page(M::POST, "/logga-ut", Access::SignedIn, post(login::logout)),
        page(M::GET, "/kansli", Access::SignedIn, get(pages::start)),
        page(
            M::GET,
            "/kansli/mina-uppgifter",
            Access::SignedIn,
            get(pages::me),
        ),
        page(
            M::POST,
            "/kansli/mina-uppgifter/nycklar",
            Access::SignedIn,
            post(pages::create_own_token),
        ),
        page(
            M::POST,
            "/kansli/mina-uppgifter/nycklar/{id}/aterkalla",
            Access::SignedIn,
            post(pages::revoke_own_token),
        ),
        page(
            M::POST,
            "/kansli/mina-uppgifter/logga-ut-overallt",
            Access::SignedIn,
            post(pages::logout_everywhere),
        ),
        page(
            M::GET,
            "/kansli/diarium/{a}",
            DIARIUM,
            get(diarium_pages::diarium),
        ),
        page(
            M::POST,
            "/kansli/diarium/{a}",
            DIARIUM,
            post(diarium_pages::register),
        ),
        page(
            M::GET,
            "/kansli/diarium/{a}/{key}",
            DIARIUM,
            get(diarium_pages::case),
        ),
        page(
            M::POST,
            "/kansli/diarium/{a}/{key}/avsluta",
            DIARIUM,
            post(diarium_pages::close),
        ),
        page(
            M::POST,
            "/kansli/diarium/{a}/{key}/oppna",
            DIARIUM,
            post(diarium_pages::reopen),
        ),
        page(
            M::POST,
            "/kansli/diarium/{a}/{key}/handlingar",
            DIARIUM,
            post(diarium_pages::upload),
        ),
        page(
            M::POST,
            "/kansli/diarium/{a}/{key}/ratta",
            DIARIUM,
            post(diarium_pages::correct_case),
        ),
        page(
            M::POST,
            "/kansli/diarium/{a}/{key}/handlingar/{id}/ratta",
            DIARIUM,
            post(diarium_pages::correct_document),
        ),
        page(
            M::GET,
            "/kansli/moten/{a}/{b}",
            SECRETARY,
            get(meeting_pages::meetings),
        ),
        page(
            M::POST,
            "/kansli/moten/{a}/{b}",
            SECRETARY,
            post(meeting_pages::plan),
        ),
        page(
            M::POST,
            "/kansli/moten/{a}/{b}/ar",
            SECRETARY,
            post(meeting_pages::plan_year),
        ),
        page(
            M::GET,
            "/kansli/moten/{a}/{b}/{m}",
            SECRETARY,
            get(meeting_pages::agenda),
        ),
        page(
            M::POST,
            "/kansli/moten/{a}/{b}/{m}/punkter",
            SECRETARY,
            post(meeting_pages::add),
        ),
        page(
            M::POST,
            "/kansli/moten/{a}/{b}/{m}/punkter/{id}/flytta",
            SECRETARY,
            post(meeting_pages::move_item),
        ),
        page(
            M::POST,
            "/kansli/moten/{a}/{b}/{m}/punkter/{id}/ta-bort",
            SECRETARY,
            post(meeting_pages::remove_item),
        ),
        page(
            M::POST,
            "/kansli/moten/{a}/{b}/{m}/andra",
            SECRETARY,
            post(meeting_pages::change),
        ),
        page(
            M::POST,
            "/kansli/moten/{a}/{b}/{m}/kallelse",
            SECRETARY,
            post(meeting_pages::issue),
        ),
        page(
            M::GET,
            "/kansli/kallelse/{a}/{b}/{m}",
            BODY_READERS,
            get(meeting_pages::kallelse),
        ),
        page(
            M::POST,
            "/kansli/kallelse/{a}/{b}/{m}/anteckningar/{id}",
            BODY_READERS,
            post(meeting_pages::note),
        ),
        page(
            M::POST,
            "/kansli/kallelse/{a}/{b}/{m}/forhinder",
            BODY_READERS,
            post(meeting_pages::absent),
        ),
        page(
            M::GET,
            "/kansli/protokoll/{a}/{b}/{m}",
            SECRETARY,
            get(recording_pages::page),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/oppna",
            SECRETARY,
            post(recording_pages::open),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/narvaro",
            SECRETARY,
            post(recording_pages::attendance),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/narvaro/forslag",
            SECRETARY,
            post(recording_pages::accept_proposal),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/paragraf/{n}",
            SECRETARY,
            post(recording_pages::paragraph),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/paragraf/{n}/information",
            SECRETARY,
            post(recording_pages::information),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/paragraf/{n}/{action}",
            SECRETARY,
            post(recording_pages::rearrange),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/justering",
            SECRETARY,
            post(recording_pages::release),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/ta-tillbaka",
            SECRETARY,
            post(recording_pages::withdraw),
        ),
        page(
            M::GET,
            "/kansli/protokoll/{a}/{b}/{m}/handelser",
            SECRETARY,
            get(recording_pages::events),
        ),
        page(
            M::GET,
            "/kansli/protokoll/{a}/{b}/{m}/{file}",
            SECRETARY,
            get(recording_pages::draft_document),
        ),
        page(
            M::GET,
            "/kansli/justering/{a}/{b}/{m}",
            BODY_READERS,
            get(justering_pages::page),
        ),
        page(
            M::POST,
            "/kansli/justering/{a}/{b}/{m}/signera",
            SIGNERS,
            post(justering_pages::sign),
        ),
        page(
            M::POST,
            "/kansli/justering/{a}/{b}/{m}/kommentar",
            SIGNERS,
            post(justering_pages::comment),
        ),
        page(
            M::GET,
            "/kansli/justering/{a}/{b}/{m}/protokoll.pdf",
            BODY_READERS,
            get(justering_pages::pdf),
        ),
        page(M::GET, "/kansli/admin/konton", ADMIN, get(pages::users)),
        page(
            M::POST,
            "/kansli/admin/konton",
            ADMIN,
            post(pages::create_user),
        ),
        page(M::GET, "/kansli/admin/konton/{id}", ADMIN, get(pages::user)),
        page(
            M::POST,
            "/kansli/admin/konton/{id}",
            ADMIN,
            post(pages::update_user),
        ),
        page(
            M::POST,
            "/kansli/admin/konton/{id}/nycklar/{token}/aterkalla",
            ADMIN,
            post(pages::revoke_user_token),
        ),
        page(M::GET, "/kansli/admin/logg", ADMIN, get(pages::audit)),
        page(
            M::GET,
            corrections_pages::PATH,
            ADMIN,
            get(corrections_pages::corrections),
        ),
        page(
            M::POST,
            "/kansli/admin/moten/{id}/flytta",
            ADMIN,
            post(corrections_pages::move_meeting),
        ),
        page(
            M::POST,
            "/kansli/admin/moten/{id}/ta-bort",
            ADMIN,
            post(corrections_pages::remove_meeting),
        ),
        api(
            M::GET,
            "/api/v1/me",
            "getMe",
            Access::SignedIn,
            get(api::me),
        ),
        api(
            M::GET,
            "/api/v1/me/tokens",
            "listMyTokens",
            Access::SignedIn,
            get(api::my_tokens),
        ),
        api(
            M::POST,
            "/api/v1/me/tokens",
            "createMyToken",
            Access::SignedIn,
            post(api::create_my_token),
        ),
        api(
            M::DELETE,
            "/api/v1/me/tokens/{id}",
            "revokeMyToken",
            Access::SignedIn,
            delete(api::revoke_my_token),
        ),
        api(M::GET, "/api/v1/users", "listUsers", ADMIN, get(api::users)),
        api(
            M::POST,
            "/api/v1/users",
            "createUser",
            ADMIN,
            post(api::create_user),
        ),
        api(
            M::PATCH,
            "/api/v1/users/{id}",
            "updateUser",
            ADMIN,
            patch(api::update_user),
        ),
        api(
            M::POST,
            "/api/v1/authorities",
            "createAuthority",
            ADMIN,
            post(diarium::create_authority),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies",
            "createBody",
            ADMIN,
            post(diarium::create_body),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/members",
            "addMember",
            ADMIN,
            post(diarium::add_member),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/cases",
            "registerCase",
            DIARIUM,
            post(diarium::register_case),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/cases/{key}/record",
            "getCaseRecord",
            DIARIUM,
            get(diarium::case_record),
        ),
        api(
            M::PATCH,
            "/api/v1/authorities/{a}/cases/{key}/record",
            "updateCase",
            DIARIUM,
            patch(diarium::update_case),
        ),
        api(
            M::PATCH,
            "/api/v1/authorities/{a}/cases/{key}/documents/{id}",
            "updateDocument",
            DIARIUM,
            patch(diarium::update_document),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/cases/{key}/close",
            "closeCase",
            DIARIUM,
            post(diarium::close_case),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/cases/{key}/reopen",
            "reopenCase",
            DIARIUM,
            post(diarium::reopen_case),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/cases/{key}/documents",
            "listCaseDocuments",
            DIARIUM,
            get(diarium::case_documents),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/cases/{key}/documents",
            "addCaseDocument",
            DIARIUM,
            post(diarium::add_case_document),
        ),
        api(
            M::GET,
            "/api/v1/documents/{id}",
            "getDocumentFile",
            DOCUMENT_READERS,
            get(diarium::document_file),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings",
            "planMeeting",
            SECRETARY,
            post(planning::plan_meeting),
        ),
        api(
            M::PATCH,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}",
            "updateMeeting",
            SECRETARY,
            patch(planning::update_meeting),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/calendar.ics",
            "getBodyCalendar",
            Access::Public,
            get(planning::body_calendar),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/seats",
            "listSeats",
            SEAT_READERS,
            get(agenda::list_seats),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/agenda",
            "getAgenda",
            SECRETARY,
            get(agenda::get_agenda),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/agenda",
            "addAgendaItem",
            SECRETARY,
            post(agenda::add_item),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/agenda/{id}/move",
            "moveAgendaItem",
            SECRETARY,
            post(agenda::move_item),
        ),
        api(
            M::DELETE,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/agenda/{id}",
            "removeAgendaItem",
            SECRETARY,
            delete(agenda::remove_item),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/kallelse",
            "issueKallelse",
            SECRETARY,
            post(agenda::issue),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/kallelse",
            "getKallelse",
            BODY_READERS,
            get(agenda::get_kallelse),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/absences",
            "reportAbsence",
            BODY_READERS,
            post(agenda::report_absence),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/absences",
            "listAbsences",
            SECRETARY,
            get(agenda::list_absences),
        ),
        api(
            M::GET,
            "/api/v1/documents/{id}/note",
            "getDocumentNote",
            DOCUMENT_READERS,
            get(agenda::get_note),
        ),
        api(
            M::PUT,
            "/api/v1/documents/{id}/note",
            "putDocumentNote",
            DOCUMENT_READERS,
            axum::routing::put(agenda::put_note),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record",
            "getMeetingRecord",
            SECRETARY,
            get(recording::get_record),
        ),
        api(
            M::PUT,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record",
            "putMeetingRecord",
            SECRETARY,
            axum::routing::put(recording::put_record),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record/sign",
            "signMinutes",
            SIGNERS,
            post(recording::sign),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record/comments",
            "commentMinutes",
            SIGNERS,
            post(recording::comment),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record/comments",
            "listMinutesComments",
            SIGNERS,
            get(recording::list_comments),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/corrections",
            "addCorrection",
            SECRETARY,
            post(recording::add_correction),
        ),
        api(
            M::POST,
            "/api/v1/verify",
            "verifyDocument",
            Access::Public,
            post(recording::verify_document),
        ),
        api(
            M::PUT,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record/paragraphs/{n}",
            "putRecordParagraph",
            SECRETARY,
            axum::routing::put(recording::put_paragraph),
        ),
        api(
            M::PUT,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record/attendance",
            "putRecordAttendance",
            SECRETARY,
            axum::routing::put(recording::put_attendance),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record/release",
            "releaseForJustering",
            SECRETARY,
            post(recording::release),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/record/withdraw",
            "withdrawRelease",
            SECRETARY,
            post(recording::withdraw),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/justering",
            "markJusterad",
            SECRETARY,
            post(notices::mark_justerad),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/notices",
            "listNotices",
            Access::Public,
            get(crate::notices::list),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/notices",
            "postNotice",
            SECRETARY,
            post(notices::post_notice),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/notices.atom",
            "getNoticeFeed",
            Access::Public,
            get(crate::notices::feed),
        ),
        api(
            M::GET,
            "/api/v1/dispatches",
            "listDispatches",
            SECRETARY,
            get(notices::list_dispatches),
        ),
        api(
            M::POST,
            "/api/v1/dispatches/{id}",
            "markDispatched",
            SECRETARY,
            post(notices::mark_dispatched),
        ),
        api(
            M::DELETE,
            "/api/v1/dispatches/{id}/sent",
            "unmarkDispatched",
            SECRETARY,
            delete(notices::unmark_dispatched),
        ),
        api(
            M::GET,
            "/api/v1/dispatches/{id}/extract.pdf",
            "getDispatchExtract",
            SECRETARY,
            get(notices::dispatch_extract),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/redactions",
            "listRedactions",
            SECRETARY,
            get(redaction::list),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/redactions",
            "markRedaction",
            SECRETARY,
            post(redaction::mark),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/redactions/{id}",
            "decideRedaction",
            SECRETARY,
            post(redaction::decide),
        ),
        api(
            M::PUT,
            "/api/v1/authorities/{a}/bodies/{b}/depublication",
            "setDepublication",
            SECRETARY,
            axum::routing::put(redaction::set_depublication),
        ),
        page(
            M::GET,
            "/kansli/protokoll/{a}/{b}/{m}/maskering",
            SECRETARY,
            get(redaction::page),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/maskering",
            SECRETARY,
            post(redaction::mark_form),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/maskering/avpublicering",
            SECRETARY,
            post(redaction::depublication_form),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/maskering/sok",
            SECRETARY,
            post(redaction::search_again),
        ),
        page(
            M::POST,
            "/kansli/protokoll/{a}/{b}/{m}/maskering/{id}",
            SECRETARY,
            post(redaction::decide_form),
        ),
        page(M::GET, "/kansli/expediering", SECRETARY, get(notices::page)),
        page(
            M::GET,
            "/kansli/expediering/{id}/utdrag.pdf",
            SECRETARY,
            get(notices::extract_page),
        ),
        page(
            M::POST,
            "/kansli/expediering/{id}",
            SECRETARY,
            post(notices::mark_form),
        ),
        page(
            M::POST,
            "/kansli/expediering/{id}/angra",
            SECRETARY,
            post(notices::unmark_form),
        ),
        page(M::GET, review::PATH, REVIEWERS, get(review::list_page)),
        page(
            M::GET,
            "/kansli/granskning/{a}/{b}/{m}",
            REVIEWERS,
            get(review::page),
        ),
        page(
            M::POST,
            "/kansli/granskning/{a}/{b}/{m}",
            REVIEWERS,
            post(review::correct_form),
        ),
        page(
            M::GET,
            "/kansli/granskning/{a}/{b}/{m}/original/{sha256}",
            REVIEWERS,
            get(review::original),
        ),
        api(
            M::GET,
            "/api/v1/import-reviews",
            "listImportReviews",
            REVIEWERS,
            get(review::list),
        ),
        api(
            M::GET,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/import-review",
            "getImportReview",
            REVIEWERS,
            get(review::get),
        ),
        api(
            M::POST,
            "/api/v1/authorities/{a}/bodies/{b}/meetings/{m}/import-review",
            "correctImportedField",
            REVIEWERS,
            post(review::correct),
        ),
        api(
            M::GET,
            "/api/v1/audit-events",
            "listAuditEvents",
            ADMIN,
            get(api::audit_events),
        ),
    ]
}

/// Every route of the secretariat, as declared (what the router is built from).
pub fn routes() -> Vec<Route> {
    table().into_iter().map(|e| e.route).collect()
}

/// Adds the secretariat's routes, each behind the guard: pages to the site's router, API
/// operations to the API router (nested at `/api/v1`, where they share paths with the
/// archive's read operations: `GET /authorities` is the archive's, `POST` the registry's).
pub(crate) fn add_routes(
    mut site: Router<AppState>,
    mut api: Router<AppState>,
    state: &AppState,
    render_guard: &std::sync::Arc<crate::limits::Guard>,
) -> (Router<AppState>, Router<AppState>) {
    for Entry { route, handler } in table() {
        let mut guarded = handler.route_layer(from_fn_with_state(
            (state.clone(), route.access, route.kind),
            access::guard,
        ));
        if route.operation_id == Some("addCaseDocument")
            || route.operation_id == Some("verifyDocument")
            || route.path == "/kansli/diarium/{a}/{key}/handlingar"
        {
            // Documents are larger than any other request: their own, configurable, limit.
            guarded = guarded.layer(axum::extract::DefaultBodyLimit::max(state.auth.max_upload));
        }
        if route.operation_id == Some("verifyDocument") {
            // A check may render the archive's copy again: it takes a slot of the renders.
            guarded = guarded.layer(from_fn_with_state(
                render_guard.clone(),
                crate::limits::guard,
            ));
        }
        match route.path.strip_prefix(crate::paths::api::ROOT) {
            Some(rest) => api = api.route(rest, guarded),
            None => site = site.route(route.path, guarded),
        }
    }
    (site, api)
}
