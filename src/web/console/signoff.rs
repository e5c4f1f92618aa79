//! `POST /t/{tenant}/signoff`: the managing director signs production GO (only when every gate
//! is green) or records NO-GO with a reason, re-entering her password in the form.

use crate::web::extract::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_htmx::{HX_REFRESH, HxRequest};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::{Draft, SectionKey, viewer_of};
use crate::db::write::{self, Author, NotReady, Signoff, WriteError};
use crate::readiness::evidence::EvidenceNote;
use crate::web::notice::{self, Notice, NoticeCode};
use crate::web::session::{csrf_matches, same_origin};
use crate::web::{AppError, AppState, Locale, Result, record_tenant};

/// The sign-off forms.
#[derive(Debug, Deserialize)]
pub struct SignoffForm {
    csrf: String,
    idempotency_key: Uuid,
    decision: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    reason: String,
    /// The digest of the state the GO form was drawn from.
    #[serde(default)]
    state_digest: String,
}

pub(super) async fn signoff(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    HxRequest(htmx): HxRequest,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<SignoffForm>,
) -> Result<Response> {
    record_tenant(&tenant);
    let Some(viewer) = viewer_of(&session, &tenant).await else {
        return Err(AppError::SignInRequired);
    };
    if !same_origin(&headers) || !csrf_matches(&session, &form.csrf).await {
        return Err(AppError::Forbidden);
    }
    let draft = |error: &str| Draft {
        item: "signoff".to_owned(),
        note: crate::readiness::evidence::as_typed(
            &form
                .reason
                .chars()
                .take(EvidenceNote::MAX)
                .collect::<String>(),
        ),
        error: error.to_owned(),
        ..Draft::default()
    };
    let refuse = |error: String, status: StatusCode| {
        let app = app.clone();
        let tenant = tenant.clone();
        let mut viewer = viewer.clone();
        async move {
            viewer.draft = Some(draft(&error));
            super::writes::refused_with(
                &app,
                &tenant,
                lang,
                htmx,
                SectionKey::Decision,
                viewer,
                status,
            )
            .await
        }
    };
    let command = match form.decision.as_str() {
        "GO" => Signoff::Go {
            drawn_from: form.state_digest.clone(),
        },
        "NO_GO" => match EvidenceNote::parse(&form.reason) {
            Ok(reason) => Signoff::NoGo(reason),
            Err(error) => {
                return refuse(
                    format!("evidence-{}", error.as_str()),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        },
        _ => return Err(AppError::NotFound),
    };
    // The password is re-entered at the moment of signing.
    let stored = crate::db::accounts::password_of(&app.pool, &tenant, &viewer.actor).await?;
    if !crate::password::verify(form.password.clone(), stored).await {
        return refuse("signoff-wrong-password".to_owned(), StatusCode::FORBIDDEN).await;
    }
    let request_id = crate::web::request_id(&headers);
    let author = Author {
        tenant: &tenant,
        actor: &viewer.actor,
        request_id: &request_id,
        key: &app.key,
        clock: &app.clock,
    };
    let outcome = write::signoff(&app.pool, &author, form.idempotency_key, &command).await;
    app.cache.invalidate();
    match outcome {
        Ok(Ok(_)) => {}
        Ok(Err(NotReady(_))) => {
            return refuse("signoff-not-ready".to_owned(), StatusCode::CONFLICT).await;
        }
        // The state moved since the GO form was drawn: it signs what it showed, or nothing.
        Err(WriteError::Stale) => {
            return refuse("signoff-stale".to_owned(), StatusCode::CONFLICT).await;
        }
        Err(WriteError::Forbidden) => return Err(AppError::Forbidden),
        Err(WriteError::NotFound) => return Err(AppError::NotFound),
        Err(WriteError::Db(error)) => return Err(error.into()),
        Err(_) => return Err(AppError::Forbidden),
    }
    tracing::info!(decision = %form.decision, "sign-off recorded");
    // Either way the page is drawn again (htmx refreshes it): the notice waits for it.
    let done = match command {
        Signoff::Go { .. } => NoticeCode::SignedGo,
        Signoff::NoGo(_) => NoticeCode::RecordedNoGo,
    };
    let done = Notice::new(done, "");
    if htmx {
        // Every figure of the page follows the decision: htmx reloads the page. (A redirect to
        // the same page with a fragment would only scroll, not reload.)
        let mut response = StatusCode::NO_CONTENT.into_response();
        response
            .headers_mut()
            .insert(HX_REFRESH, HeaderValue::from_static("true"));
        return Ok(notice::leave(response, done));
    }
    let console = format!("/t/{tenant}?lang={}#decision", lang.code());
    Ok(notice::leave(Redirect::to(&console).into_response(), done))
}

/// The managing director's sign-off forms, as drawn.
pub struct SignoffFormView {
    pub(super) action: String,
    pub(super) csrf: String,
    pub(super) go_allowed: bool,
    pub(super) blocked_by: &'static str,
    pub(super) go_key: String,
    /// The digest of the state the GO form is drawn from.
    pub(super) state_digest: String,
    pub(super) no_go_key: String,
    pub(super) reason: String,
    pub(super) error: Option<String>,
}

impl super::ConsoleView<'_> {
    /// The forms, for a signed-in managing director only.
    pub(super) fn signoff_form(&self) -> Option<SignoffFormView> {
        let viewer = self.viewer.as_ref()?;
        let actor = self.view.console.state.actor(&viewer.actor)?;
        if actor.role != crate::readiness::state::Role::ManagingDirector {
            return None;
        }
        let draft = viewer.draft.as_ref().filter(|d| d.item == "signoff");
        let decision = self.ev().decision;
        Some(SignoffFormView {
            action: format!("/t/{}/signoff?lang={}", self.slug, self.tr.lang().code()),
            csrf: viewer.csrf.clone(),
            go_allowed: decision == crate::readiness::DecisionCode::BlockedPendingSignoff,
            blocked_by: decision.as_str(),
            go_key: Uuid::new_v4().to_string(),
            state_digest: self.state_digest(),
            no_go_key: Uuid::new_v4().to_string(),
            reason: draft.map(|d| d.note.clone()).unwrap_or_default(),
            error: draft.map(|d| self.tr.t1(&d.error, "decision", decision.as_str())),
        })
    }
}
