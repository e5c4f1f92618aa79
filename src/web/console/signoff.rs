//! `POST /t/{tenant}/signoff`: the managing director signs production GO (only when every gate
//! is green) or records NO-GO with a reason, re-entering her password in the form.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_htmx::HX_REFRESH;
use serde::Deserialize;
use uuid::Uuid;

use super::writer::{Write, WriteForm};
use super::{Draft, SectionKey};
use crate::db::write::{self, Signoff, WriteError, Written};
use crate::i18n::Arg;
use crate::readiness::evidence::{EvidenceError, EvidenceNote, as_typed};
use crate::readiness::permissions::{Action, Target};
use crate::readiness::{self, SignoffDecision};
use crate::web::notice::{self, Notice, NoticeCode};
use crate::web::{AppError, AppState, Result};
use axum::Router;
use axum::routing::post;

/// The managing director's sign-off.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new().route("/t/{tenant}/signoff", post(signoff))
}

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

impl WriteForm for SignoffForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl SignoffForm {
    /// The reason as typed, kept for the form when the sign-off is refused.
    fn typed(&self, error: &str) -> Draft {
        let reason: String = self.reason.chars().take(EvidenceNote::MAX).collect();
        Draft {
            item: "signoff".to_owned(),
            note: as_typed(&reason),
            error: error.to_owned(),
            ..Draft::default()
        }
    }

    /// The decision the form asks for; `None` for a value no form sends.
    fn command(&self) -> Option<Result<Signoff, EvidenceError>> {
        Some(match SignoffDecision::parse(&self.decision)? {
            SignoffDecision::Go => Ok(Signoff::Go {
                drawn_from: self.state_digest.clone(),
            }),
            SignoffDecision::NoGo => EvidenceNote::parse(&self.reason).map(Signoff::NoGo),
        })
    }
}

/// Why the database refused a sign-off, as the form says it.
fn refusal(outcome: &std::result::Result<Written, WriteError>) -> Option<&'static str> {
    match outcome {
        Err(WriteError::NotReady(_)) => Some("signoff-not-ready"),
        // The state moved since the GO form was drawn: it signs what it showed, or nothing.
        Err(WriteError::Stale) => Some("signoff-stale"),
        // A managing director's signature counts once in a round.
        Err(WriteError::AlreadySigned) => Some("signoff-already-signed"),
        _ => None,
    }
}

/// `POST /t/{tenant}/signoff`: the password again, then GO or NO-GO; the page is drawn again.
async fn signoff(
    State(app): State<AppState>,
    Write { by, form }: Write<SignoffForm>,
) -> Result<Response> {
    let refuse =
        |error: &str, status| by.refuse(&app, SectionKey::Decision, form.typed(error), status);
    let command = match form.command().ok_or(AppError::NotFound)? {
        Ok(command) => command,
        Err(error) => {
            let id = format!("evidence-{}", error.as_str());
            return refuse(&id, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    // The password is re-entered at the moment of signing.
    let stored = crate::db::accounts::password_of(&app.pool, &by.tenant, &by.viewer.actor).await?;
    if !crate::password::verify(form.password.clone(), stored).await {
        return refuse("signoff-wrong-password", StatusCode::FORBIDDEN).await;
    }
    let outcome = write::signoff(&app.pool, &by.author(&app), form.idempotency_key, &command).await;
    app.cache.invalidate(&by.tenant);
    if let Some(message) = refusal(&outcome) {
        return refuse(message, StatusCode::CONFLICT).await;
    }
    outcome?;
    tracing::info!(decision = %form.decision, "sign-off recorded");
    // A GO that leaves the ladder at the sign-off was a partial signature: said as such.
    let waits = matches!(command, Signoff::Go { .. })
        && app.tenant(&by.tenant).await?.evaluation.decision
            == readiness::DecisionCode::BlockedPendingSignoff;
    let code = if waits {
        NoticeCode::SignedPartialGo
    } else {
        NoticeCode::signed(&command)
    };
    let done = Notice::new(code, "");
    if by.htmx {
        // Every figure of the page follows the decision: htmx reloads the page. (A redirect to
        // the same page with a fragment would only scroll, not reload.) The notice waits for it.
        let mut response = StatusCode::NO_CONTENT.into_response();
        response
            .headers_mut()
            .insert(HX_REFRESH, HeaderValue::from_static("true"));
        return Ok(notice::leave(response, done));
    }
    let console = by.console_url("", "#decision");
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
    /// Where partial signatures stand: this viewer's own ("you signed GO on …, 1 of 2"), in
    /// place of the GO form, or the others' that the GO form joins.
    pub(super) round: Option<String>,
}

impl super::ConsoleView<'_> {
    /// The sign-off panel's word on the partial signatures that stand, if any do.
    fn round_line(&self, own: Option<&crate::readiness::state::Signoff>) -> Option<String> {
        if self.ev().signature != crate::readiness::Signature::Partial {
            return None;
        }
        let tally = self.ev().signatures;
        let (signed, required) = (Arg::from(tally.ready), Arg::from(tally.total));
        Some(match own {
            Some(own) => self.tr.t_args(
                "signoff-you-signed",
                &[
                    ("date", self.tr.datetime(&own.at).into()),
                    ("signed", signed),
                    ("required", required),
                ],
            ),
            None => self.tr.t_args(
                "signoff-cosign",
                &[
                    ("signed", signed),
                    ("required", required),
                    (
                        "missing",
                        Arg::from(tally.total.saturating_sub(tally.ready)),
                    ),
                ],
            ),
        })
    }

    /// The forms, for a signed-in managing director only.
    pub(super) fn signoff_form(&self) -> Option<SignoffFormView> {
        let viewer = self.viewer.as_ref()?;
        if !self.may(Action::SignOff, Target::Tenant) {
            return None;
        }
        let draft = viewer.draft.as_ref().filter(|d| d.item == "signoff");
        let decision = self.ev().decision;
        let own = self.own_signature();
        Some(SignoffFormView {
            action: format!("/t/{}/signoff?lang={}", self.slug, self.tr.lang().code()),
            csrf: viewer.csrf.clone(),
            go_allowed: decision == crate::readiness::DecisionCode::BlockedPendingSignoff
                && own.is_none(),
            round: self.round_line(own),
            blocked_by: decision.as_str(),
            go_key: Uuid::new_v4().to_string(),
            state_digest: self.state_digest(),
            no_go_key: Uuid::new_v4().to_string(),
            reason: draft.map(|d| d.note.clone()).unwrap_or_default(),
            error: draft.map(|d| self.tr.t1(&d.error, "decision", decision.as_str())),
        })
    }
}
