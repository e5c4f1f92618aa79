//! The managing director's invitation: the one-time link `tenant create` prints opens a form
//! to choose a username and password; sending it creates the account (argon2id, like every
//! account) and leads to the tenant's sign-in page. Showing the form stores nothing (its CSRF
//! token is the sign-in form's cookie); an expired, used or unknown link says which it is.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::extract::Form;
use super::frame::Frame;
use super::session::{self, same_origin};
use super::{AppError, AppState, Locale, Result, record_tenant};
use crate::db::tenants::{self, AcceptError, Invitation};
use crate::i18n::Lang;
use crate::readiness::lifecycle::NewAccount;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/t/{tenant}/invite/{token}", get(invite_page).post(accept))
}

#[derive(Template)]
#[template(path = "auth/invite.html")]
struct InvitePage {
    frame: Frame,
    tenant: String,
    tenant_name: String,
    token: String,
    csrf: String,
    username: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/invite_gone.html")]
struct InviteGone {
    frame: Frame,
    tenant: String,
    tenant_name: String,
    title: String,
    body: String,
}

/// The message ids and status of a link that cannot be used.
fn gone(invitation: Invitation) -> (&'static str, StatusCode) {
    match invitation {
        Invitation::Expired => ("invite-expired", StatusCode::GONE),
        Invitation::Used => ("invite-used", StatusCode::GONE),
        Invitation::Unknown | Invitation::Valid => ("invite-unknown", StatusCode::NOT_FOUND),
    }
}

/// The message ids of the invitation pages that depend on a code.
pub fn message_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for invitation in [Invitation::Expired, Invitation::Used, Invitation::Unknown] {
        let (id, _) = gone(invitation);
        ids.push(format!("{id}-title"));
        ids.push(format!("{id}-body"));
    }
    for refusal in crate::readiness::lifecycle::AccountRefusal::ALL {
        ids.push(refusal.message_id().to_owned());
    }
    ids.push("invite-error-username-taken".to_owned());
    ids
}

struct Shown<'a> {
    app: &'a AppState,
    lang: Lang,
    tenant: &'a str,
    token: &'a str,
}

impl Shown<'_> {
    fn path(&self) -> String {
        format!("/t/{}/invite/{}", self.tenant, self.token)
    }

    async fn tenant_name(&self) -> Result<String> {
        Ok(self
            .app
            .tenant(self.tenant)
            .await?
            .console
            .state
            .profile
            .name
            .clone())
    }

    /// The page saying the link cannot be used.
    async fn gone(&self, invitation: Invitation) -> Result<Response> {
        let (id, status) = gone(invitation);
        let tr = self.lang.tr();
        let page = InviteGone {
            frame: Frame::new(self.lang, &self.path()),
            tenant: self.tenant.to_owned(),
            tenant_name: self.tenant_name().await?,
            title: tr.t(&format!("{id}-title")),
            body: tr.t(&format!("{id}-body")),
        };
        Ok((status, Html(page.render()?)).into_response())
    }

    /// The form, with the token it was sent with after a refusal, or a fresh one.
    async fn form(
        &self,
        username: &str,
        error: Option<&str>,
        status: StatusCode,
        csrf: Option<&str>,
    ) -> Result<Response> {
        let token = session::FormToken::new(self.app.https, csrf);
        let page = InvitePage {
            frame: Frame::new(self.lang, &self.path()),
            tenant: self.tenant.to_owned(),
            tenant_name: self.tenant_name().await?,
            token: self.token.to_owned(),
            csrf: token.token.clone(),
            username: crate::readiness::evidence::as_typed(username),
            error: error.map(|id| self.lang.tr().t(id)),
        };
        Ok(token.answer(status, page.render()?))
    }
}

/// Opening the link reads the invitation and stores nothing.
async fn invite_page(
    State(app): State<AppState>,
    Path((tenant, token)): Path<(String, String)>,
    Locale(lang): Locale,
) -> Result<Response> {
    record_tenant(&tenant);
    let shown = Shown {
        app: &app,
        lang,
        tenant: &tenant,
        token: &token,
    };
    match tenants::invitation(&app.pool, &tenant, &token, app.clock.now()).await? {
        Invitation::Valid => shown.form("", None, StatusCode::OK, None).await,
        other => shown.gone(other).await,
    }
}

/// The invitation form.
#[derive(Deserialize)]
pub struct InviteForm {
    username: String,
    password: String,
    password_again: String,
    csrf: String,
}

async fn accept(
    State(app): State<AppState>,
    Path((tenant, token)): Path<(String, String)>,
    Locale(lang): Locale,
    headers: HeaderMap,
    Form(form): Form<InviteForm>,
) -> Result<Response> {
    record_tenant(&tenant);
    if !same_origin(&headers) || !session::sign_in_token_matches(&headers, app.https, &form.csrf) {
        return Err(AppError::Forbidden);
    }
    let shown = Shown {
        app: &app,
        lang,
        tenant: &tenant,
        token: &token,
    };
    let refuse = |id, status| shown.form(&form.username, Some(id), status, Some(&form.csrf));
    let account = match NewAccount::parse(&form.username, &form.password, &form.password_again) {
        Ok(account) => account,
        Err(refusal) => {
            return refuse(refusal.message_id(), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    // No password is hashed for a link that cannot be used.
    let found = tenants::invitation(&app.pool, &tenant, &token, app.clock.now()).await?;
    if found != Invitation::Valid {
        return shown.gone(found).await;
    }
    let password = account.password.clone();
    let phc = tokio::task::spawn_blocking(move || crate::password::hash(&password))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)?;
    let accepted = tenants::accept_invitation(
        &app.pool,
        &tenant,
        &token,
        &account.username,
        &phc,
        app.clock.now(),
    )
    .await;
    match accepted {
        Ok(actor) => {
            tracing::Span::current().record("actor", actor.as_str());
            tracing::info!(outcome = "accepted", "invitation");
            Ok(Redirect::to(&format!("/t/{tenant}/sign-in?lang={}", lang.code())).into_response())
        }
        Err(AcceptError::Invalid(found)) => shown.gone(found).await,
        Err(AcceptError::UsernameTaken) => {
            refuse("invite-error-username-taken", StatusCode::CONFLICT).await
        }
        Err(AcceptError::Db(error)) => Err(error.into()),
    }
}
