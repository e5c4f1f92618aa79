//! Signing in and out of a tenant.

use askama::Template;
use axum::Extension;
use axum::Router;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
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
    let request_id = super::request_id(&headers);
    let account = match authenticate(&app, &tenant, &username, form.password.clone()).await? {
        Ok(account) => account,
        Err(target) => {
            tracing::info!(outcome = "refused", "sign-in");
            record_failure(&app, &tenant, &username, &target, &request_id).await;
            return refuse("sign-in-failed", StatusCode::UNAUTHORIZED).await;
        }
    };
    begin_session(
        &app,
        &session,
        &headers,
        (&tenant, &account.actor_id),
        (db::sign_ins::Method::Password, lang),
    )
    .await?;
    tracing::Span::current().record("actor", account.actor_id.as_str());
    tracing::info!(outcome = "signed_in", "sign-in");
    let anchor = kept_form_anchor(&session, &tenant).await;
    Ok(Redirect::to(&format!("/t/{tenant}?lang={}{anchor}", lang.code())).into_response())
}

/// Signs `actor` in to `tenant` in this session, by `method`: the sign-in's row, the
/// account's last sign-in (and the language it was made in, which their mails are written in)
/// and the audit event in one transaction, then the session (a new id,
/// a new CSRF token). The one way in, for the password form and the identity provider alike.
pub(crate) async fn begin_session(
    app: &AppState,
    session: &Session,
    headers: &HeaderMap,
    (tenant, actor): (&str, &str),
    (method, lang): (db::sign_ins::Method, crate::i18n::Lang),
) -> Result<()> {
    let signed = session::SignedIn::new(tenant, actor, app.clock.now());
    let request_id = super::request_id(headers);
    let by = db::write::Author {
        tenant,
        actor,
        request_id: &request_id,
        key: &app.key,
        clock: &app.clock,
    };
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    db::sign_ins::signed_in(
        &app.pool,
        &by,
        &signed.sign_in,
        (method, lang.code()),
        user_agent,
        signed.since,
    )
    .await?;
    app.cache.invalidate(tenant);
    session::sign_in(session, &signed).await?;
    Ok(())
}

/// Records a refused sign-in in the tenant's audit chain, unless [`session::FailureRecords`]
/// says enough were recorded this minute. A failure to record it is logged, not shown: the
/// answer is the refusal either way.
async fn record_failure(
    app: &AppState,
    tenant: &str,
    username: &str,
    target: &str,
    request_id: &str,
) {
    if !app
        .failures
        .record(tenant, &db::sign_ins::failed_target(username))
    {
        return;
    }
    match db::sign_ins::failed(&app.pool, tenant, target, request_id, &app.key, &app.clock).await {
        Ok(()) => app.cache.invalidate(tenant),
        Err(error) => tracing::warn!(%error, "a refused sign-in was not recorded"),
    }
}

/// Whether sign-in is throttled, per account and per client address: asked before any
/// hashing.
fn throttled(app: &AppState, tenant: &str, username: &str, client: &str) -> bool {
    !app.throttle.allow(&format!("account:{tenant}:{username}"))
        || !app.throttle.allow(&format!("client:{client}"))
}

/// The account `username` names, if `password` is its password and the account is active;
/// otherwise what the refusal's audit event is about (the account's actor, or the username as
/// typed). The same work, and the same answer, for an unknown user, an account without a
/// password, a disabled account and a wrong password.
async fn authenticate(
    app: &AppState,
    tenant: &str,
    username: &str,
    password: String,
) -> Result<Result<db::accounts::Account, String>> {
    let account = if plausible_username(username) {
        db::accounts::find(&app.pool, tenant, username).await?
    } else {
        None
    };
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    let matches = crate::password::verify(password, stored).await;
    Ok(match account {
        Some(account) if matches && account.active => Ok(account),
        Some(account) => Err(account.actor_id),
        None => Err(db::sign_ins::failed_target(username)),
    })
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
    State(app): State<AppState>,
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
    if let Some(signed) = session::viewer(&session, &tenant).await {
        let request_id = super::request_id(&headers);
        let by = db::write::Author {
            tenant: &tenant,
            actor: &signed.actor,
            request_id: &request_id,
            key: &app.key,
            clock: &app.clock,
        };
        db::sign_ins::signed_out(&app.pool, &by, &signed.sign_in).await?;
        app.cache.invalidate(&tenant);
    }
    session::sign_out(&session).await?;
    tracing::info!("signed out");
    let home = Redirect::to(&format!("/t/{tenant}?lang={}", lang.code()));
    Ok(session::signed_out(home.into_response()))
}
