//! Unsubscribing from the "waiting on you" reminders (`/t/{tenant}/unsubscribe/{token}`), the
//! link every reminder carries in its body and in `List-Unsubscribe`. GET shows a page with a
//! button and changes nothing; POST turns the person's reminders off.
//!
//! The POST takes no CSRF token and no same-origin check, unlike every other write: RFC 8058's
//! one-click unsubscribe (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`) has the mail
//! provider POST to the URL from its own servers, with no session and no page of ours. The
//! token is the authority: an HMAC of the tenant and the person under a key derived from the
//! console's key ([`crate::mail::unsubscribe_token`]), which only the mail sent to that person
//! holds, and which can do one thing: stop that person's reminders (turned on again from their
//! account page). A forged cross-site POST would need the token, and then gains nothing more.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use super::frame::Frame;
use super::{AppState, Locale, Result, record_tenant};

/// The route.
pub fn router() -> Router<AppState> {
    Router::new().route(
        "/t/{tenant}/unsubscribe/{token}",
        get(confirm_page).post(unsubscribe),
    )
}

#[derive(Template)]
#[template(path = "mail/unsubscribe.html")]
struct UnsubscribePage {
    frame: Frame,
    action: String,
    /// The question, or what was done, or why the link does not work.
    text: String,
    /// Whether the button is shown.
    ask: bool,
}

/// The person a token names and their name, when it is valid and their account exists. The
/// tenant is recorded on the request's span first.
async fn person(app: &AppState, tenant: &str, token: &str) -> Result<Option<(String, String)>> {
    record_tenant(tenant);
    let Some(actor) = crate::mail::unsubscribe_actor(&app.key, tenant, token) else {
        return Ok(None);
    };
    if crate::db::mail::reminders(&app.pool, tenant, &actor)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let view = app.tenant(tenant).await?;
    let name = view
        .console
        .state
        .actors
        .iter()
        .find(|a| a.id == actor)
        .map_or_else(|| actor.clone(), |a| a.name.clone());
    Ok(Some((actor, name)))
}

async fn draw(
    lang: crate::i18n::Lang,
    (tenant, token): (&str, &str),
    text: String,
    ask: bool,
    status: StatusCode,
) -> Result<Response> {
    let action = format!("/t/{tenant}/unsubscribe/{token}");
    let page = UnsubscribePage {
        frame: Frame::new(lang, &action),
        action: format!("{action}?lang={}", lang.code()),
        text,
        ask,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The page of a link that does not work (no such person, or a token that is not theirs).
async fn invalid(lang: crate::i18n::Lang, link: (&str, &str)) -> Result<Response> {
    let text = lang.tr().t("unsubscribe-invalid");
    draw(lang, link, text, false, StatusCode::NOT_FOUND).await
}

/// `GET`: the question and its button; nothing changes.
async fn confirm_page(
    State(app): State<AppState>,
    Path((tenant, token)): Path<(String, String)>,
    Locale(lang): Locale,
) -> Result<Response> {
    match person(&app, &tenant, &token).await? {
        Some((_, name)) => {
            let tenant_name = app
                .tenant(&tenant)
                .await?
                .console
                .state
                .profile
                .name
                .clone();
            let text = lang.tr().t2(
                "unsubscribe-intro",
                "name",
                name.as_str(),
                "tenant",
                tenant_name.as_str(),
            );
            draw(lang, (&tenant, &token), text, true, StatusCode::OK).await
        }
        None => invalid(lang, (&tenant, &token)).await,
    }
}

/// `POST`: the person's reminders are turned off (the token is the authority: see the module).
async fn unsubscribe(
    State(app): State<AppState>,
    Path((tenant, token)): Path<(String, String)>,
    Locale(lang): Locale,
) -> Result<Response> {
    let Some((actor, _)) = person(&app, &tenant, &token).await? else {
        return invalid(lang, (&tenant, &token)).await;
    };
    crate::db::mail::set_reminders(&app.pool, &tenant, &actor, false).await?;
    tracing::info!(person = %actor, "reminders unsubscribed");
    let text = lang.tr().t("unsubscribe-done");
    draw(lang, (&tenant, &token), text, false, StatusCode::OK).await
}
