//! Signing in through the tenant's identity provider (OpenID Connect): `/sso` sends the
//! person to the provider with a PKCE challenge, a nonce and a CSRF state kept in the
//! session; `/sso/callback` checks the state, exchanges the code, verifies the ID token,
//! maps the role claim to a console role, finds (or links, or signs up) the person, and signs
//! them in exactly as the password form does. Each failure is a page in the reader's language
//! and creates nothing.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use tower_sessions::Session;

use super::frame::Frame;
use super::{AppState, Locale, Result, record_tenant};
use crate::db::{self, sso::Outcome};
use crate::i18n::Lang;
use crate::oidc::{Client, Failure, Pending};
use crate::readiness::sso::SsoSettings;

/// Where the flow's state waits in the session for the callback.
const PENDING: &str = "oidc";

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/sso", get(begin))
        .route("/t/{tenant}/sso/callback", get(callback))
}

/// The message ids of the failure pages.
pub fn message_ids() -> Vec<String> {
    Failure::ALL
        .iter()
        .flat_map(|f| {
            [
                format!("sso-failure-{}-title", f.as_str()),
                format!("sso-failure-{}-body", f.as_str()),
            ]
        })
        .collect()
}

/// What the sign-in page shows of the tenant's identity provider.
pub struct SignInOptions {
    /// "Sign in with …": the provider's name (its issuer's host), when there is one.
    pub provider: Option<String>,
    /// Whether the password form is offered.
    pub password: bool,
}

impl SignInOptions {
    /// The options `settings` give.
    pub fn of(settings: Option<&SsoSettings>) -> Self {
        Self {
            provider: settings.map(provider_name),
            password: settings.is_none_or(|s| s.password_sign_in),
        }
    }
}

/// The provider's name as the sign-in button says it: its issuer's host.
fn provider_name(settings: &SsoSettings) -> String {
    url::Url::parse(&settings.issuer)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| settings.issuer.clone())
}

#[derive(Template)]
#[template(path = "sso/failure.html")]
struct FailurePage {
    frame: Frame,
    tenant: String,
    tenant_name: String,
    title: String,
    body: String,
}

/// The page of a failure, answered with its status.
async fn failure(app: &AppState, lang: Lang, tenant: &str, failure: Failure) -> Result<Response> {
    tracing::info!(
        outcome = "refused",
        reason = failure.as_str(),
        "single sign-on"
    );
    let tr = lang.tr();
    let id = failure.as_str();
    let page = FailurePage {
        frame: Frame::new(lang, &format!("/t/{tenant}/sign-in")),
        tenant: tenant.to_owned(),
        tenant_name: app.tenant(tenant).await?.console.state.profile.name.clone(),
        title: tr.t(&format!("sso-failure-{id}-title")),
        body: tr.t(&format!("sso-failure-{id}-body")),
    };
    let status = StatusCode::from_u16(failure.status()).unwrap_or(StatusCode::BAD_REQUEST);
    Ok((status, Html(page.render()?)).into_response())
}

/// The tenant's settings and its resolved client secret.
async fn configured(
    app: &AppState,
    tenant: &str,
) -> Result<Result<(SsoSettings, String), Failure>> {
    let Some(settings) = db::sso::settings(&app.pool, tenant).await? else {
        return Ok(Err(Failure::NotConfigured));
    };
    let secret = crate::rehearsal::SecretRef::parse(&settings.client_secret_ref)
        .ok()
        .and_then(|r| r.resolve(&app.secrets).ok());
    let Some(secret) = secret else {
        tracing::warn!("the client secret's reference cannot be read");
        return Ok(Err(Failure::Secret));
    };
    let secret = secret.expose().to_owned();
    Ok(Ok((settings, secret)))
}

/// The callback URL the provider sends the person back to.
fn redirect_uri(app: &AppState, headers: &axum::http::HeaderMap, tenant: &str) -> String {
    let origin = app.public_url.clone().unwrap_or_else(|| {
        let host = headers
            .get(axum::http::header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("localhost");
        let scheme = if app.https { "https" } else { "http" };
        format!("{scheme}://{host}")
    });
    format!("{origin}/t/{tenant}/sso/callback")
}

fn client<'a>(settings: &'a SsoSettings, secret: &'a str, redirect_uri: String) -> Client<'a> {
    Client {
        issuer: &settings.issuer,
        client_id: &settings.client_id,
        secret,
        redirect_uri,
    }
}

/// To the provider. What it keeps — the state, the nonce, the PKCE verifier — is in the
/// session (a new one, for a visitor without one); nothing else is written.
async fn begin(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    headers: axum::http::HeaderMap,
) -> Result<Response> {
    record_tenant(&tenant);
    let (settings, secret) = match configured(&app, &tenant).await? {
        Ok(found) => found,
        Err(f) => return failure(&app, lang, &tenant, f).await,
    };
    let client = client(&settings, &secret, redirect_uri(&app, &headers, &tenant));
    let (url, pending) = match app.oidc.begin(&tenant, &client).await {
        Ok(begun) => begun,
        Err(f) => return failure(&app, lang, &tenant, f).await,
    };
    session.insert(PENDING, &pending).await?;
    Ok(Redirect::to(&url).into_response())
}

/// What the provider sends back.
#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    headers: axum::http::HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Result<Response> {
    record_tenant(&tenant);
    match signed_in(&app, (&tenant, lang), &session, &headers, query).await? {
        Ok(actor) => {
            tracing::Span::current().record("actor", actor.as_str());
            tracing::info!(outcome = "signed_in", method = "oidc", "sign-in");
            Ok(Redirect::to(&format!("/t/{tenant}?lang={}", lang.code())).into_response())
        }
        Err(f) => failure(&app, lang, &tenant, f).await,
    }
}

/// The callback's work: the actor signed in, or why not.
async fn signed_in(
    app: &AppState,
    (tenant, lang): (&str, crate::i18n::Lang),
    session: &Session,
    headers: &axum::http::HeaderMap,
    query: CallbackQuery,
) -> Result<Result<String, Failure>> {
    // Taken, not read: a replayed callback finds nothing.
    let pending: Option<Pending> = if session.id().is_some() {
        session.remove(PENDING).await?
    } else {
        None
    };
    let state_matches = |p: &Pending| {
        use sha2::{Digest, Sha256};
        let sent = query.state.as_deref().unwrap_or_default();
        p.tenant == tenant && Sha256::digest(p.state.as_bytes()) == Sha256::digest(sent)
    };
    let Some(pending) = pending.filter(state_matches) else {
        return Ok(Err(Failure::State));
    };
    if query.error.is_some() {
        return Ok(Err(Failure::Denied));
    }
    let Some(code) = query.code.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(Err(Failure::Code));
    };
    let (settings, secret) = match configured(app, tenant).await? {
        Ok(found) => found,
        Err(f) => return Ok(Err(f)),
    };
    let client = client(&settings, &secret, redirect_uri(app, headers, tenant));
    let now = app.clock.now();
    let verified = match app
        .oidc
        .finish(&client, &pending, code, &settings.role_claim, now)
        .await
    {
        Ok(verified) => verified,
        Err(f) => {
            if f == Failure::Signature {
                // Keys may have been rotated since they were kept: the next sign-in fetches them.
                app.oidc.forget(&settings.issuer);
            }
            return Ok(Err(f));
        }
    };
    let role = settings
        .role_for(verified.role_values.iter().map(String::as_str))
        .or(settings.sign_up);
    let Some(role) = role else {
        return Ok(Err(Failure::Unmapped));
    };
    let identity = db::sso::Identity {
        sub: verified.sub,
        email: verified.email,
        name: verified.name,
    };
    let outcome = db::sso::sign_in(
        &app.pool,
        tenant,
        &identity,
        role,
        settings.sign_up,
        &db::tenants::Stamp {
            key: &app.key,
            clock: &app.clock,
            request_id: &super::request_id(headers),
        },
    )
    .await?;
    let actor = match outcome {
        Outcome::SignedIn { actor, .. } => actor,
        Outcome::Unknown => return Ok(Err(Failure::Unknown)),
        Outcome::Disabled => return Ok(Err(Failure::Disabled)),
        Outcome::LastDirector => return Ok(Err(Failure::LastDirector)),
    };
    super::auth::begin_session(
        app,
        session,
        headers,
        (tenant, &actor),
        (db::sign_ins::Method::Oidc, lang),
    )
    .await?;
    Ok(Ok(actor))
}
