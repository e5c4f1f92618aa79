//! Who is looking at a tenant's pages: the signed-in viewer, the evidence they typed before a
//! refusal or the end of their session, and the page frame drawn for them.

use std::sync::Arc;

use tower_sessions::Session;

use super::ConsoleView;
use super::keys::item_label_id;
use crate::i18n::Lang;
use crate::readiness::permissions::{Action, Target};
use crate::web::frame::Frame;
use crate::web::notice::Notice;
use crate::web::{AppError, AppState, Result, TenantView, session};

/// Who is looking, when someone is signed in: their actor, their CSRF token, and a form they
/// were filling in (kept when a write was refused).
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The signed-in actor.
    pub actor: String,
    /// The session's CSRF token, put in every form.
    pub csrf: String,
    /// The evidence typed into one item's form, and why it was not accepted.
    pub draft: Option<Draft>,
    /// What the write that led to this page did (see [`viewer_for_page`]).
    pub notice: Option<crate::web::notice::Notice>,
}

/// Typed evidence that a refused write keeps.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// The item.
    pub item: String,
    /// The decision's value as typed.
    pub value: String,
    /// The note as typed.
    pub note: String,
    /// The link as typed.
    pub url: String,
    /// The checksum as typed.
    pub checksum: String,
    /// The message id saying why it was refused.
    pub error: String,
}

/// The session key of evidence typed into a form whose session had ended.
pub(crate) const PENDING_DRAFT: &str = "pending_draft";

/// The viewer signed in to `tenant`, if any, with the evidence they typed before their session
/// ended (kept until that form is sent again).
pub(super) async fn viewer_of(session: &Session, tenant: &str) -> Option<Viewer> {
    let signed = session::viewer(session, tenant).await?;
    let draft = session
        .get::<(String, Draft)>(PENDING_DRAFT)
        .await
        .ok()
        .flatten()
        .filter(|(t, _)| t == tenant)
        .map(|(_, draft)| draft);
    Some(Viewer {
        actor: signed.actor,
        csrf: session::csrf_token(session).await,
        draft,
        notice: None,
    })
}

/// [`viewer_of`] for a page a write's redirect lands on: with the notice the write left (the
/// [`crate::web::notice::take`] found it on the request, and clears it: said once).
pub(super) async fn viewer_for_page(
    session: &Session,
    tenant: &str,
    notice: Option<axum::Extension<crate::web::notice::Notice>>,
) -> Option<Viewer> {
    let mut viewer = viewer_of(session, tenant).await?;
    viewer.notice = notice.map(|axum::Extension(notice)| notice);
    Some(viewer)
}

/// The tenant and the viewer of a page only a viewer who may do `action` to the tenant as a
/// whole sees (people, webhooks): sign-in is asked of nobody signed in, 403 answers anyone else.
pub(super) async fn manager_of(
    app: &AppState,
    tenant: &str,
    session: &Session,
    notice: Option<axum::Extension<Notice>>,
    action: Action,
) -> Result<(Arc<TenantView>, Viewer)> {
    let view = app.tenant(tenant).await?;
    let viewer = viewer_for_page(session, tenant, notice)
        .await
        .ok_or(AppError::SignInRequired)?;
    if !super::view::viewer_may(&view, Some(&viewer), action, Target::Tenant) {
        return Err(AppError::Forbidden);
    }
    Ok((view, viewer))
}

/// `?done=` on the page a write redirects to: what it did.
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct DoneQuery {
    #[serde(default)]
    pub(super) done: Option<String>,
}

/// A notice in words: what was done, to which item (by its label) or which run.
pub(super) fn notice_text(
    tr: &crate::i18n::Tr,
    view: &TenantView,
    notice: &crate::web::notice::Notice,
) -> String {
    use crate::web::notice::NoticeCode;
    let id = format!("notice-{}", notice.code.as_str());
    let subject = match notice.code {
        NoticeCode::Accepted | NoticeCode::Decided | NoticeCode::Revoked => tr.t1(
            &item_label_id(&notice.subject),
            "environment",
            &view.console.state.profile.environment,
        ),
        NoticeCode::RunStarted => tr.t(&format!("rehearsal-kind-{}", notice.subject)),
        NoticeCode::SignedGo
        | NoticeCode::SignedPartialGo
        | NoticeCode::RecordedNoGo
        | NoticeCode::TargetSaved
        | NoticeCode::ProfileSaved
        | NoticeCode::ProfileUnchanged => notice.subject.clone(),
    };
    tr.t1(&id, "subject", subject)
}

/// What a tenant page starts from: its frame and the view of the tenant for `viewer`.
pub(super) fn page_parts<'a>(
    lang: Lang,
    path: &str,
    tenant: &'a str,
    view: &'a TenantView,
    viewer: Option<Viewer>,
) -> (Frame, ConsoleView<'a>) {
    let frame = frame_for(lang, path, tenant, view, viewer.as_ref());
    (frame, ConsoleView::new(view.tr(lang), tenant, view, viewer))
}

/// The frame of a tenant page: who is signed in, or a way to sign in.
pub(super) fn frame_for(
    lang: Lang,
    path: &str,
    tenant: &str,
    view: &TenantView,
    viewer: Option<&Viewer>,
) -> Frame {
    let frame = Frame::new(lang, path);
    match viewer {
        None => frame.signed_out(tenant),
        Some(viewer) => {
            let tr = lang.tr();
            let who = match view.console.state.actor(&viewer.actor) {
                Some(actor) => format!(
                    "{} · {}",
                    actor.name,
                    tr.t(&format!("role-{}", actor.role.as_str()))
                ),
                None => viewer.actor.clone(),
            };
            let mut frame = frame.signed_in(tenant, who, viewer.csrf.clone());
            frame.live = Some(format!(
                "/t/{tenant}/events?v={}&lang={}",
                crate::web::live::version_of(view),
                lang.code()
            ));
            let may_manage = super::view::viewer_may(
                view,
                Some(viewer),
                crate::readiness::permissions::Action::ManagePeople,
                crate::readiness::permissions::Target::Tenant,
            );
            if may_manage {
                frame = frame.with_people(tenant);
            }
            frame = frame.with_inbox(super::inbox::badge(&tr, tenant, view, &viewer.actor));
            frame.notice = viewer
                .notice
                .as_ref()
                .map(|notice| notice_text(&tr, view, notice));
            frame
        }
    }
}

/// The one way in for a read of a tenant's page: the tenant in the path (recorded on the
/// request's span), its evaluated view, the language, and who is looking, if anyone.
pub struct Reader {
    /// The tenant's slug.
    pub tenant: String,
    /// The evaluated tenant.
    pub view: std::sync::Arc<TenantView>,
    /// The language of the answer.
    pub lang: Lang,
    /// Who is signed in to this tenant, if anyone.
    pub viewer: Option<Viewer>,
}

impl axum::extract::FromRequestParts<crate::web::AppState> for Reader {
    type Rejection = crate::web::AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        app: &crate::web::AppState,
    ) -> Result<Self, Self::Rejection> {
        use axum::extract::RawPathParams;
        let params = RawPathParams::from_request_parts(parts, app)
            .await
            .map_err(|_| crate::web::AppError::NotFound)?;
        let tenant = params
            .iter()
            .find(|(key, _)| *key == "tenant")
            .map(|(_, value)| value.to_owned())
            .ok_or(crate::web::AppError::NotFound)?;
        crate::web::record_tenant(&tenant);
        let Ok(crate::web::Locale(lang)) = crate::web::Locale::from_request_parts(parts, app).await;
        let view = app.tenant(&tenant).await?;
        let session = Session::from_request_parts(parts, app)
            .await
            .map_err(|(_, why)| crate::web::AppError::Internal(anyhow::anyhow!(why)))?;
        let viewer = viewer_of(&session, &tenant).await;
        Ok(Self {
            tenant,
            view,
            lang,
            viewer,
        })
    }
}

impl Reader {
    /// The reader of a page a write's redirect lands on, with the notice the write left (see
    /// [`viewer_for_page`]).
    pub(super) fn with_notice(
        mut self,
        notice: Option<axum::Extension<crate::web::notice::Notice>>,
    ) -> Self {
        if let Some(viewer) = &mut self.viewer {
            viewer.notice = notice.map(|axum::Extension(notice)| notice);
        }
        self
    }

    /// The page's frame and view, for the page at `path` below the tenant's URL.
    pub(super) fn parts(&self, path: &str) -> (Frame, ConsoleView<'_>) {
        let path = format!("/t/{}{path}", self.tenant);
        page_parts(
            self.lang,
            &path,
            &self.tenant,
            &self.view,
            self.viewer.clone(),
        )
    }
}
