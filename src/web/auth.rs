//! Signing in and out of a tenant.

use askama::Template;
use axum::Extension;
use axum::Router;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::extract::Form;
use serde::Deserialize;
use tower_sessions::Session;

use super::frame::Frame;
use super::session::{self, csrf_matches, same_origin};
use super::{AppError, AppState, Locale, Result, record_tenant};
use crate::db;
use crate::i18n::Lang;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/sign-in", get(sign_in_page).post(sign_in))
        .route("/t/{tenant}/sign-out", post(sign_out))
}

#[derive(Template)]
#[template(path = "auth/sign_in.html")]
struct SignInPage {
    frame: Frame,
    tenant: String,
    tenant_name: String,
    csrf: String,
    username: String,
    error: Option<String>,
    sso: super::sso::SignInOptions,
}

/// The sign-in page. A form sent back after a refusal keeps the token it was sent with (it
/// matched its cookie); a new form gets a fresh token, its cookie set on the response.
async fn render(
    app: &AppState,
    lang: Lang,
    tenant: &str,
    username: &str,
    error: Option<&str>,
    status: StatusCode,
    token: Option<&str>,
) -> Result<Response> {
    let view = app.tenant(tenant).await?;
    let settings = db::sso::settings(&app.pool, tenant).await?;
    let token = session::FormToken::new(app.https, token);
    let page = SignInPage {
        frame: Frame::new(lang, &format!("/t/{tenant}/sign-in")),
        tenant: tenant.to_owned(),
        tenant_name: view.console.state.profile.name.clone(),
        csrf: token.token.clone(),
        username: crate::readiness::evidence::as_typed(username),
        error: error.map(|id| lang.tr().t(id)),
        sso: super::sso::SignInOptions::of(settings.as_ref()),
    };
    Ok(token.answer(status, page.render()?))
}

/// Showing the form stores nothing: its token lives in a cookie, not in a session.
async fn sign_in_page(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
) -> Result<Response> {
    record_tenant(&tenant);
    render(&app, lang, &tenant, "", None, StatusCode::OK, None).await
}

/// Whether a typed username can be an account's: 1 to 64 of `[a-z0-9._-]` once lowercased.
/// Anything else is answered like an unknown account, without asking the database.
fn plausible_username(username: &str) -> bool {
    (1..=64).contains(&username.len())
        && username.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
    csrf: String,
}

async fn sign_in(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    client: Option<Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response> {
    record_tenant(&tenant);
    if !same_origin(&headers) || !session::sign_in_token_matches(&headers, app.https, &form.csrf) {
        return Err(AppError::Forbidden);
    }
    let username = form.username.trim().to_lowercase();
    let refuse = |message, status| {
        render(
            &app,
            lang,
            &tenant,
            &username,
            Some(message),
            status,
            Some(&form.csrf),
        )
    };
    // A tenant that signs in through its identity provider only takes no password.
    if !db::sso::password_sign_in(&app.pool, &tenant).await? {
        return refuse("sso-password-off", StatusCode::FORBIDDEN).await;
    }
    let client = client.map_or_else(|| "unknown".to_owned(), |c| c.0.0.ip().to_string());
    if throttled(&app, &tenant, &username, &client) {
        return refuse("sign-in-throttled", StatusCode::TOO_MANY_REQUESTS).await;
    }
    let Some(account) = authenticate(&app, &tenant, &username, form.password.clone()).await? else {
        tracing::info!(outcome = "refused", "sign-in");
        return refuse("sign-in-failed", StatusCode::UNAUTHORIZED).await;
    };
    session::sign_in(&session, &tenant, &account.actor_id, app.clock.now()).await?;
    tracing::Span::current().record("actor", account.actor_id.as_str());
    tracing::info!(outcome = "signed_in", "sign-in");
    let anchor = kept_form_anchor(&session, &tenant).await;
    Ok(Redirect::to(&format!("/t/{tenant}?lang={}{anchor}", lang.code())).into_response())
}

/// Whether sign-in is throttled, per account and per client address: asked before any
/// hashing.
fn throttled(app: &AppState, tenant: &str, username: &str, client: &str) -> bool {
    !app.throttle.allow(&format!("account:{tenant}:{username}"))
        || !app.throttle.allow(&format!("client:{client}"))
}

/// The account `username` names, if `password` is its password. The same work, and the same
/// answer, for an unknown user and a wrong password.
async fn authenticate(
    app: &AppState,
    tenant: &str,
    username: &str,
    password: String,
) -> Result<Option<db::accounts::Account>> {
    let account = if plausible_username(username) {
        db::accounts::find(&app.pool, tenant, username).await?
    } else {
        None
    };
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    if !crate::password::verify(password, stored).await {
        return Ok(None);
    }
    account.map(Some).ok_or(AppError::Forbidden)
}

/// Back to the form whose evidence was kept when the previous session ended, if any: its
/// anchor on the console page.
async fn kept_form_anchor(session: &Session, tenant: &str) -> String {
    session
        .get::<(String, crate::web::console::Draft)>(crate::web::console::PENDING_DRAFT)
        .await
        .ok()
        .flatten()
        .filter(|(t, _)| t == tenant)
        .map(|(_, draft)| format!("#{}", crate::web::console::item_anchor(&draft.item)))
        .unwrap_or_default()
}

/// The sign-out form.
#[derive(Deserialize)]
pub struct SignOutForm {
    csrf: String,
}

async fn sign_out(
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<SignOutForm>,
) -> Result<Response> {
    if !same_origin(&headers)
        || !csrf_matches(&session, &form.csrf).await
        || session::signed_in_elsewhere(&session, &tenant).await
    {
        return Err(AppError::Forbidden);
    }
    session::sign_out(&session).await?;
    tracing::info!("signed out");
    Ok(Redirect::to(&format!("/t/{tenant}?lang={}", lang.code())).into_response())
}
