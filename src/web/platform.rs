//! The platform operator's pages: signing in outside any tenant, the list of tenants (read from
//! the summaries each tenant's writes keep), and the lifecycle commands — create, suspend,
//! resume, delete — each the same transition as the `tenant` command line's.
//!
//! An operator's sign-in is the session's one sign-in, to the reserved slug `platform`: no
//! tenant page sees an operator as its viewer, so an operator can administer tenants but
//! never accept, decide or sign in one.

use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use super::extract::{Form, Query};
use super::frame::Frame;
use super::session::{self, csrf_matches, same_origin};
use super::{AppError, AppState, Locale, Result};
use crate::db;
use crate::db::tenant_list::{ListFilter, ListedTenant};
use crate::db::tenants::{NewTenant, Operator, TenantError};
use crate::i18n::{Lang, Tr};
use crate::readiness::DecisionCode;
use crate::readiness::lifecycle::{Command, NewSlug, SlugError, TenantStatus};

/// The session's sign-in of an operator names this (reserved) slug as its tenant.
pub const PLATFORM: &str = "platform";

/// Tenants per page of the list.
const PAGE: i64 = 50;

/// The session key of what the last command did, said once on the next list.
const DONE: &str = "platform_done";

/// The routes.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/platform", get(list))
        .route("/platform/sign-in", get(sign_in_page).post(sign_in))
        .route("/platform/sign-out", post(sign_out))
        .route("/platform/health", get(health))
        .route("/platform/tenants", post(create))
        .route("/platform/tenants/{slug}/{command}", post(command))
}

/// The signed-in operator: their username and the session's CSRF token.
struct SignedOperator {
    name: String,
    csrf: String,
}

impl SignedOperator {
    /// The operator as the platform chain records their command of request `request_id`.
    fn by<'a>(&'a self, app: &'a AppState, request_id: &'a str) -> Operator<'a> {
        Operator {
            name: &self.name,
            request_id,
            key: &app.key,
            clock: &app.clock,
        }
    }
}

async fn operator(session: &Session) -> Option<SignedOperator> {
    let signed = session::viewer(session, PLATFORM).await?;
    Some(SignedOperator {
        name: signed.actor,
        csrf: session::csrf_token(session).await,
    })
}

/// A form of the platform pages, with the session's CSRF token in it.
trait OperatorForm: DeserializeOwned + Send {
    /// The CSRF token as submitted.
    fn csrf(&self) -> &str;
}

/// An operator's write: signed in, from our own page, with the session's token in the form
/// they sent.
struct OperatorWrite<F> {
    signed: SignedOperator,
    lang: Lang,
    session: Session,
    headers: HeaderMap,
    form: F,
}

impl<F: OperatorForm> FromRequest<AppState> for OperatorWrite<F> {
    type Rejection = AppError;

    async fn from_request(request: Request, app: &AppState) -> Result<Self> {
        let (mut parts, body) = request.into_parts();
        let Ok(Locale(lang)) = Locale::from_request_parts(&mut parts, app).await;
        let session = Session::from_request_parts(&mut parts, app)
            .await
            .map_err(|(_, why)| AppError::Internal(anyhow::anyhow!(why)))?;
        let headers = parts.headers.clone();
        let Form(form) = Form::<F>::from_request(Request::from_parts(parts, body), app).await?;
        let signed = operator(&session).await.ok_or(AppError::Forbidden)?;
        if !same_origin(&headers) || !csrf_matches(&session, form.csrf()).await {
            return Err(AppError::Forbidden);
        }
        Ok(Self {
            signed,
            lang,
            session,
            headers,
            form,
        })
    }
}

fn frame(lang: Lang, path: &str, signed: Option<&SignedOperator>) -> Frame {
    let frame = Frame::new(lang, path);
    match signed {
        Some(op) => frame.operator(op.name.clone(), op.csrf.clone()),
        None => frame,
    }
}

// ---- sign-in -----------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "platform/sign_in.html")]
struct SignInPage {
    frame: Frame,
    csrf: String,
    username: String,
    error: Option<String>,
}

fn sign_in_form(
    app: &AppState,
    lang: Lang,
    username: &str,
    error: Option<&str>,
    status: StatusCode,
    token: Option<&str>,
) -> Result<Response> {
    let token = session::FormToken::new(app.https, token);
    let page = SignInPage {
        frame: Frame::new(lang, "/platform/sign-in"),
        csrf: token.token.clone(),
        username: crate::readiness::evidence::as_typed(username),
        error: error.map(|id| lang.tr().t(id)),
    };
    Ok(token.answer(status, page.render()?))
}

async fn sign_in_page(State(app): State<AppState>, Locale(lang): Locale) -> Result<Response> {
    sign_in_form(&app, lang, "", None, StatusCode::OK, None)
}

#[derive(Deserialize)]
struct SignInForm {
    username: String,
    password: String,
    csrf: String,
}

async fn sign_in(
    State(app): State<AppState>,
    Locale(lang): Locale,
    session: Session,
    client: Option<axum::Extension<ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response> {
    if !same_origin(&headers) || !session::sign_in_token_matches(&headers, app.https, &form.csrf) {
        return Err(AppError::Forbidden);
    }
    let username = form.username.trim().to_lowercase();
    let refuse =
        |id, status| sign_in_form(&app, lang, &username, Some(id), status, Some(&form.csrf));
    let client = client.map_or_else(|| "unknown".to_owned(), |c| c.0.0.ip().to_string());
    if !app.throttle.allow(&format!("operator:{username}"))
        || !app.throttle.allow(&format!("client:{client}"))
    {
        return refuse("sign-in-throttled", StatusCode::TOO_MANY_REQUESTS);
    }
    let stored = if db::operators::valid_username(&username) {
        db::operators::password_hash(&app.pool, &username).await?
    } else {
        None
    };
    let known = stored.is_some();
    // The same work, and the same answer, for an unknown operator and a wrong password.
    if !crate::password::verify(form.password.clone(), stored).await || !known {
        tracing::info!(outcome = "refused", "operator sign-in");
        return refuse("sign-in-failed", StatusCode::UNAUTHORIZED);
    }
    session::sign_in(
        &session,
        &session::SignedIn::new(PLATFORM, &username, app.clock.now()),
    )
    .await?;
    tracing::Span::current().record("actor", username.as_str());
    tracing::info!(outcome = "signed_in", "operator sign-in");
    Ok(Redirect::to(&format!("/platform?lang={}", lang.code())).into_response())
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

impl OperatorForm for CsrfForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

async fn sign_out(write: OperatorWrite<CsrfForm>) -> Result<Response> {
    let OperatorWrite { lang, session, .. } = write;
    session::sign_out(&session).await?;
    let sign_in = Redirect::to(&format!("/platform/sign-in?lang={}", lang.code()));
    Ok(session::signed_out(sign_in.into_response()))
}

// ---- the list ----------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct ListQuery {
    status: Option<String>,
    decision: Option<String>,
    after: Option<String>,
}

/// The list unfiltered, from its first page: where a command's answer shows its refusal.
const WHOLE_LIST: ListQuery = ListQuery {
    status: None,
    decision: None,
    after: None,
};

impl ListQuery {
    /// The filter asked for; an empty or unknown value is no filter.
    fn filter(&self) -> ListFilter {
        let given = |v: &Option<String>| v.as_deref().filter(|v| !v.is_empty()).map(str::to_owned);
        ListFilter {
            status: given(&self.status).and_then(|s| TenantStatus::parse(&s)),
            decision: given(&self.decision).and_then(|d| DecisionCode::parse(&d)),
        }
    }
}

/// One row as the page shows it.
struct Row {
    tenant: ListedTenant,
    status: String,
    decision: String,
    gates: String,
    changed: String,
    may_suspend: bool,
    may_resume: bool,
    may_delete: bool,
}

struct Choice {
    code: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "platform/list.html")]
struct ListPage {
    frame: Frame,
    csrf: String,
    rows: Vec<Row>,
    statuses: Vec<Choice>,
    decisions: Vec<Choice>,
    next: Option<String>,
    filtered: bool,
    done: Option<String>,
    error: Option<String>,
    programmes: Vec<ProgrammeChoice>,
    new: NewTenantForm,
}

fn row(tr: &Tr, tenant: ListedTenant) -> Row {
    use crate::readiness::lifecycle::transition;
    let allows = |command: &Command| transition(tenant.status, command).is_ok();
    Row {
        status: tr.t(&format!("tenant-status-{}", tenant.status.as_str())),
        decision: tenant
            .decision
            .map_or_else(|| tr.t("platform-no-summary"), |d| d.as_str().to_owned()),
        gates: tenant
            .gates
            .map_or_else(String::new, |(ready, total)| format!("{ready}/{total}")),
        changed: tr.datetime(&tenant.changed_at),
        may_suspend: allows(&Command::Suspend {
            reason: String::new(),
        }),
        may_resume: allows(&Command::Resume),
        may_delete: allows(&Command::Delete),
        tenant,
    }
}

/// The list's query string for the next page: the filter and the last slug shown.
fn next_page(query: &ListQuery, lang: Lang, last: &str) -> String {
    let mut url = url::form_urlencoded::Serializer::new(String::new());
    url.append_pair("lang", lang.code());
    for (name, value) in [("status", &query.status), ("decision", &query.decision)] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            url.append_pair(name, value);
        }
    }
    url.append_pair("after", last);
    format!("/platform?{}", url.finish())
}

#[derive(Deserialize, Default, Clone)]
struct NewTenantForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    md_name: String,
    #[serde(default)]
    md_email: String,
    /// The name of one of the programmes that come with the console.
    #[serde(default)]
    programme: String,
    #[serde(default)]
    csrf: String,
}

impl OperatorForm for NewTenantForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// A programme the create form offers.
struct ProgrammeChoice {
    name: &'static str,
    version: u32,
    selected: bool,
}

/// The programmes that come with the console, the one asked for (else the demo's) selected.
fn programme_choices(asked: &str) -> Vec<ProgrammeChoice> {
    let demo = crate::readiness::programme::demo();
    let asked = if asked.is_empty() {
        demo.name.as_str()
    } else {
        asked
    };
    crate::readiness::programme::bundled()
        .iter()
        .map(|p| ProgrammeChoice {
            name: p.name.as_str(),
            version: p.version,
            selected: p.name == asked,
        })
        .collect()
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page's parts, each from the request"
)]
async fn list_page(
    app: &AppState,
    lang: Lang,
    signed: &SignedOperator,
    query: &ListQuery,
    done: Option<String>,
    error: Option<String>,
    new: NewTenantForm,
    status: StatusCode,
) -> Result<Response> {
    let tr = lang.tr();
    let filter = query.filter();
    let after = query.after.as_deref().filter(|a| !a.is_empty());
    let mut tenants = db::tenant_list::page(&app.pool, filter, after, PAGE + 1).await?;
    let more = tenants.len() > usize::try_from(PAGE).unwrap_or(usize::MAX);
    tenants.truncate(usize::try_from(PAGE).unwrap_or(usize::MAX));
    let next = more
        .then(|| tenants.last().map(|t| next_page(query, lang, &t.slug)))
        .flatten();
    let statuses = TenantStatus::ALL
        .into_iter()
        .filter(|s| *s != TenantStatus::Deleted)
        .map(|s| Choice {
            code: s.as_str(),
            label: tr.t(&format!("tenant-status-{}", s.as_str())),
            selected: filter.status == Some(s),
        })
        .collect();
    // The overall decisions a tenant can be in: each rung of the programme's ladder, then GO.
    let programme = crate::readiness::programme::demo();
    let ladder = programme.catalogue.ladder.iter().map(|rung| rung.code);
    let decisions = ladder
        .chain([DecisionCode::Go])
        .map(|d| Choice {
            code: d.as_str(),
            label: d.as_str().to_owned(),
            selected: filter.decision == Some(d),
        })
        .collect();
    let page = ListPage {
        frame: frame(lang, "/platform", Some(signed)),
        csrf: signed.csrf.clone(),
        rows: tenants.into_iter().map(|t| row(&tr, t)).collect(),
        statuses,
        decisions,
        next,
        filtered: filter != ListFilter::default() || after.is_some(),
        done,
        error,
        programmes: programme_choices(&new.programme),
        new,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The whole list again, saying why the operator's write was refused, with the create form
/// as they typed it (`new`).
async fn list_refused(
    app: &AppState,
    lang: Lang,
    signed: &SignedOperator,
    message: String,
    new: NewTenantForm,
    status: StatusCode,
) -> Result<Response> {
    list_page(
        app,
        lang,
        signed,
        &WHOLE_LIST,
        None,
        Some(message),
        new,
        status,
    )
    .await
}

async fn list(
    State(app): State<AppState>,
    Locale(lang): Locale,
    session: Session,
    Query(query): Query<ListQuery>,
) -> Result<Response> {
    let Some(signed) = operator(&session).await else {
        return Ok(
            Redirect::to(&format!("/platform/sign-in?lang={}", lang.code())).into_response(),
        );
    };
    let done = take_done(&session).await;
    list_page(
        &app,
        lang,
        &signed,
        &query,
        done,
        None,
        NewTenantForm::default(),
        StatusCode::OK,
    )
    .await
}

/// The notice the operator's last write left for the list, removed once shown. Asked first:
/// a removal marks the session changed, and a list without a notice must not write the
/// session back on every read.
async fn take_done(session: &Session) -> Option<String> {
    session.get::<String>(DONE).await.ok().flatten()?;
    session.remove::<String>(DONE).await.ok().flatten()
}

// ---- health ------------------------------------------------------------------------------

/// One health check as the panel shows it.
struct HealthRow {
    check: String,
    passes: bool,
    tenants: String,
}

#[derive(Template)]
#[template(path = "platform/_health.html")]
struct HealthPanel {
    tr: Tr,
    rows: Vec<HealthRow>,
}

#[derive(Template)]
#[template(path = "platform/health.html")]
struct HealthPage {
    frame: Frame,
    panel: HealthPanel,
}

/// `GET /platform/health`: the platform's health checks (those of `doctor`), as a panel the
/// list loads after it is drawn (the checks read every tenant; the list reads one page), or a
/// page of its own without JavaScript.
async fn health(
    State(app): State<AppState>,
    Locale(lang): Locale,
    session: Session,
    htmx: axum_htmx::HxRequest,
) -> Result<Response> {
    let Some(signed) = operator(&session).await else {
        return Err(AppError::Forbidden);
    };
    let findings = db::doctor::examine(owner(&app)?, app.clock.now()).await?;
    let tr = lang.tr();
    let rows = findings
        .into_iter()
        .map(|finding| HealthRow {
            check: tr.t(&format!("health-check-{}", finding.check.as_str())),
            passes: finding.passes(),
            tenants: finding.tenants.join(", "),
        })
        .collect();
    let panel = HealthPanel { tr, rows };
    let html = if htmx.0 {
        panel.render()?
    } else {
        HealthPage {
            frame: frame(lang, "/platform/health", Some(&signed)),
            panel,
        }
        .render()?
    };
    Ok(Html(html).into_response())
}

// ---- commands ----------------------------------------------------------------------------

/// The owner's pool: the lifecycle's commands run as the owner, like the command line's.
fn owner(app: &AppState) -> Result<&sqlx::PgPool> {
    app.owner
        .as_ref()
        .ok_or_else(|| AppError::Unavailable("platform commands need the owner role".into()))
}

/// A tenant command's refusal, in words.
fn refusal(tr: &Tr, error: &TenantError) -> Option<(String, StatusCode)> {
    let said = match error {
        TenantError::Slug(slug) => {
            let (id, text) = match slug {
                SlugError::NotLowercase(s) => ("platform-slug-lowercase", s),
                SlugError::Length(s) => ("platform-slug-length", s),
                SlugError::Characters(s) => ("platform-slug-characters", s),
                SlugError::Reserved(s) => ("platform-slug-reserved", s),
            };
            (
                tr.t1(id, "slug", text.as_str()),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        TenantError::Exists(slug) => (
            tr.t1("platform-slug-taken", "slug", slug.as_str()),
            StatusCode::CONFLICT,
        ),
        TenantError::Unknown(slug) => (
            tr.t1("platform-unknown-tenant", "slug", slug.as_str()),
            StatusCode::NOT_FOUND,
        ),
        TenantError::Refused { slug, refused } => (
            tr.t2(
                &format!("platform-refused-{}", refused.command),
                "slug",
                slug.as_str(),
                "status",
                tr.t(&format!("tenant-status-{}", refused.status.as_str())),
            ),
            StatusCode::CONFLICT,
        ),
        TenantError::Invalid(_) => (tr.t("platform-invalid"), StatusCode::UNPROCESSABLE_ENTITY),
        TenantError::Db(_) => return None,
    };
    Some(said)
}

#[derive(Template)]
#[template(path = "platform/created.html")]
struct CreatedPage {
    frame: Frame,
    slug: String,
    name: String,
    link: String,
    expires: String,
}

/// The invitation's absolute link, on the host the operator reached the console by.
fn invitation_link(headers: &HeaderMap, https: bool, slug: &str, token: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if https { "https" } else { "http" };
    format!("{scheme}://{host}/t/{slug}/invite/{token}")
}

/// `POST /platform/tenants`: creates the tenant and shows its managing director's one-time
/// link, or the list again with the refusal and what was typed.
async fn create(
    State(app): State<AppState>,
    write: OperatorWrite<NewTenantForm>,
) -> Result<Response> {
    let (lang, signed, form) = (write.lang, &write.signed, &write.form);
    let request_id = super::request_id(&write.headers);
    let outcome = match NewSlug::parse(form.slug.trim()) {
        Err(error) => Err(TenantError::Slug(error)),
        Ok(slug) => {
            let new = form.tenant(slug);
            db::tenants::create(owner(&app)?, &new, &signed.by(&app, &request_id)).await
        }
    };
    match outcome {
        Ok(created) => {
            tracing::info!(
                tenant = form.slug.trim(),
                "tenant created from the platform page"
            );
            let slug = form.slug.trim();
            let link = invitation_link(&write.headers, app.https, slug, &created.invitation);
            created_page(lang, signed, form, link, &created.expires_at)
        }
        Err(error) => {
            let Some((message, status)) = refusal(&lang.tr(), &error) else {
                return Err(AppError::Internal(error.into()));
            };
            list_refused(&app, lang, signed, message, write.form, status).await
        }
    }
}

impl NewTenantForm {
    /// The tenant the form asks for, running the programme it names among those that come with
    /// the console (the demo's when it names none of them).
    fn tenant(&self, slug: NewSlug) -> NewTenant<'_> {
        let programme = crate::readiness::programme::bundled()
            .iter()
            .find(|p| p.name == self.programme)
            .unwrap_or_else(|| crate::readiness::programme::demo());
        NewTenant {
            slug,
            name: self.name.trim(),
            programme,
            md_name: self.md_name.trim(),
            md_email: self.md_email.trim(),
        }
    }
}

/// The page showing a new tenant's invitation link: once, never cached.
fn created_page(
    lang: Lang,
    signed: &SignedOperator,
    form: &NewTenantForm,
    link: String,
    expires_at: &time::OffsetDateTime,
) -> Result<Response> {
    let page = CreatedPage {
        frame: frame(lang, "/platform", Some(signed)),
        slug: form.slug.trim().to_owned(),
        name: form.name.trim().to_owned(),
        link,
        expires: lang.tr().datetime(expires_at),
    };
    let mut response = (StatusCode::CREATED, Html(page.render()?)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

#[derive(Deserialize)]
struct CommandForm {
    csrf: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: String,
}

impl OperatorForm for CommandForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

async fn command(
    State(app): State<AppState>,
    Path((slug, command)): Path<(String, String)>,
    write: OperatorWrite<CommandForm>,
) -> Result<Response> {
    let (lang, signed) = (write.lang, &write.signed);
    let tr = lang.tr();
    let back = |message, status| {
        list_refused(
            &app,
            lang,
            signed,
            message,
            NewTenantForm::default(),
            status,
        )
    };
    let command = match asked(&tr, &slug, &command, &write.form) {
        Ok(command) => command,
        Err((message, status)) => return back(message, status).await,
    };
    let request_id = super::request_id(&write.headers);
    let by = signed.by(&app, &request_id);
    match db::tenants::command(owner(&app)?, &slug, &command, &by).await {
        Ok(status) => {
            app.cache.invalidate(&slug);
            tracing::info!(tenant = %slug, command = command.as_str(), "tenant command");
            let status = tr.t(&format!("tenant-status-{}", status.as_str()));
            let said = tr.t2("platform-done", "slug", slug.as_str(), "status", status);
            write.session.insert(DONE, said).await?;
            Ok(Redirect::to(&format!("/platform?lang={}", lang.code())).into_response())
        }
        Err(error) => match refusal(&tr, &error) {
            Some((message, status)) => back(message, status).await,
            None => Err(AppError::Internal(error.into())),
        },
    }
}

/// The command a form asks for, or why it cannot be given: a suspension says why, a deletion
/// is confirmed by typing the slug.
fn asked(
    tr: &Tr,
    slug: &str,
    command: &str,
    form: &CommandForm,
) -> std::result::Result<Command, (String, StatusCode)> {
    let unprocessable = |message| Err((message, StatusCode::UNPROCESSABLE_ENTITY));
    match command {
        "suspend" if form.reason.trim().is_empty() => {
            unprocessable(tr.t("platform-reason-required"))
        }
        "suspend" => Ok(Command::Suspend {
            reason: form.reason.trim().to_owned(),
        }),
        "resume" => Ok(Command::Resume),
        "delete" if form.confirm.trim() != slug => {
            unprocessable(tr.t1("platform-delete-confirm-mismatch", "slug", slug))
        }
        "delete" => Ok(Command::Delete),
        _ => Err((tr.t("error-title-not-found"), StatusCode::NOT_FOUND)),
    }
}

/// The commands the platform page gives, by the name the lifecycle refuses them under.
const COMMANDS: [&str; 5] = [
    "provision-complete",
    "suspend",
    "resume",
    "delete",
    "finish-delete",
];

/// The message ids this module builds at run time.
pub fn message_ids() -> Vec<String> {
    let statuses = TenantStatus::ALL
        .into_iter()
        .map(|s| format!("tenant-status-{}", s.as_str()));
    let checks = crate::readiness::health::HealthCheck::ALL
        .into_iter()
        .map(|c| format!("health-check-{}", c.as_str()));
    let refusals = COMMANDS
        .into_iter()
        .map(|c| format!("platform-refused-{c}"));
    statuses.chain(refusals).chain(checks).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_its_refusal_message() {
        let commands = [
            Command::ProvisionComplete,
            Command::Suspend {
                reason: "why".into(),
            },
            Command::Resume,
            Command::Delete,
            Command::FinishDelete,
        ];
        let names: Vec<&str> = commands.iter().map(Command::as_str).collect();
        assert_eq!(names, COMMANDS);
    }

    #[test]
    fn the_next_page_keeps_the_filter_and_starts_after_the_last_slug() {
        let query = ListQuery {
            status: Some("suspended".into()),
            decision: Some(String::new()),
            after: Some("a".into()),
        };
        assert_eq!(
            next_page(&query, Lang::Fr, "t048"),
            "/platform?lang=fr&status=suspended&after=t048"
        );
    }
}
