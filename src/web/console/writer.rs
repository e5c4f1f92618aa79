//! The one way in for a write. Every `POST` of a tenant's pages extracts a [`Writer`] (or a
//! [`Write`], which also reads the form) and so passes the same checks in the same order:
//!
//! session → viewer of this tenant → from our own pages → the session's CSRF token → an
//! [`Author`] carrying the request id into the audit trail.
//!
//! Handlers then read as a sentence: parse the evidence, ask the database to write, answer
//! with what changed. What a refusal looks like (the section again, the typed evidence kept)
//! is drawn here once.

use askama::Template;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_htmx::HX_REDIRECT;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use super::keys::SectionKey;
use super::page::{SectionFragment, section_page};
use super::view::ConsoleView;
use super::viewer::{Draft, PENDING_DRAFT, Reader, Viewer, viewer_of};
use crate::db::api_keys::KeyAuthor;
use crate::db::tenants::Stamp;
use crate::db::write::Author;
use crate::i18n::Lang;
use crate::web::extract::Form;
use crate::web::session::{OurSessionCookie, csrf_matches, declared_same_origin, same_origin};
use crate::web::{AppError, AppState, Locale, Result, TenantView, record_tenant};

/// A signed-in viewer of the tenant in the path, writing from our own pages.
pub struct Writer {
    /// The tenant's slug, from the path.
    pub tenant: String,
    /// Who is writing.
    pub viewer: Viewer,
    /// The language the answer is drawn in.
    pub lang: Lang,
    /// Sent by htmx: the answer is a fragment. Chooses the answer's shape only, never a check.
    pub htmx: bool,
    /// The session, for the CSRF token and the kept draft.
    pub session: Session,
    request_id: String,
}

/// What a write extracts from the request before its form is read.
struct Preamble {
    tenant: String,
    lang: Lang,
    htmx: bool,
    session: Session,
    viewer: Option<Viewer>,
    /// The request carried our session cookie and declared our own page as its origin: what
    /// it typed may be kept for after sign-in.
    may_keep: bool,
    same_origin: bool,
    item: Option<String>,
    request_id: String,
}

impl Preamble {
    async fn of(parts: &mut Parts, app: &AppState) -> Result<Self> {
        let params = RawPathParams::from_request_parts(parts, app)
            .await
            .map_err(|_| AppError::NotFound)?;
        let param = |name: &str| {
            params
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_owned())
        };
        let tenant = param("tenant").ok_or(AppError::NotFound)?;
        record_tenant(&tenant);
        let Ok(Locale(lang)) = Locale::from_request_parts(parts, app).await;
        let session = Session::from_request_parts(parts, app)
            .await
            .map_err(|(_, why)| AppError::Internal(anyhow::anyhow!(why)))?;
        let viewer = viewer_of(&session, &tenant).await;
        if let Some(viewer) = &viewer {
            tracing::Span::current().record("actor", viewer.actor.as_str());
        }
        Ok(Self {
            item: param("item"),
            lang,
            htmx: parts.headers.contains_key(axum_htmx::HX_REQUEST),
            may_keep: parts.extensions.get::<OurSessionCookie>().is_some()
                && declared_same_origin(&parts.headers),
            same_origin: same_origin(&parts.headers),
            request_id: crate::web::request_id(&parts.headers),
            session,
            viewer,
            tenant,
        })
    }

    /// The writer, once signed in and writing from our own pages.
    fn writer(self) -> Result<Writer> {
        let viewer = self.viewer.ok_or(AppError::SignInRequired)?;
        if !self.same_origin {
            return Err(AppError::Forbidden);
        }
        Ok(Writer {
            tenant: self.tenant,
            viewer,
            lang: self.lang,
            htmx: self.htmx,
            session: self.session,
            request_id: self.request_id,
        })
    }
}

impl FromRequestParts<AppState> for Writer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self> {
        Preamble::of(parts, app).await?.writer()
    }
}

impl Writer {
    /// The form's CSRF token must be the session's. [`Write`] checks it; a write whose token
    /// travels in a multipart body calls this once it has read it.
    pub async fn check_csrf(&self, submitted: &str) -> Result<()> {
        if csrf_matches(&self.session, submitted).await {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Who the audit trail records as doing this write.
    pub fn author<'a>(&'a self, app: &'a AppState) -> Author<'a> {
        Author {
            tenant: &self.tenant,
            actor: &self.viewer.actor,
            request_id: &self.request_id,
            key: &app.key,
            clock: &app.clock,
        }
    }

    /// What stamps the events of a write that a key or a person may make (API keys, webhooks):
    /// the console's key and clock, and this request's id; with the signed-in person, its
    /// author.
    pub fn stamp<'a>(&'a self, app: &'a AppState) -> (Stamp<'a>, KeyAuthor<'a>) {
        let stamp = Stamp {
            key: &app.key,
            clock: &app.clock,
            request_id: &self.request_id,
        };
        (stamp, KeyAuthor::Person(&self.viewer.actor))
    }

    /// The same, owned, for a rehearsal that runs on after the answer.
    pub fn runner(&self, app: &AppState) -> crate::db::rehearsal::Runner {
        crate::db::rehearsal::Runner {
            tenant: self.tenant.clone(),
            actor: self.viewer.actor.clone(),
            request_id: self.request_id.clone(),
            key: app.key.clone(),
            clock: app.clock.clone(),
            secrets: app.secrets.clone(),
        }
    }

    /// The evaluated tenant being written to.
    pub async fn tenant(&self, app: &AppState) -> Result<std::sync::Arc<TenantView>> {
        app.tenant(&self.tenant).await
    }

    /// The writer as the reader of the tenant's pages, for the page again after a write.
    pub async fn reader(&self, app: &AppState) -> Result<Reader> {
        Ok(Reader {
            tenant: self.tenant.clone(),
            view: self.tenant(app).await?,
            lang: self.lang,
            viewer: Some(self.viewer.clone()),
        })
    }

    /// For htmx, whose answer names the sections whose figures a write moved: the evaluation
    /// before the write.
    pub async fn before_if_htmx(
        &self,
        app: &AppState,
    ) -> Result<Option<std::sync::Arc<TenantView>>> {
        if self.htmx {
            Ok(Some(self.tenant(app).await?))
        } else {
            Ok(None)
        }
    }

    /// A console URL of this tenant in the writer's language, with `rest` after the slug and
    /// `anchor` after the query (`#` included).
    pub fn console_url(&self, rest: &str, anchor: &str) -> String {
        format!("/t/{}{rest}?lang={}{anchor}", self.tenant, self.lang.code())
    }

    /// Forgets the evidence kept for `item` once it has been written.
    pub async fn forget_draft(&self, item: &str) {
        if self.viewer.draft.as_ref().is_some_and(|d| d.item == item) {
            let _ = self.session.remove::<(String, Draft)>(PENDING_DRAFT).await;
        }
    }

    /// The section again, with the typed evidence kept and the message id of why the write was
    /// refused.
    pub async fn refuse(
        &self,
        app: &AppState,
        key: SectionKey,
        draft: Draft,
        status: StatusCode,
    ) -> Result<Response> {
        let view = self.tenant(app).await?;
        let mut viewer = self.viewer.clone();
        viewer.draft = Some(draft);
        let html = if self.htmx {
            SectionFragment {
                v: ConsoleView::new(view.tr(self.lang), &self.tenant, &view, Some(viewer)),
                key,
                oob: false,
            }
            .render()?
        } else {
            section_page(&view, self.lang, &self.tenant, key, Some(viewer))?
        };
        Ok((status, Html(html)).into_response())
    }
}

/// A form a write reads, with the session's CSRF token in it.
pub trait WriteForm: DeserializeOwned + Send {
    /// The CSRF token as submitted.
    fn csrf(&self) -> &str;

    /// What of the form is kept when the session ended while it was open (`item` is the
    /// path's, when it names one). A form that keeps something sends the writer to sign in and
    /// back to it; one that keeps nothing answers "sign in required".
    fn kept(&self, _item: Option<&str>) -> Option<Draft> {
        None
    }
}

/// A [`Writer`] and the form they sent, its CSRF token checked.
pub struct Write<F> {
    /// Who is writing.
    pub by: Writer,
    /// What they sent.
    pub form: F,
}

impl<F: WriteForm> FromRequest<AppState> for Write<F> {
    type Rejection = Response;

    async fn from_request(request: Request, app: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let preamble = Preamble::of(&mut parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let Form(form) = Form::<F>::from_request(Request::from_parts(parts, body), app)
            .await
            .map_err(IntoResponse::into_response)?;
        if preamble.viewer.is_none()
            && let Some(kept) = form.kept(preamble.item.as_deref())
        {
            return Err(session_ended(preamble, kept).await);
        }
        let by = preamble.writer().map_err(IntoResponse::into_response)?;
        by.check_csrf(form.csrf())
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Self { by, form })
    }
}

/// Our own session ended while the form was open: keep what was typed (from our own pages
/// only, each field within its limit), and send the user to sign in; they come back to the
/// form with it. A request without our cookie stores nothing.
async fn session_ended(preamble: Preamble, kept: Draft) -> Response {
    if preamble.may_keep
        && let Err(error) = preamble
            .session
            .insert(PENDING_DRAFT, (&preamble.tenant, kept))
            .await
    {
        return AppError::from(error).into_response();
    }
    let sign_in = format!(
        "/t/{}/sign-in?lang={}",
        preamble.tenant,
        preamble.lang.code()
    );
    if preamble.htmx {
        let mut response = StatusCode::UNAUTHORIZED.into_response();
        if let Ok(value) = HeaderValue::from_str(&sign_in) {
            response.headers_mut().insert(HX_REDIRECT, value);
        }
        return response;
    }
    Redirect::to(&sign_in).into_response()
}
