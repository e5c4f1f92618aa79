//! `POST /t/{tenant}/items/{item}/{accept|decide|revoke}`: an owner accepts a check with
//! evidence, the managing director records a decision's value with evidence, or either revokes
//! with a reason.

use crate::web::extract::Form;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_htmx::{HX_REDIRECT, HxRequest};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::{
    ConsoleView, Draft, NoticeFragment, PENDING_DRAFT, SectionFragment, SectionKey, notice_text,
    section_page, viewer_of,
};
use crate::db::signature::Consent;
use crate::db::write::{self, Author, CheckCommand, WriteError};
use crate::readiness::evidence::{DecisionValue, Evidence, EvidenceChecksum, EvidenceNote};
use crate::web::notice::{self, Notice, NoticeCode};
use crate::web::session::{OurSessionCookie, csrf_matches, declared_same_origin, same_origin};
use crate::web::{AppError, AppState, Locale, Result, record_tenant};

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

/// Accept or revoke.
#[expect(
    clippy::too_many_arguments,
    reason = "one extractor each; the write-preamble extractor will gather them"
)]
pub(super) async fn item_write(
    State(app): State<AppState>,
    Path((tenant, item, action)): Path<(String, String, String)>,
    Locale(lang): Locale,
    HxRequest(htmx): HxRequest,
    session: Session,
    ours: Option<axum::Extension<OurSessionCookie>>,
    headers: HeaderMap,
    Form(form): Form<CheckForm>,
) -> Result<Response> {
    record_tenant(&tenant);
    let Some(viewer) = viewer_of(&session, &tenant).await else {
        // Our own session ended while the form was open: keep what was typed (from our own
        // pages only, each field within its limit), and send the user to sign in; they come
        // back to the form with it. A request without our cookie stores nothing.
        if ours.is_some() && declared_same_origin(&headers) {
            let kept = Draft::typed(&item, &form, "write-session-ended");
            session.insert(PENDING_DRAFT, (&tenant, kept)).await?;
        }
        let sign_in = format!("/t/{tenant}/sign-in?lang={}", lang.code());
        if htmx {
            let mut response = StatusCode::UNAUTHORIZED.into_response();
            if let Ok(value) = HeaderValue::from_str(&sign_in) {
                response.headers_mut().insert(HX_REDIRECT, value);
            }
            return Ok(response);
        }
        return Ok(Redirect::to(&sign_in).into_response());
    };
    tracing::Span::current().record("actor", viewer.actor.as_str());
    if !same_origin(&headers) || !csrf_matches(&session, &form.csrf).await {
        return Err(AppError::Forbidden);
    }
    let section = item
        .split_once('.')
        .map(|(s, _)| s.to_owned())
        .unwrap_or_default();
    let key = SectionKey::ALL
        .into_iter()
        .find(|k| matches!(k, SectionKey::Items(s) if *s == section))
        .ok_or(AppError::NotFound)?;
    let draft = |error: &str| Draft::typed(&item, &form, error);
    let command = match action.as_str() {
        "accept" => {
            Evidence::parse(&form.note, &form.url, &form.checksum).map(CheckCommand::Accept)
        }
        "decide" => DecisionValue::parse(&form.value).and_then(|value| {
            Evidence::parse(&form.note, &form.url, &form.checksum)
                .map(|evidence| CheckCommand::Decide(value, evidence))
        }),
        "revoke" => EvidenceNote::parse(&form.note).map(CheckCommand::Revoke),
        _ => return Err(AppError::NotFound),
    };
    let command = match command {
        Ok(command) => command,
        Err(error) => {
            let id = format!("evidence-{}", error.as_str());
            return refused(
                &app,
                &tenant,
                lang,
                htmx,
                key,
                viewer,
                draft(&id),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let request_id = crate::web::request_id(&headers);
    let author = Author {
        tenant: &tenant,
        actor: &viewer.actor,
        request_id: &request_id,
        key: &app.key,
        clock: &app.clock,
    };
    // For htmx the answer names the sections whose figures moved: keep the evaluation before.
    let before = if htmx {
        Some(app.tenant(&tenant).await?)
    } else {
        None
    };
    let consent = Consent::from_checkbox(form.confirm_withdraw.is_some());
    let outcome = write::owner_check_with(
        &app.pool,
        &author,
        &item,
        form.version,
        form.idempotency_key,
        &command,
        consent,
    )
    .await;
    // Our own write: drop the cached state now rather than when the notification arrives.
    app.cache.invalidate();
    match outcome {
        Ok(_) => {}
        Err(WriteError::Forbidden) => return Err(AppError::Forbidden),
        Err(WriteError::NotFound) => return Err(AppError::NotFound),
        Err(
            error @ (WriteError::Stale | WriteError::AlreadyAccepted | WriteError::NotAccepted),
        ) => {
            let message = match error {
                WriteError::AlreadyAccepted => "write-already-accepted",
                WriteError::NotAccepted => "write-not-accepted",
                _ => "write-stale",
            };
            return refused(
                &app,
                &tenant,
                lang,
                htmx,
                key,
                viewer,
                draft(message),
                StatusCode::CONFLICT,
            )
            .await;
        }
        // The write would withdraw the GO signature: nothing was written; the form asks.
        Err(WriteError::WithdrawUnconfirmed) => {
            return refused(
                &app,
                &tenant,
                lang,
                htmx,
                key,
                viewer,
                draft("signature-confirm-required"),
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(WriteError::Db(error)) => return Err(error.into()),
    }
    tracing::info!(item = %item, action = %action, "item written");
    if viewer.draft.as_ref().is_some_and(|d| d.item == item) {
        let _ = session.remove::<(String, Draft)>(PENDING_DRAFT).await;
    }
    let done = match command {
        CheckCommand::Accept(_) => NoticeCode::Accepted,
        CheckCommand::Decide(..) => NoticeCode::Decided,
        CheckCommand::Revoke(_) => NoticeCode::Revoked,
    };
    let Some(before) = before else {
        let anchor = format!("item-{}", item.replace('.', "-"));
        let page = Redirect::to(&format!("/t/{tenant}?lang={}#{anchor}", lang.code()));
        return Ok(notice::leave(
            page.into_response(),
            Notice::new(done, &item),
        ));
    };
    // The changed section, and out of band every other section whose figures moved.
    let after = app.tenant(&tenant).await?;
    let text = notice_text(
        &lang.tr(),
        &after,
        &Notice {
            code: done,
            subject: item.clone(),
        },
    );
    let mut html = NoticeFragment { text, oob: true }.render()?;
    for k in SectionKey::ALL {
        let changed = match k {
            SectionKey::Items(s) => before.evaluation.section(s) != after.evaluation.section(s),
            SectionKey::Providers | SectionKey::Rbac | SectionKey::Environments => false,
            _ => true,
        };
        if k == key || changed {
            html.push_str(
                &SectionFragment {
                    v: ConsoleView::new(lang.tr(), &tenant, &after, Some(viewer.clone())),
                    key: k,
                    oob: k != key,
                }
                .render()?,
            );
        }
    }
    Ok(Html(html).into_response())
}

/// The section again for a viewer whose draft says why the write was refused.
pub(super) async fn refused_with(
    app: &AppState,
    tenant: &str,
    lang: crate::i18n::Lang,
    htmx: bool,
    key: SectionKey,
    viewer: super::Viewer,
    status: StatusCode,
) -> Result<Response> {
    let draft = viewer.draft.clone().unwrap_or_default();
    refused(app, tenant, lang, htmx, key, viewer, draft, status).await
}

/// The section again, with the typed evidence kept and the reason it was refused.
#[expect(
    clippy::too_many_arguments,
    reason = "everything a refusal page is drawn from"
)]
async fn refused(
    app: &AppState,
    tenant: &str,
    lang: crate::i18n::Lang,
    htmx: bool,
    key: SectionKey,
    mut viewer: super::Viewer,
    draft: Draft,
    status: StatusCode,
) -> Result<Response> {
    let view = app.tenant(tenant).await?;
    viewer.draft = Some(draft);
    let html = if htmx {
        SectionFragment {
            v: ConsoleView::new(lang.tr(), tenant, &view, Some(viewer)),
            key,
            oob: false,
        }
        .render()?
    } else {
        section_page(&view, lang, tenant, key, Some(viewer))?
    };
    Ok((status, Html(html)).into_response())
}
