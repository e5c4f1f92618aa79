//! `POST /t/{tenant}/items/{item}/{accept|decide|revoke}`: an owner accepts a check with
//! evidence, the managing director records a decision's value with evidence, or either revokes
//! with a reason.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::keys::item_anchor;
use super::writer::{Write, WriteForm, Writer};
use super::{ConsoleView, Draft, NoticeFragment, SectionFragment, SectionKey, notice_text};
use crate::db::signature::Consent;
use crate::db::write::{self, CheckCommand, WriteError};
use crate::readiness::CheckAction;
use crate::readiness::evidence::{
    DecisionValue, Evidence, EvidenceChecksum, EvidenceError, EvidenceNote,
};
use crate::web::notice::{self, Notice, NoticeCode};
use crate::web::{AppError, AppState, Result, TenantView};
use axum::Router;
use axum::routing::post;

/// The owner checks' writes.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new().route("/t/{tenant}/items/{item}/{action}", post(item_write))
}

/// The form of an owner check.
#[derive(Debug, Deserialize)]
pub struct CheckForm {
    csrf: String,
    version: i32,
    idempotency_key: Uuid,
    #[serde(default)]
    value: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    checksum: String,
    /// Ticked: the writer confirms withdrawing a standing GO signature.
    #[serde(default)]
    confirm_withdraw: Option<String>,
}

impl Draft {
    /// What was typed into a check's form, as it may be shown back: each field within its
    /// evidence limit, with characters the form would refuse made visible.
    fn typed(item: &str, form: &CheckForm, error: &str) -> Self {
        use crate::readiness::evidence::{EvidenceUrl, as_typed};
        let capped = |text: &str, max: usize| as_typed(&text.chars().take(max).collect::<String>());
        Self {
            item: item.to_owned(),
            value: capped(&form.value, DecisionValue::MAX),
            note: capped(&form.note, EvidenceNote::MAX),
            url: capped(&form.url, EvidenceUrl::MAX),
            checksum: capped(&form.checksum, EvidenceChecksum::MAX),
            error: error.to_owned(),
        }
    }
}

impl WriteForm for CheckForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }

    fn kept(&self, item: Option<&str>) -> Option<Draft> {
        Some(Draft::typed(item?, self, "write-session-ended"))
    }
}

/// An owner check's action, as named in its URL.
fn command(action: &str, form: &CheckForm) -> Option<Result<CheckCommand, EvidenceError>> {
    let evidence = || Evidence::parse(&form.note, &form.url, &form.checksum);
    Some(match CheckAction::parse(action)? {
        CheckAction::Accept => evidence().map(CheckCommand::Accept),
        CheckAction::Decide => DecisionValue::parse(&form.value)
            .and_then(|value| evidence().map(|evidence| CheckCommand::Decide(value, evidence))),
        CheckAction::Revoke => EvidenceNote::parse(&form.note).map(CheckCommand::Revoke),
    })
}

/// `POST …/items/{item}/{action}`: parse the evidence, write it, answer with what changed.
async fn item_write(
    State(app): State<AppState>,
    Path((_, item, action)): Path<(String, String, String)>,
    Write { by, form }: Write<CheckForm>,
) -> Result<Response> {
    // The demo page's sections need no database (a write refused for want of it still
    // answers as it should); another programme's are the tenant's own.
    let key = match SectionKey::of_item(&SectionKey::ALL, &item) {
        Some(key) => key,
        None => {
            SectionKey::of_item(&by.tenant(&app).await?.layout, &item).ok_or(AppError::NotFound)?
        }
    };
    let draft = |error: &str| Draft::typed(&item, &form, error);
    let command = match command(&action, &form).ok_or(AppError::NotFound)? {
        Ok(command) => command,
        Err(error) => {
            let refused = draft(&format!("evidence-{}", error.as_str()));
            return by
                .refuse(&app, key, refused, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let before = by.before_if_htmx(&app).await?;
    let outcome = write_check(&app, &by, &item, &form, &command).await;
    // Our own write: drop the cached state now rather than when the notification arrives.
    app.cache.invalidate(&by.tenant);
    if let Err(error) = outcome {
        let Some(message) = refusal(&error) else {
            return Err(error.into());
        };
        return by
            .refuse(&app, key, draft(message), StatusCode::CONFLICT)
            .await;
    }
    tracing::info!(item = %item, action = %action, "item written");
    by.forget_draft(&item).await;
    let done = Notice::new(NoticeCode::written(&command), &item);
    match before {
        None => {
            let page = Redirect::to(&by.console_url("", &format!("#{}", item_anchor(&item))));
            Ok(notice::leave(page.into_response(), done))
        }
        Some(before) => changed_sections(&app, &by, key, &before, &done).await,
    }
}

/// Writes the check as the form asks, with the writer's consent (or not) to withdraw a
/// standing GO signature.
async fn write_check(
    app: &AppState,
    by: &Writer,
    item: &str,
    form: &CheckForm,
    command: &CheckCommand,
) -> std::result::Result<write::Written, WriteError> {
    let consent = Consent::from_checkbox(form.confirm_withdraw.is_some());
    let (version, key) = (form.version, form.idempotency_key);
    write::owner_check(
        &app.pool,
        &by.author(app),
        item,
        version,
        key,
        command,
        consent,
    )
    .await
}

/// Why the database refused a check's write, as the form says it; `None` for a failure that is
/// not the writer's to act on.
fn refusal(error: &WriteError) -> Option<&'static str> {
    match error {
        WriteError::AlreadyAccepted => Some("write-already-accepted"),
        WriteError::NotAccepted => Some("write-not-accepted"),
        WriteError::Stale => Some("write-stale"),
        // The write would withdraw the GO signature: nothing was written; the form asks.
        WriteError::WithdrawUnconfirmed => Some("signature-confirm-required"),
        _ => None,
    }
}

/// The htmx answer to a write: the notice, the written section, and out of band every other
/// section whose figures moved between `before` and now.
async fn changed_sections(
    app: &AppState,
    by: &Writer,
    written: SectionKey,
    before: &TenantView,
    done: &Notice,
) -> Result<Response> {
    let after = by.tenant(app).await?;
    let text = notice_text(&after.tr(by.lang), &after, done);
    let mut html = NoticeFragment { text, oob: true }.render()?;
    for &key in &after.layout {
        if key == written || key.moved(&before.evaluation, &after.evaluation) {
            let v = ConsoleView::new(
                after.tr(by.lang),
                &by.tenant,
                &after,
                Some(by.viewer.clone()),
            );
            let oob = key != written;
            html.push_str(&SectionFragment { v, key, oob }.render()?);
        }
    }
    Ok(Html(html).into_response())
}
