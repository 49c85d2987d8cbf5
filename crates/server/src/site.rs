//! The publishing authority's own site around the archive: its name and logo in the header, the
//! tillgänglighetsredogörelse (lag 2018:1937, in the structure of DIGG's model), the page on
//! personuppgifter, the registrator's contact details, `sitemap.xml` and the absolute address
//! of the site (for canonical links, the sitemap and the API's `id`s).
//!
//! Everything an authority must say in its own words comes from [`SiteConfig`], read from
//! `site.toml` in the data directory by the `kansli` binary; without it the pages still say
//! what holds for every installation and mark what the authority has yet to fill in. Kansli's
//! own name is only in the footer: the site is the authority's, not the software's.
//!
//! Pages rendered outside a handler's reach of the state (error pages from `IntoResponse`)
//! still need the authority's name: [`scope`] puts the request's [`SiteContext`] in a
//! task-local that [`current`] reads.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::AppState;
use crate::error::{Failure, PageError};
use crate::pages::Layout;
#[allow(unused_imports)] // used by the generated template code
use crate::text::SvDate;

/// The authority's settings for the public site, as written in `site.toml`. Every field is
/// optional; unknown keys are refused so that a misspelt key is not silently ignored.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// The authority that publishes the site.
    pub organisation: Organisation,
    /// Where the public turns for documents (the registry).
    pub registrator: Registrator,
    /// The tillgänglighetsredogörelse's facts.
    pub tillganglighet: Accessibility,
    /// Who answers for the personal data.
    pub personuppgifter: PersonalData,
}

/// The publishing authority.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Organisation {
    /// "Lomma kommun": shown in the header and the page titles.
    pub name: Option<String>,
    /// The authority's main website, linked from the footer.
    pub website: Option<String>,
    /// A logo file (SVG, PNG, JPEG or WebP), relative to `site.toml`; read by the binary.
    pub logo: Option<String>,
}

/// The registrator's contact details.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Registrator {
    /// "Registrator, kommunledningskontoret".
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Telephone number as printed.
    pub phone: Option<String>,
    /// Postal address, lines separated by newlines.
    pub address: Option<String>,
    /// Visiting address.
    pub visiting_address: Option<String>,
    /// Opening or telephone hours.
    pub hours: Option<String>,
}

/// How far the site complies with lag (2018:1937), in DIGG's three wordings.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Compliance {
    /// "helt förenlig".
    Full,
    /// "delvis förenlig" (the honest default until the authority has assessed its site).
    #[default]
    Partial,
    /// "inte förenlig".
    None,
}

/// The facts of the tillgänglighetsredogörelse only the authority can give.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Accessibility {
    /// How far the site complies.
    pub compliance: Compliance,
    /// Known shortcomings, one sentence each ("Bristande förenlighet med lagkraven").
    pub known_issues: Vec<String>,
    /// Content exempt as an unreasonable burden ("Oskäligt betungande anpassning").
    pub disproportionate_burden: Vec<String>,
    /// How the site was assessed ("Vi har gjort en självskattning …").
    pub method: Option<String>,
    /// The day of the latest assessment.
    #[serde(deserialize_with = "toml_date")]
    pub assessed: Option<NaiveDate>,
    /// The day the site was first published.
    #[serde(deserialize_with = "toml_date")]
    pub published: Option<NaiveDate>,
    /// The day the statement was last updated.
    #[serde(deserialize_with = "toml_date")]
    pub updated: Option<NaiveDate>,
    /// Where to report shortcomings (defaults to the registrator's e-mail).
    pub contact_email: Option<String>,
    /// Telephone for the same.
    pub contact_phone: Option<String>,
}

/// Who answers for the personal data in the published minutes.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct PersonalData {
    /// Personuppgiftsansvarig: "Kommunstyrelsen i Lomma kommun".
    pub controller: Option<String>,
    /// How to reach the dataskyddsombud.
    pub data_protection_officer: Option<String>,
    /// Anything the authority adds in its own words.
    pub notes: Option<String>,
}

/// A day written as a TOML date (`2026-10-01`) or a string (`"2026-10-01"`).
fn toml_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Day {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Day::deserialize(d)? {
        Day::Toml(t) => t.to_string(),
        Day::Text(t) => t,
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| serde::de::Error::custom(format!("{text:?} is not a day (YYYY-MM-DD)")))
}

/// Why a `site.toml` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SiteConfigError {
    /// Not TOML, or keys the site does not know.
    #[error("site configuration: {0}")]
    Syntax(#[from] toml::de::Error),
    /// A logo whose kind is not an image browsers show.
    #[error("site configuration: the logo {0:?} is not SVG, PNG, JPEG or WebP")]
    Logo(String),
}

impl SiteConfig {
    /// Reads `site.toml`'s text.
    pub fn from_toml(text: &str) -> Result<SiteConfig, SiteConfigError> {
        Ok(toml::from_str(text)?)
    }
}

/// The authority's logo, read by the binary and served at [`LOGO_PATH`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// `image/svg+xml`, `image/png`, `image/jpeg` or `image/webp`.
    pub media_type: &'static str,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl Logo {
    /// A logo from a file's name and bytes; the kind is read from the name's extension.
    pub fn new(file_name: &str, bytes: Vec<u8>) -> Result<Logo, SiteConfigError> {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let media_type = match ext.as_str() {
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "webp" => "image/webp",
            _ => return Err(SiteConfigError::Logo(file_name.to_string())),
        };
        Ok(Logo { media_type, bytes })
    }
}

/// The site as the server runs it: the configuration and the logo.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// What `site.toml` says.
    pub config: SiteConfig,
    /// The logo, when configured.
    pub logo: Option<Logo>,
}

/// Where the logo is served.
pub const LOGO_PATH: &str = "/logotyp";
/// The tillgänglighetsredogörelse.
pub const ACCESSIBILITY_PATH: &str = "/tillganglighet";
/// The page on personal data.
pub const PRIVACY_PATH: &str = "/personuppgifter";
/// The registrator's contact details.
pub const CONTACT_PATH: &str = "/kontakt";

/// What a page of one request knows of the site: its settings and its absolute origin.
#[derive(Debug, Clone)]
pub struct SiteContext {
    /// The authority's name, if configured.
    pub name: Option<String>,
    /// Whether a logo is served at [`LOGO_PATH`].
    pub logo: bool,
    /// `https://protokoll.kommun.se`: `KANSLI_PUBLIC_URL`'s origin, else the request's host.
    pub origin: String,
}

tokio::task_local! {
    static CURRENT: SiteContext;
}

/// The site of the request being answered (defaults outside a request, e.g. in unit tests).
pub fn current() -> SiteContext {
    CURRENT.try_with(Clone::clone).unwrap_or(SiteContext {
        name: None,
        logo: false,
        origin: "http://localhost".to_string(),
    })
}

/// The absolute origin of the site for this request: the configured public URL's origin when
/// there is one (a proxy may rewrite `Host`), else `http(s)://` and the `Host` header.
pub fn origin(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(o) = &state.auth.public_origin {
        return o.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        // Only a plausible host: the value ends up in links.
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if crate::secretariat::access::is_https(state, headers) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// Middleware around every route: runs the request with its [`SiteContext`].
pub async fn scope(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let context = SiteContext {
        name: state.site.config.organisation.name.clone(),
        logo: state.site.logo.is_some(),
        origin: origin(&state, req.headers()),
    };
    CURRENT.scope(context, next.run(req)).await
}

/// Serves the logo (404 without one).
pub async fn logo(State(state): State<AppState>) -> Result<Response, PageError> {
    let Some(logo) = &state.site.logo else {
        return Err(Failure::not_found("Logotypen", "no logo configured").into());
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(logo.media_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        logo.bytes.clone(),
    )
        .into_response())
}

fn footer_crumbs(title: &str) -> Vec<crate::pages::Crumb> {
    vec![
        ("Startsida".to_string(), Some(crate::paths::start())),
        (title.to_string(), None),
    ]
}

/// The name the pages use for the site: "Lomma kommuns protokollsarkiv" or "Protokollsarkivet".
pub fn site_title(name: Option<&str>) -> String {
    match name {
        Some(n) => format!("{} protokollsarkiv", crate::text::genitive(n)),
        None => "Protokollsarkivet".to_string(),
    }
}

#[derive(Template)]
#[template(path = "tillganglighet.html")]
struct AccessibilityPage<'a> {
    layout: Layout,
    site: String,
    organisation: String,
    a: &'a Accessibility,
    compliance: &'static str,
    contact_email: Option<String>,
    contact_phone: Option<String>,
}

/// `/tillganglighet`: the tillgänglighetsredogörelse in DIGG's model structure.
pub async fn accessibility(State(state): State<AppState>) -> Result<Response, PageError> {
    let c = &state.site.config;
    let a = &c.tillganglighet;
    let name = c.organisation.name.as_deref();
    let page = AccessibilityPage {
        layout: Layout::new(
            "Tillgänglighetsredogörelse",
            footer_crumbs("Tillgänglighetsredogörelse"),
            None,
        )
        .canonical(ACCESSIBILITY_PATH)
        .description(format!(
            "Hur {} uppfyller lagen om tillgänglighet till digital offentlig service, kända brister och hur du rapporterar problem.",
            match name {
                Some(_) => site_title(name),
                None => "protokollsarkivet".to_string(),
            }
        )),
        site: site_title(name),
        organisation: name.unwrap_or("Myndigheten").to_string(),
        compliance: match a.compliance {
            Compliance::Full => "helt förenlig",
            Compliance::Partial => "delvis förenlig",
            Compliance::None => "inte förenlig",
        },
        contact_email: a
            .contact_email
            .clone()
            .or_else(|| c.registrator.email.clone()),
        contact_phone: a
            .contact_phone
            .clone()
            .or_else(|| c.registrator.phone.clone()),
        a,
    };
    Ok(axum::response::Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "personuppgifter.html")]
struct PrivacyPage<'a> {
    layout: Layout,
    organisation: String,
    p: &'a PersonalData,
    registrator_email: Option<String>,
}

/// `/personuppgifter`: which personal data the published minutes hold, why they are published,
/// and the rights a person has.
pub async fn privacy(State(state): State<AppState>) -> Result<Response, PageError> {
    let c = &state.site.config;
    let page = PrivacyPage {
        layout: Layout::new(
            "Personuppgifter i protokollen",
            footer_crumbs("Personuppgifter"),
            None,
        )
        .canonical(PRIVACY_PATH)
        .description(
            "Vilka personuppgifter protokollen innehåller, varför de publiceras som allmänna handlingar och vilka rättigheter du har.",
        ),
        organisation: c
            .organisation
            .name
            .clone()
            .unwrap_or_else(|| "Myndigheten".to_string()),
        p: &c.personuppgifter,
        registrator_email: c.registrator.email.clone(),
    };
    Ok(axum::response::Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "kontakt.html")]
struct ContactPage<'a> {
    layout: Layout,
    organisation: Option<String>,
    r: &'a Registrator,
    website: Option<String>,
}

/// `/kontakt`: the registrator, where the public asks for documents.
pub async fn contact(State(state): State<AppState>) -> Result<Response, PageError> {
    let c = &state.site.config;
    let page = ContactPage {
        layout: Layout::new("Kontakt", footer_crumbs("Kontakt"), None)
            .canonical(CONTACT_PATH)
            .description(
                "Kontaktuppgifter till registraturen: begär ut handlingar och ställ frågor om protokollen.",
            ),
        organisation: c.organisation.name.clone(),
        r: &c.registrator,
        website: c.organisation.website.clone(),
    };
    Ok(axum::response::Html(page.render()?).into_response())
}

/// `/sitemap.xml`: the start page, the site's own pages, every authority, body and meeting with
/// minutes (newest first, within the protocol's 50,000 addresses).
pub async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let base = origin(&state, &headers);
    let bodies = state.store.sitemap_bodies().await?;
    let mut urls: Vec<(String, Option<NaiveDate>)> = vec![
        (crate::paths::start(), None),
        (ACCESSIBILITY_PATH.to_string(), None),
        (PRIVACY_PATH.to_string(), None),
        (CONTACT_PATH.to_string(), None),
    ];
    let mut authorities: Vec<&str> = bodies.iter().map(|b| b.authority.as_str()).collect();
    authorities.dedup();
    urls.extend(
        authorities
            .iter()
            .map(|a| (crate::paths::authority(a), None)),
    );
    urls.extend(
        bodies
            .iter()
            .map(|b| (crate::paths::body(&b.authority, &b.body), None)),
    );
    let room = kansli_store::SITEMAP_MAX_URLS.saturating_sub(urls.len() as u32);
    if room > 0 {
        urls.extend(
            state
                .store
                .sitemap_meetings(room)
                .await?
                .into_iter()
                .map(|m| {
                    (
                        crate::paths::meeting(&m.authority, &m.body, &m.meeting),
                        Some(m.date),
                    )
                }),
        );
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, _) in &urls {
        // Paths are built from slugs and percent-encoded segments: nothing to escape but `&`.
        xml.push_str(&format!(
            "<url><loc>{}{}</loc></url>\n",
            base,
            path.replace('&', "&amp;")
        ));
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml; charset=utf-8"),
        )],
        xml,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_reads_every_section_and_refuses_unknown_keys() {
        let c = SiteConfig::from_toml(
            r#"
            [organisation]
            name = "Lomma kommun"
            logo = "logo.svg"
            [registrator]
            email = "registrator@lomma.se"
            [tillganglighet]
            compliance = "full"
            assessed = 2026-10-01
            updated = "2026-11-02"
            [personuppgifter]
            controller = "Kommunstyrelsen"
            "#,
        )
        .expect("parses");
        assert_eq!(c.organisation.name.as_deref(), Some("Lomma kommun"));
        assert_eq!(c.tillganglighet.compliance, Compliance::Full);
        assert_eq!(
            c.tillganglighet.assessed,
            NaiveDate::from_ymd_opt(2026, 10, 1)
        );
        assert_eq!(
            c.tillganglighet.updated,
            NaiveDate::from_ymd_opt(2026, 11, 2)
        );
        assert!(SiteConfig::from_toml("[organisation]\nnamn = \"x\"").is_err());
        assert!(SiteConfig::from_toml("[tillganglighet]\nassessed = \"i höstas\"").is_err());
        assert_eq!(
            SiteConfig::from_toml("").expect("empty"),
            SiteConfig::default()
        );
    }

    #[test]
    fn logos_are_images_only() {
        assert_eq!(
            Logo::new("Logo.SVG", vec![]).expect("svg").media_type,
            "image/svg+xml"
        );
        assert!(Logo::new("logo.exe", vec![]).is_err());
    }

    #[test]
    fn site_titles() {
        assert_eq!(
            site_title(Some("Lomma kommun")),
            "Lomma kommuns protokollsarkiv"
        );
        assert_eq!(site_title(None), "Protokollsarkivet");
    }
}

/// The page "Kontrollera ett protokoll".
pub const VERIFY_PATH: &str = "/kontrollera";

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    layout: Layout,
    report: Option<crate::verification::VerifyReport>,
    problems: Vec<String>,
    signers: Vec<String>,
    minutes_href: Option<String>,
    /// The file is the archive's own copy of minutes justerade on paper.
    paper: bool,
}

fn verify_page(report: Option<crate::verification::VerifyReport>) -> Result<Response, PageError> {
    let problems = report
        .as_ref()
        .map(|r| r.problems.iter().map(|p| p.swedish()).collect())
        .unwrap_or_default();
    let minutes_href = report
        .as_ref()
        .and_then(|r| r.minutes.as_ref())
        .map(|m| format!("/{m}"));
    let paper = report
        .as_ref()
        .is_some_and(|r| r.problems.iter().any(|p| p.is_paper_justering()));
    let signers = report
        .as_ref()
        .map(|r| {
            r.signers
                .iter()
                .map(|s| {
                    let mut line = s.name.clone();
                    if let Some(role) = &s.role {
                        line.push_str(&format!(" ({role})"));
                    }
                    if let Some(t) = &s.signed_at {
                        line.push_str(&format!(", {}", crate::secretariat::local_time(t)));
                    }
                    line
                })
                .collect()
        })
        .unwrap_or_default();
    let page = VerifyPage {
        layout: Layout::new(
            "Kontrollera ett protokoll",
            footer_crumbs("Kontrollera ett protokoll"),
            None,
        )
        .canonical(VERIFY_PATH)
        .description(
            "Kontrollera att ett justerat protokoll är oförändrat och vem som skrivit under det.",
        ),
        report,
        problems,
        signers,
        minutes_href,
        paper,
    };
    Ok(axum::response::Html(page.render()?).into_response())
}

/// `GET /kontrollera`: the form.
pub async fn verify_form() -> Result<Response, PageError> {
    verify_page(None)
}

/// `POST /kontrollera`: checks the uploaded PDF.
pub async fn verify_upload(
    State(state): State<AppState>,
    axum::Extension(cache): axum::Extension<crate::render_cache::RenderCache>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let mut bytes = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file")
            && let Ok(b) = field.bytes().await
        {
            bytes = b.to_vec();
        }
    }
    let report = crate::verification::verify_file(&state.store, &bytes, Some(&cache))
        .await
        .map_err(Failure::from)?;
    verify_page(Some(report))
}
