//! Single sign-on with OpenID Connect, as kommuner run it (Entra ID, ADFS, Keycloak): the
//! authorization code flow with PKCE, `state` and `nonce`, through the `openidconnect` crate.
//!
//! The flow's secrets live in the database (`oidc_flows`, the state hashed), so any server of
//! an installation can take the callback, and each state is good for one callback only: a
//! wrong or replayed `state` is refused. The person is matched to an account by e-mail, and
//! only by an e-mail the provider says is verified (`email_verified`); an unknown person gets
//! an account with no role until an administrator grants one.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kansli_auth::Email;
use kansli_store::{OidcFlow, User};
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreResponseType};
use openidconnect::reqwest;
use openidconnect::{
    AccessToken, AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde::Deserialize;
use tokio::sync::OnceCell;

use super::pages::message_page;
use crate::AppState;

/// How long a login at the provider may take before its state is refused.
const FLOW_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);

/// The provider and this installation's registration with it.
#[derive(Debug)]
pub struct OidcSettings {
    /// The issuer URL (`https://login.microsoftonline.com/<tenant>/v2.0`).
    pub issuer: String,
    /// The client id Kansli is registered with.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
    /// The callback URL registered at the provider: `<public URL>/logga-in/sso/tillbaka`.
    pub redirect_url: String,
    /// The provider's discovery document, fetched once.
    metadata: OnceCell<CoreProviderMetadata>,
}

impl OidcSettings {
    /// Settings from the configuration; the provider is asked for its metadata on first use.
    pub fn new(
        issuer: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        public_url: &str,
    ) -> Arc<OidcSettings> {
        Arc::new(OidcSettings {
            issuer: issuer.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_url: format!("{}/logga-in/sso/tillbaka", public_url.trim_end_matches('/')),
            metadata: OnceCell::new(),
        })
    }
}

/// The provider's answer on the callback.
#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// Why a single sign-on was refused: for the log (English) and the person (Swedish).
#[derive(Debug, Clone)]
pub struct Refusal {
    /// What went wrong, for the log and the audit trail.
    pub reason: String,
    /// What the person is told.
    pub sv: String,
    /// The account concerned, when known.
    pub account: Option<String>,
}

fn refusal(reason: impl Into<String>, sv: &str) -> Refusal {
    Refusal {
        reason: reason.into(),
        sv: sv.to_string(),
        account: None,
    }
}

fn http_client() -> Result<reqwest::Client, Refusal> {
    reqwest::ClientBuilder::new()
        // Following redirects would open the server to SSRF through the provider's answers.
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| refusal(format!("HTTP client: {e}"), UNAVAILABLE))
}

const UNAVAILABLE: &str =
    "Organisationens inloggningstjänst svarar inte just nu. Försök igen om en stund.";

async fn metadata<'a>(
    settings: &'a OidcSettings,
    http: &reqwest::Client,
) -> Result<&'a CoreProviderMetadata, Refusal> {
    settings
        .metadata
        .get_or_try_init(|| async {
            let issuer = IssuerUrl::new(settings.issuer.clone())
                .map_err(|e| refusal(format!("issuer URL: {e}"), UNAVAILABLE))?;
            CoreProviderMetadata::discover_async(issuer, http)
                .await
                .map_err(|e| refusal(format!("discovery failed: {e}"), UNAVAILABLE))
        })
        .await
}

/// Sends the browser to the provider, after keeping the flow's state, nonce and verifier.
pub async fn start(state: &AppState, return_to: &str) -> Response {
    let Some(settings) = state.auth.oidc.clone() else {
        return message_page(
            StatusCode::NOT_FOUND,
            "Enkel inloggning används inte",
            "Den här installationen av Kansli är inte kopplad till någon inloggningstjänst. Logga in med e-post och lösenord.",
        );
    };
    match begin(state, &settings, return_to).await {
        Ok(url) => {
            let mut response = Redirect::to(&url).into_response();
            *response.status_mut() = StatusCode::SEE_OTHER;
            response
        }
        Err(r) => {
            tracing::error!(reason = %r.reason, "single sign-on cannot start");
            message_page(StatusCode::BAD_GATEWAY, "Inloggningen misslyckades", &r.sv)
        }
    }
}

async fn begin(
    state: &AppState,
    settings: &OidcSettings,
    return_to: &str,
) -> Result<String, Refusal> {
    let http = http_client()?;
    let client = client(settings, metadata(settings, &http).await?.clone())?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let flow = OidcFlow {
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        return_to: return_to.to_string(),
        created_at: state.store.now_utc(),
    };
    state
        .store
        .put_oidc_flow(&kansli_auth::SecretHash::of(csrf.secret()), &flow)
        .await
        .map_err(|e| refusal(format!("cannot keep the flow: {e}"), UNAVAILABLE))?;
    Ok(url.to_string())
}

type Client = openidconnect::Client<
    openidconnect::EmptyAdditionalClaims,
    openidconnect::core::CoreAuthDisplay,
    openidconnect::core::CoreGenderClaim,
    openidconnect::core::CoreJweContentEncryptionAlgorithm,
    openidconnect::core::CoreJsonWebKey,
    openidconnect::core::CoreAuthPrompt,
    openidconnect::StandardErrorResponse<openidconnect::core::CoreErrorResponseType>,
    openidconnect::core::CoreTokenResponse,
    openidconnect::core::CoreTokenIntrospectionResponse,
    openidconnect::core::CoreRevocableToken,
    openidconnect::core::CoreRevocationErrorResponse,
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

fn client(settings: &OidcSettings, metadata: CoreProviderMetadata) -> Result<Client, Refusal> {
    let redirect = RedirectUrl::new(settings.redirect_url.clone())
        .map_err(|e| refusal(format!("redirect URL: {e}"), UNAVAILABLE))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(settings.client_id.clone()),
        Some(ClientSecret::new(settings.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// Checks the callback: the state is one Kansli issued and not yet used, the code exchanges
/// (with the PKCE verifier) for an ID token whose signature, issuer, audience and nonce hold,
/// and the e-mail is verified. Returns the account and where to go.
pub async fn finish(state: &AppState, query: &CallbackQuery) -> Result<(User, String), Refusal> {
    let Some(settings) = state.auth.oidc.clone() else {
        return Err(refusal(
            "single sign-on is not configured",
            "Enkel inloggning används inte här.",
        ));
    };
    if let Some(error) = &query.error {
        return Err(refusal(
            format!("the provider answered {error}"),
            "Inloggningstjänsten godkände inte inloggningen.",
        ));
    }
    let (Some(code), Some(csrf)) = (&query.code, &query.state) else {
        return Err(refusal(
            "the callback lacks code or state",
            "Svaret från inloggningstjänsten var ofullständigt. Börja om inloggningen.",
        ));
    };
    let stale = "Inloggningen är för gammal eller har redan använts. Börja om inloggningen.";
    let flow = state
        .store
        .take_oidc_flow(&kansli_auth::SecretHash::of(csrf))
        .await
        .map_err(|e| refusal(format!("cannot read the flow: {e}"), UNAVAILABLE))?
        .ok_or_else(|| refusal("unknown or already used state", stale))?;
    if state.store.now_utc() - flow.created_at > FLOW_LIFETIME {
        return Err(refusal("the flow's state expired", stale));
    }
    let http = http_client()?;
    let client = client(&settings, metadata(&settings, &http).await?.clone())?;
    let token = client
        .exchange_code(AuthorizationCode::new(code.clone()))
        .map_err(|e| refusal(format!("no token endpoint: {e}"), UNAVAILABLE))?
        .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce_verifier.clone()))
        .request_async(&http)
        .await
        .map_err(|e| {
            refusal(
                format!("the code was not accepted: {e}"),
                "Inloggningstjänsten godtog inte inloggningen (koden var ogiltig eller redan använd). Börja om inloggningen.",
            )
        })?;
    let id_token = token.id_token().ok_or_else(|| {
        refusal(
            "the provider sent no ID token",
            "Inloggningstjänsten skickade ingen identitet.",
        )
    })?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(flow.nonce.clone()))
        .map_err(|e| {
            refusal(
                format!("the ID token does not hold: {e}"),
                "Identiteten från inloggningstjänsten kunde inte bekräftas.",
            )
        })?
        .clone();
    let mut email = claims.email().map(|e| e.as_str().to_string());
    let mut verified = claims.email_verified();
    let mut name = claims
        .name()
        .and_then(|n| n.get(None))
        .map(|n| n.as_str().to_string());
    if email.is_none() || verified.is_none() {
        let info = user_info(&client, &http, token.access_token(), claims.subject()).await?;
        email = email.or(info.0);
        verified = verified.or(info.1);
        name = name.or(info.2);
    }
    let email = email.ok_or_else(|| {
        refusal(
            "the provider gave no e-mail",
            "Inloggningstjänsten uppgav ingen e-postadress, så kontot kan inte hittas.",
        )
    })?;
    if verified != Some(true) {
        return Err(Refusal {
            reason: "the e-mail is not verified by the provider".into(),
            sv: "E-postadressen är inte bekräftad hos inloggningstjänsten, så Kansli kan inte lita på att kontot är ditt.".into(),
            account: Some(email),
        });
    }
    let email = Email::parse(&email).map_err(|_| {
        refusal(
            format!("the provider's e-mail {email:?} is not an address"),
            "Inloggningstjänsten uppgav en ogiltig e-postadress.",
        )
    })?;
    let user = state
        .store
        .user_for_sso(
            &email,
            name.as_deref().unwrap_or(""),
            claims.subject().as_str(),
        )
        .await
        .map_err(|e| refusal(format!("cannot store the account: {e}"), UNAVAILABLE))?;
    if user.disabled {
        return Err(Refusal {
            reason: "the account is disabled".into(),
            sv: "Ditt konto i Kansli är avstängt. Kontakta en administratör.".into(),
            account: Some(user.email),
        });
    }
    Ok((user, flow.return_to))
}

async fn user_info(
    client: &Client,
    http: &reqwest::Client,
    access: &AccessToken,
    subject: &openidconnect::SubjectIdentifier,
) -> Result<(Option<String>, Option<bool>, Option<String>), Refusal> {
    let request = match client.user_info(access.clone(), Some(subject.clone())) {
        Ok(r) => r,
        Err(_) => return Ok((None, None, None)),
    };
    let info: openidconnect::core::CoreUserInfoClaims =
        request.request_async(http).await.map_err(|e| {
            refusal(
                format!("userinfo failed: {e}"),
                "Inloggningstjänsten svarade inte på frågan om vem du är.",
            )
        })?;
    Ok((
        info.email().map(|e| e.as_str().to_string()),
        info.email_verified(),
        info.name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_string()),
    ))
}
