//! Signing in and out of a tenant.

use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form};
use serde::Deserialize;
use tower_sessions::Session;

use super::frame::Frame;
use super::session::{self, csrf_matches, csrf_token, same_origin};
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
}

async fn render(
    app: &AppState,
    session: &Session,
    lang: Lang,
    tenant: &str,
    username: String,
    error: Option<&str>,
) -> Result<String> {
    let view = app.tenant(tenant).await?;
    let page = SignInPage {
        frame: Frame::new(lang, &format!("/t/{tenant}/sign-in")),
        tenant: tenant.to_owned(),
        tenant_name: view.console.state.profile.name.clone(),
        csrf: csrf_token(session).await,
        username,
        error: error.map(|id| lang.tr().t(id)),
    };
    Ok(page.render()?)
}

async fn sign_in_page(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
) -> Result<Response> {
    record_tenant(&tenant);
    let html = render(&app, &session, lang, &tenant, String::new(), None).await?;
    Ok(Html(html).into_response())
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
    if !same_origin(&headers) || !csrf_matches(&session, &form.csrf).await {
        return Err(AppError::Forbidden);
    }
    let username = form.username.trim().to_lowercase();
    let client = client.map_or_else(|| "unknown".to_owned(), |c| c.0.0.ip().to_string());
    // Throttled before any hashing, per account and per client address.
    if !app.throttle.allow(&format!("account:{tenant}:{username}"))
        || !app.throttle.allow(&format!("client:{client}"))
    {
        let html = render(
            &app,
            &session,
            lang,
            &tenant,
            username,
            Some("sign-in-throttled"),
        )
        .await?;
        return Ok((StatusCode::TOO_MANY_REQUESTS, Html(html)).into_response());
    }
    let account = db::accounts::find(&app.pool, &tenant, &username).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    // The same work, and the same answer, for an unknown user and a wrong password.
    if !crate::password::verify(form.password, stored).await {
        tracing::info!(outcome = "refused", "sign-in");
        let html = render(
            &app,
            &session,
            lang,
            &tenant,
            username,
            Some("sign-in-failed"),
        )
        .await?;
        return Ok((StatusCode::UNAUTHORIZED, Html(html)).into_response());
    }
    let Some(account) = account else {
        return Err(AppError::Forbidden);
    };
    session::sign_in(&session, &tenant, &account.actor_id).await?;
    tracing::Span::current().record("actor", account.actor_id.as_str());
    tracing::info!(outcome = "signed_in", "sign-in");
    // Back to the form whose evidence was kept when the previous session ended, if any.
    let anchor = session
        .get::<(String, crate::web::console::Draft)>(crate::web::console::PENDING_DRAFT)
        .await
        .ok()
        .flatten()
        .filter(|(t, _)| *t == tenant)
        .map(|(_, draft)| format!("#item-{}", draft.item.replace('.', "-")))
        .unwrap_or_default();
    Ok(Redirect::to(&format!("/t/{tenant}?lang={}{anchor}", lang.code())).into_response())
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
    if !same_origin(&headers) || !csrf_matches(&session, &form.csrf).await {
        return Err(AppError::Forbidden);
    }
    session::sign_out(&session).await?;
    Ok(Redirect::to(&format!("/t/{tenant}?lang={}", lang.code())).into_response())
}
