//! One-time links: an invitation (the managing director's, that `tenant create` prints, and
//! every person's the People page makes) opens a form to choose a username and password;
//! sending it creates the account (argon2id, like every account), records `accept_invitation`
//! and leads to the tenant's sign-in page. A password-reset link opens a form to choose a new
//! password for the account it names, with the same rules. Showing a form stores nothing (its
//! CSRF token is the sign-in form's cookie); an expired, used or unknown link says which it is.

use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::extract::Form;
use super::frame::Frame;
use super::session::{self, same_origin};
use super::{AppError, AppState, Locale, Result, record_tenant};
use crate::db::tenants::{self, AcceptError, Invitation, Purpose, Stamp};
use crate::i18n::Lang;
use crate::readiness::lifecycle::NewAccount;
use crate::readiness::state::Role;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/invite/{token}", get(invite_page).post(accept))
        .route("/t/{tenant}/reset/{token}", get(reset_page).post(reset))
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
    /// What the page says it is for, in the reader's language.
    lead: String,
    /// A reset: the username is the account's, shown and not chosen.
    reset: bool,
}

impl InvitePage {
    fn path(&self) -> &'static str {
        if self.reset { "reset" } else { "invite" }
    }
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
fn gone(invitation: Invitation, purpose: Purpose) -> (&'static str, StatusCode) {
    match (purpose, invitation) {
        (Purpose::Invite, Invitation::Expired) => ("invite-expired", StatusCode::GONE),
        (Purpose::Invite, Invitation::Used) => ("invite-used", StatusCode::GONE),
        (Purpose::Invite, Invitation::Unknown | Invitation::Valid) => {
            ("invite-unknown", StatusCode::NOT_FOUND)
        }
        (Purpose::Reset, Invitation::Expired) => ("people-reset-expired", StatusCode::GONE),
        (Purpose::Reset, Invitation::Used) => ("people-reset-used", StatusCode::GONE),
        (Purpose::Reset, Invitation::Unknown | Invitation::Valid) => {
            ("people-reset-unknown", StatusCode::NOT_FOUND)
        }
    }
}

/// The message ids of the invitation pages that depend on a code.
pub fn message_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for purpose in [Purpose::Invite, Purpose::Reset] {
        for invitation in [Invitation::Expired, Invitation::Used, Invitation::Unknown] {
            let (id, _) = gone(invitation, purpose);
            ids.push(format!("{id}-title"));
            ids.push(format!("{id}-body"));
        }
    }
    for refusal in crate::readiness::lifecycle::AccountRefusal::ALL {
        ids.push(refusal.message_id().to_owned());
    }
    ids.push("invite-error-username-taken".to_owned());
    ids.push("people-invite-expired-body".to_owned());
    ids
}

struct Shown<'a> {
    app: &'a AppState,
    lang: Lang,
    tenant: &'a str,
    token: &'a str,
    purpose: Purpose,
}

impl Shown<'_> {
    fn path(&self) -> String {
        let segment = match self.purpose {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
        };
        format!("/t/{}/{segment}/{}", self.tenant, self.token)
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
        let (id, status) = gone(invitation, self.purpose);
        let tr = self.lang.tr();
        // An invitation a person of the tenant made is renewed by them, not by the platform.
        let mut body = format!("{id}-body");
        if (self.purpose, invitation) == (Purpose::Invite, Invitation::Expired) {
            let found =
                crate::db::people::link_for(&self.app.pool, self.tenant, self.token, self.purpose)
                    .await?;
            if found.is_some_and(|f| f.by_a_person) {
                "people-invite-expired-body".clone_into(&mut body);
            }
        }
        let page = InviteGone {
            frame: Frame::new(self.lang, &self.path()),
            tenant: self.tenant.to_owned(),
            tenant_name: self.tenant_name().await?,
            title: tr.t(&format!("{id}-title")),
            body: tr.t(&body),
        };
        Ok((status, Html(page.render()?)).into_response())
    }

    /// The form, with the token it was sent with after a refusal, or a fresh one. A reset's
    /// form shows the account's username instead of asking for one.
    async fn form(
        &self,
        username: &str,
        error: Option<&str>,
        status: StatusCode,
        csrf: Option<&str>,
    ) -> Result<Response> {
        let tr = self.lang.tr();
        let found =
            crate::db::people::link_for(&self.app.pool, self.tenant, self.token, self.purpose)
                .await?;
        let crate::db::people::LinkFor {
            name,
            role,
            username: account,
            ..
        } = found.unwrap_or_default();
        let (lead, username) = match (self.purpose, role) {
            (Purpose::Reset, _) => (
                tr.t1("people-reset-lead", "name", name),
                account.unwrap_or_default(),
            ),
            (Purpose::Invite, Some(Role::ManagingDirector) | None) => {
                (tr.t("invite-lead"), username.to_owned())
            }
            (Purpose::Invite, Some(role)) => (
                tr.t2(
                    "people-invite-lead",
                    "name",
                    name,
                    "role",
                    tr.t(&format!("role-{}", role.as_str())),
                ),
                username.to_owned(),
            ),
        };
        let token = session::FormToken::new(self.app.https, csrf);
        let page = InvitePage {
            frame: Frame::new(self.lang, &self.path()),
            tenant: self.tenant.to_owned(),
            tenant_name: self.tenant_name().await?,
            token: self.token.to_owned(),
            csrf: token.token.clone(),
            username: crate::readiness::evidence::as_typed(&username),
            error: error.map(|id| tr.t(id)),
            lead,
            reset: self.purpose == Purpose::Reset,
        };
        Ok(token.answer(status, page.render()?))
    }
}

/// A one-time link as a request names it: the tenant and token of its path, the reader's
/// language and the request's headers.
struct Link {
    app: AppState,
    tenant: String,
    token: String,
    lang: Lang,
    headers: HeaderMap,
}

impl FromRequestParts<AppState> for Link {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> std::result::Result<Self, Response> {
        let Path((tenant, token)) = Path::<(String, String)>::from_request_parts(parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        record_tenant(&tenant);
        let Ok(Locale(lang)) = Locale::from_request_parts(parts, app).await;
        Ok(Self {
            app: app.clone(),
            tenant,
            token,
            lang,
            headers: parts.headers.clone(),
        })
    }
}

impl Link {
    /// The link's pages, for an invitation or a reset.
    fn shown(&self, purpose: Purpose) -> Shown<'_> {
        Shown {
            app: &self.app,
            lang: self.lang,
            tenant: &self.tenant,
            token: &self.token,
            purpose,
        }
    }
}

/// Opening an invitation reads it and stores nothing.
async fn invite_page(link: Link) -> Result<Response> {
    open(&link, Purpose::Invite).await
}

/// Opening a password-reset link reads it and stores nothing.
async fn reset_page(link: Link) -> Result<Response> {
    open(&link, Purpose::Reset).await
}

async fn open(link: &Link, purpose: Purpose) -> Result<Response> {
    let Link {
        app, tenant, token, ..
    } = link;
    let shown = link.shown(purpose);
    match tenants::one_time(&app.pool, tenant, token, app.clock.now(), purpose).await? {
        Invitation::Valid => shown.form("", None, StatusCode::OK, None).await,
        other => shown.gone(other).await,
    }
}

/// The invitation form (a reset's sends no username: the account has one).
#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    username: String,
    password: String,
    password_again: String,
    csrf: String,
}

async fn accept(link: Link, Form(form): Form<InviteForm>) -> Result<Response> {
    use_link(&link, &form, Purpose::Invite).await
}

async fn reset(link: Link, Form(form): Form<InviteForm>) -> Result<Response> {
    use_link(&link, &form, Purpose::Reset).await
}

/// Sends a link's form: the password rules of [`NewAccount`], the link checked before any
/// password is hashed, then the account created (an invitation) or its password replaced (a
/// reset), each with its audit event; then the sign-in page.
async fn use_link(link: &Link, form: &InviteForm, purpose: Purpose) -> Result<Response> {
    let (app, headers) = (&link.app, &link.headers);
    let (tenant, token) = (link.tenant.as_str(), link.token.as_str());
    if !same_origin(headers) || !session::sign_in_token_matches(headers, app.https, &form.csrf) {
        return Err(AppError::Forbidden);
    }
    let shown = link.shown(purpose);
    let refuse = |id, status| shown.form(&form.username, Some(id), status, Some(&form.csrf));
    // A reset's username is the account's: the rules read it, the form does not send it.
    let username = match purpose {
        Purpose::Invite => form.username.clone(),
        Purpose::Reset => crate::db::people::link_for(&app.pool, tenant, token, purpose)
            .await?
            .and_then(|found| found.username)
            .unwrap_or_default(),
    };
    let account = match NewAccount::parse(&username, &form.password, &form.password_again) {
        Ok(account) => account,
        Err(refusal) => {
            return refuse(refusal.message_id(), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    // No password is hashed for a link that cannot be used.
    let found = tenants::one_time(&app.pool, tenant, token, app.clock.now(), purpose).await?;
    if found != Invitation::Valid {
        return shown.gone(found).await;
    }
    let password = account.password.clone();
    let phc = tokio::task::spawn_blocking(move || crate::password::hash(&password))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)?;
    let request_id = super::request_id(headers);
    let stamp = Stamp {
        key: &app.key,
        clock: &app.clock,
        request_id: &request_id,
    };
    let used = match purpose {
        Purpose::Invite => {
            tenants::accept_invitation(&app.pool, tenant, token, &account.username, &phc, &stamp)
                .await
        }
        Purpose::Reset => tenants::reset_password(&app.pool, tenant, token, &phc, &stamp).await,
    };
    match used {
        Ok(actor) => {
            tracing::Span::current().record("actor", actor.as_str());
            tracing::info!(
                outcome = "used",
                purpose = purpose.as_str(),
                "one-time link"
            );
            app.cache.invalidate(tenant);
            let lang = link.lang.code();
            Ok(Redirect::to(&format!("/t/{tenant}/sign-in?lang={lang}")).into_response())
        }
        Err(AcceptError::Invalid(found)) => shown.gone(found).await,
        Err(AcceptError::UsernameTaken) => {
            refuse("invite-error-username-taken", StatusCode::CONFLICT).await
        }
        Err(AcceptError::Db(error)) => Err(error.into()),
    }
}
