//! Your account (`/t/{tenant}/account`), for anyone signed in: change your own password after
//! re-typing the current one, see your active sessions, and end the others. Both writes end
//! every other session of the account (they move its `sessions_valid_from`) and keep this one
//! by re-stamping it; each is an audit event. They act on the signed-in person's own account
//! only, whatever their role: there is nothing of anyone else's to allow or refuse.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use tower_sessions::Session;

use super::ConsoleView;
use super::viewer::Reader;
use super::writer::{Write, WriteForm, Writer};
use crate::db::sign_ins::{self, Cut, SignIn};
use crate::readiness::password_policy::NewPassword;
use crate::web::frame::Frame;
use crate::web::{AppError, AppState, Result, session};

/// The page and its two writes.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/account", get(account_page))
        .route("/t/{tenant}/account/password", post(change_password))
        .route("/t/{tenant}/account/sessions", post(end_sessions))
        .route("/t/{tenant}/account/reminders", post(set_reminders))
}

/// One active session as the page lists it.
struct SessionRow {
    started: time::OffsetDateTime,
    browser: String,
    this: bool,
}

#[derive(Template)]
#[template(path = "account/page.html")]
struct AccountPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    csrf: String,
    username: String,
    sessions: Vec<SessionRow>,
    others: usize,
    /// Why the password form was refused, in the reader's language.
    error: Option<String>,
    /// What the last write did, in the reader's language.
    done: Option<String>,
    /// With mail configured: whether the "waiting on you" reminders are on.
    reminders: Option<bool>,
}

/// A browser as the list names it: its family and system, read from its `User-Agent`; the
/// first words of it when neither is known.
fn browser_of(user_agent: &str) -> Option<String> {
    let has = |s: &str| user_agent.contains(s);
    let family = if has("Firefox/") {
        Some("Firefox")
    } else if has("Edg/") {
        Some("Edge")
    } else if has("OPR/") {
        Some("Opera")
    } else if has("Chrome/") || has("Chromium/") {
        Some("Chrome")
    } else if has("Safari/") {
        Some("Safari")
    } else {
        None
    };
    let system = if has("Android") {
        Some("Android")
    } else if has("iPhone") || has("iPad") {
        Some("iOS")
    } else if has("Windows") {
        Some("Windows")
    } else if has("Mac OS X") || has("Macintosh") {
        Some("macOS")
    } else if has("Linux") || has("X11") {
        Some("Linux")
    } else {
        None
    };
    match (family, system) {
        (Some(f), Some(s)) => Some(format!("{f} · {s}")),
        (Some(f), None) => Some(f.to_owned()),
        (None, _) if !user_agent.trim().is_empty() => Some(user_agent.chars().take(40).collect()),
        (None, _) => None,
    }
}

/// What a page shows after a write (`?done=`): never a write itself.
#[derive(Debug, serde::Deserialize)]
struct Done {
    done: Option<String>,
}

/// The message id of a `done` value.
fn done_id(done: &str) -> Option<&'static str> {
    match done {
        "password" => Some("account-done-password"),
        "sessions" => Some("account-done-sessions"),
        "reminders" => Some("account-done-reminders"),
        _ => None,
    }
}

/// The message ids the page chooses by a code.
pub fn message_ids() -> Vec<String> {
    ["password", "sessions", "reminders"]
        .into_iter()
        .filter_map(done_id)
        .map(str::to_owned)
        .collect()
}

/// Draws the page for the signed-in `signed`.
async fn render(
    app: &AppState,
    reader: &Reader,
    signed: &session::SignedIn,
    error: Option<&str>,
    done: Option<&str>,
    status: StatusCode,
) -> Result<Response> {
    let Some(viewer) = &reader.viewer else {
        return Err(AppError::SignInRequired);
    };
    let active = sign_ins::active(
        &app.pool,
        &reader.tenant,
        &signed.actor,
        &signed.sign_in,
        app.clock.now(),
        app.sessions.absolute,
    )
    .await?;
    let tr = reader.lang.tr();
    let sessions: Vec<SessionRow> = active
        .into_iter()
        .map(
            |SignIn {
                 id,
                 started_at,
                 user_agent,
             }| SessionRow {
                started: started_at,
                browser: browser_of(&user_agent).unwrap_or_else(|| tr.t("account-browser-unknown")),
                this: id == signed.sign_in,
            },
        )
        .collect();
    let others = sessions.iter().filter(|s| !s.this).count();
    let username = reader
        .view
        .console
        .account(&signed.actor)
        .map(|a| a.username.clone())
        .unwrap_or_default();
    // The setting is shown only when the console sends mail.
    let reminders = if app.mail {
        crate::db::mail::reminders(&app.pool, &reader.tenant, &signed.actor).await?
    } else {
        None
    };
    let (frame, v) = reader.parts("/account");
    let page = AccountPage {
        frame,
        v,
        csrf: viewer.csrf.clone(),
        username,
        sessions,
        others,
        error: error.map(|id| tr.t(id)),
        done: done.and_then(done_id).map(|id| tr.t(id)),
        reminders,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /t/{tenant}/account`: signed out, the way to sign in.
async fn account_page(
    State(app): State<AppState>,
    reader: Reader,
    session: Session,
    Query(done): Query<Done>,
) -> Result<Response> {
    let Some(signed) = session::viewer(&session, &reader.tenant).await else {
        let sign_in = format!("/t/{}/sign-in?lang={}", reader.tenant, reader.lang.code());
        return Ok(Redirect::to(&sign_in).into_response());
    };
    render(
        &app,
        &reader,
        &signed,
        None,
        done.done.as_deref(),
        StatusCode::OK,
    )
    .await
}

/// The password form. A field left out reads as empty (and is refused as such): a form sent
/// without a session is answered "sign in", whatever it holds.
#[derive(serde::Deserialize)]
pub struct PasswordForm {
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

impl WriteForm for PasswordForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The end-the-other-sessions form.
#[derive(serde::Deserialize)]
pub struct SessionsForm {
    csrf: String,
}

impl WriteForm for SessionsForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The reminders form: `on` is `true` to turn them on, else off.
#[derive(serde::Deserialize)]
pub struct RemindersForm {
    csrf: String,
    #[serde(default)]
    on: bool,
}

impl WriteForm for RemindersForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The writer's sign-in, as their session holds it.
async fn signed_of(by: &Writer) -> Result<session::SignedIn> {
    session::viewer(&by.session, &by.tenant)
        .await
        .ok_or(AppError::SignInRequired)
}

/// The page again, with why the password form was refused.
async fn refuse(
    app: &AppState,
    by: &Writer,
    signed: &session::SignedIn,
    id: &str,
    status: StatusCode,
) -> Result<Response> {
    let reader = by.reader(app).await?;
    render(app, &reader, signed, Some(id), None, status).await
}

/// `POST /t/{tenant}/account/password`: the current password, then the new one twice.
async fn change_password(
    State(app): State<AppState>,
    Write { by, form }: Write<PasswordForm>,
) -> Result<Response> {
    let signed = signed_of(&by).await?;
    // What the new password must be is checked first: it costs no hashing and says nothing
    // of the current one.
    let new = match NewPassword::parse(&form.password, &form.password_again) {
        Ok(new) => new,
        Err(refusal) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refuse(&app, &by, &signed, refusal.message_id(), status).await;
        }
    };
    // Re-typing the current password is a guess like a sign-in's: throttled the same way.
    if !app
        .throttle
        .allow(&format!("password:{}:{}", by.tenant, signed.actor))
    {
        return refuse(
            &app,
            &by,
            &signed,
            "sign-in-throttled",
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    let stored = crate::db::accounts::password_of(&app.pool, &by.tenant, &signed.actor).await?;
    if !crate::password::verify(form.current.clone(), stored).await {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refuse(&app, &by, &signed, "account-error-current-wrong", status).await;
    }
    let phc = tokio::task::spawn_blocking(move || crate::password::hash(new.expose()))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)?;
    let now = crate::checkpoint::to_micros(app.clock.now());
    keep_this(&by, &signed, now).await?;
    let author = by.author(&app);
    sign_ins::cut(
        &app.pool,
        &author,
        &signed.sign_in,
        Cut::ChangePassword(&phc),
        now,
    )
    .await?;
    kept(&app, &by, "password")
}

/// `POST /t/{tenant}/account/sessions`: every other session of the account ends.
async fn end_sessions(
    State(app): State<AppState>,
    Write { by, form: _ }: Write<SessionsForm>,
) -> Result<Response> {
    let signed = signed_of(&by).await?;
    let now = crate::checkpoint::to_micros(app.clock.now());
    keep_this(&by, &signed, now).await?;
    let author = by.author(&app);
    sign_ins::cut(&app.pool, &author, &signed.sign_in, Cut::EndSessions, now).await?;
    kept(&app, &by, "sessions")
}

/// `POST /t/{tenant}/account/reminders`: the "waiting on you" mails, on or off.
async fn set_reminders(
    State(app): State<AppState>,
    Write { by, form }: Write<RemindersForm>,
) -> Result<Response> {
    let signed = signed_of(&by).await?;
    crate::db::mail::set_reminders(&app.pool, &by.tenant, &signed.actor, form.on).await?;
    tracing::info!(on = form.on, "reminders");
    Ok(Redirect::to(&format!(
        "{}&done=reminders",
        by.console_url("/account", "")
    ))
    .into_response())
}

/// Before a cut at `now`: this session counts from `now` on, under a new id, saved before the
/// cut commits, so that it counts the moment the others end. A request this browser sent
/// with the old id in that moment (the live stream reconnecting, woken by the cut) finds no
/// session, and its answer leaves the browser's cookie alone ([`session::keep_cookie`]).
async fn keep_this(
    by: &Writer,
    signed: &session::SignedIn,
    now: time::OffsetDateTime,
) -> Result<()> {
    session::restamp(&by.session, signed, now).await?;
    by.session.save().await?;
    Ok(())
}

/// After a cut: the page says what was done.
fn kept(app: &AppState, by: &Writer, done: &str) -> Result<Response> {
    app.cache.invalidate(&by.tenant);
    tracing::info!(done, "account");
    Ok(Redirect::to(&format!("{}&done={done}", by.console_url("/account", ""))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_is_named_by_its_family_and_system() {
        let cases = [
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                Some("Firefox · Linux"),
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                 Chrome/126.0 Safari/537.36 Edg/126.0",
                Some("Edge · Windows"),
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like \
                 Gecko) Version/17.5 Safari/605.1.15",
                Some("Safari · macOS"),
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                 HeadlessChrome/131.0 Safari/537.36",
                Some("Chrome · Linux"),
            ),
            ("curl/8.5.0", Some("curl/8.5.0")),
            ("", None),
        ];
        for (agent, named) in cases {
            assert_eq!(browser_of(agent).as_deref(), named, "{agent}");
        }
    }
}
