//! The rehearsal page (`/t/{tenant}/rehearsal`): name the target by a secret reference, run
//! the connection probes, the schema gap analysis and the dry-run as jobs the page polls, and
//! read each step's result.

use crate::web::extract::Query;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_htmx::HX_REFRESH;
use tower_sessions::Session;

use super::view::viewer_may;
use super::viewer::Reader;
use super::writer::{Write, WriteForm, Writer};
use super::{ConsoleView, Viewer, viewer_of};
use crate::db::rehearsal::{self, RunRow, Runner, StartError};
use crate::db::signature::Consent;
use crate::i18n::Lang;
use crate::readiness::permissions::{Action, Target};
use crate::readiness::{RehearsalKind, RunState};
use crate::rehearsal::probes::GapLine;
use crate::rehearsal::{RefError, Refusal, SecretPolicy, SecretRef};
use crate::web::frame::Frame;
use crate::web::notice::{self, Notice, NoticeCode};
use crate::web::{AppError, AppState, Locale, Result, TenantView, record_tenant};
use axum::Router;
use axum::routing::get;
use axum::routing::post;

/// The rehearsals: their page, the target, the runs and the poll of a running one.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/rehearsal", get(rehearsal_page))
        .route("/t/{tenant}/rehearsal/run", get(poll))
        .route("/t/{tenant}/rehearsal/target", post(set_target))
        .route("/t/{tenant}/rehearsal/{kind}", post(start))
}

#[derive(Template)]
#[template(path = "rehearsal/page.html")]
struct RehearsalPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    may_run: bool,
    /// The reference as typed, when it was refused.
    typed: String,
    /// Why the typed reference or the last start was refused (a message id).
    problem: Option<String>,
    runs: Vec<RunPartial>,
    gap: Vec<GapLine>,
}

/// One kind's latest run, polled while it runs.
#[derive(Template)]
#[template(path = "rehearsal/_run.html")]
struct RunPartial {
    tr: crate::i18n::Tr,
    slug: String,
    kind: RehearsalKind,
    run: Option<RunRow>,
    csrf: Option<String>,
    environment: String,
    /// While a GO stands: the warning and the checkbox confirming its withdrawal.
    withdraw: Option<super::signature::WithdrawConfirm>,
}

impl RehearsalPage<'_> {
    fn csrf(&self) -> &str {
        self.v.viewer.as_ref().map_or("", |v| v.csrf.as_str())
    }
}

impl RunPartial {
    fn running(&self) -> bool {
        self.run
            .as_ref()
            .is_some_and(|r| r.state == RunState::Running)
    }

    fn item_label(&self, key: &str) -> String {
        self.tr.t1(
            &super::item_label_id(key),
            "environment",
            self.environment.as_str(),
        )
    }

    fn reason_text(&self, code: impl std::fmt::Display) -> String {
        self.tr.t(&format!("rehearsal-reason-{code}"))
    }
}

/// The run button's confirmation while a GO stands: a run's results may withdraw it.
fn run_confirm(
    lang: Lang,
    view: &TenantView,
    kind: RehearsalKind,
) -> Option<super::signature::WithdrawConfirm> {
    super::signature::withdraw_confirm(
        view.tr(lang),
        view,
        format!("run-{kind}-confirm"),
        super::signature::Withdrawing::IfARunChangesAStatus,
    )
}

/// Whether the viewer may name the target and start runs.
fn may_run(view: &TenantView, viewer: Option<&Viewer>) -> bool {
    [Action::SetRehearsalTarget, Action::StartRehearsal]
        .into_iter()
        .all(|action| viewer_may(view, viewer, action, Target::Tenant))
}

/// Why the page is drawn again after a write: what was typed, the message id of the problem,
/// and the status the answer carries.
struct Refused {
    typed: String,
    problem: Option<String>,
    status: StatusCode,
}

impl Refused {
    /// Nothing refused: the page as it stands.
    fn none() -> Self {
        Self::with(String::new(), None, StatusCode::OK)
    }

    fn with(typed: String, problem: Option<String>, status: StatusCode) -> Self {
        Self {
            typed,
            problem,
            status,
        }
    }
}

async fn render(app: &AppState, read: &Reader, refused: Refused) -> Result<Response> {
    let Refused {
        typed,
        problem,
        status,
    } = refused;
    let (view, lang) = (&read.view, read.lang);
    let may_run = may_run(view, read.viewer.as_ref());
    let csrf = read.viewer.as_ref().map(|v| v.csrf.clone());
    let mut runs = Vec::new();
    for kind in RehearsalKind::ALL {
        runs.push(RunPartial {
            tr: view.tr(lang),
            slug: read.tenant.clone(),
            kind,
            run: rehearsal::run_row(&app.pool, &read.tenant, None, Some(kind)).await?,
            csrf: csrf.clone().filter(|_| may_run),
            environment: view.console.state.profile.environment.clone(),
            withdraw: run_confirm(lang, view, kind),
        });
    }
    let gap = runs
        .iter()
        .find(|r| r.kind == RehearsalKind::Gap)
        .and_then(|r| r.run.as_ref())
        .and_then(|r| r.transcript.0.first())
        .and_then(|step| step.detail.get("lines"))
        .and_then(|lines| serde_json::from_value(lines.clone()).ok())
        .unwrap_or_default();
    let (frame, v) = read.parts("/rehearsal");
    let page = RehearsalPage {
        may_run,
        frame,
        typed,
        problem,
        runs,
        gap,
        v,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /t/{tenant}/rehearsal`.
pub(super) async fn rehearsal_page(
    State(app): State<AppState>,
    read: Reader,
    notice: Option<axum::Extension<Notice>>,
) -> Result<Response> {
    render(&app, &read.with_notice(notice), Refused::none()).await
}

/// The page again after a refused write, for its writer.
async fn refuse(app: &AppState, by: &Writer, refused: Refused) -> Result<Response> {
    render(app, &by.reader(app).await?, refused).await
}

/// A runner of rehearsals: the writer, when their role may run them.
async fn runner(app: &AppState, by: &Writer) -> Result<Runner> {
    let view = by.tenant(app).await?;
    if !may_run(&view, Some(&by.viewer)) {
        return Err(AppError::Forbidden);
    }
    Ok(by.runner(app))
}

/// The target form.
#[derive(Debug, serde::Deserialize)]
pub struct TargetForm {
    csrf: String,
    #[serde(default)]
    reference: String,
}

impl WriteForm for TargetForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl TargetForm {
    /// The reference, admitted by the secret policy.
    fn reference(&self, policy: &SecretPolicy) -> std::result::Result<SecretRef, RefError> {
        let reference = SecretRef::parse(&self.reference)?;
        policy.admits(&reference)?;
        Ok(reference)
    }

    /// The page's answer to a refused reference: an inline secret is not echoed back.
    fn refused(&self, error: RefError) -> Refused {
        let typed = if error == RefError::Inline {
            String::new()
        } else {
            let kept: String = self.reference.chars().take(1000).collect();
            crate::readiness::evidence::as_typed(&kept)
        };
        let problem = format!("rehearsal-ref-{}", error.as_str());
        Refused::with(typed, Some(problem), StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// `POST /t/{tenant}/rehearsal/target`.
async fn set_target(
    State(app): State<AppState>,
    Write { by, form }: Write<TargetForm>,
) -> Result<Response> {
    let runner = runner(&app, &by).await?;
    let reference = match form.reference(&app.secrets) {
        Ok(reference) => reference,
        Err(error) => return refuse(&app, &by, form.refused(error)).await,
    };
    rehearsal::set_target(&app.pool, &runner, &reference).await?;
    app.cache.invalidate(&by.tenant);
    tracing::info!("rehearsal target named");
    let page = Redirect::to(&by.console_url("/rehearsal", ""));
    let done = Notice::new(NoticeCode::TargetSaved, &reference.as_text());
    Ok(notice::leave(page.into_response(), done))
}

/// The run buttons.
#[derive(Debug, serde::Deserialize)]
pub struct RunForm {
    csrf: String,
    /// Ticked: the runner confirms that the run may withdraw a standing GO signature.
    #[serde(default)]
    confirm_withdraw: Option<String>,
}

impl WriteForm for RunForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// Why a run did not start, as the page says it; `None` for a failure not the runner's to act
/// on.
fn refusal(error: &StartError) -> Option<Refused> {
    let (problem, status) = match error {
        StartError::Refused(refusal) => (
            format!("rehearsal-refused-{}", refusal.as_str()),
            if *refusal == Refusal::Busy {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
        ),
        // A GO stands and the run was not confirmed: nothing was recorded; the page asks.
        StartError::WithdrawUnconfirmed => (
            "signature-confirm-required".to_owned(),
            StatusCode::CONFLICT,
        ),
        _ => return None,
    };
    Some(Refused::with(String::new(), Some(problem), status))
}

/// `POST /t/{tenant}/rehearsal/{kind}`: starts a run and goes back to the page, which polls it.
async fn start(
    State(app): State<AppState>,
    Path((_, kind)): Path<(String, String)>,
    Write { by, form }: Write<RunForm>,
) -> Result<Response> {
    let runner = runner(&app, &by).await?;
    let kind = RehearsalKind::parse(&kind).ok_or(AppError::NotFound)?;
    let consent = Consent::from_checkbox(form.confirm_withdraw.is_some());
    match rehearsal::start_with(&app.pool, &runner, kind, app.rehearsal, consent).await {
        Ok((id, work)) => {
            tracing::info!(run = id, kind = kind.as_str(), "rehearsal run started");
            tokio::spawn(work);
        }
        Err(error) => {
            // A refused run is recorded (all but a busy one): the page shows it.
            app.cache.invalidate(&by.tenant);
            let Some(refused) = refusal(&error) else {
                return Err(error.into());
            };
            return refuse(&app, &by, refused).await;
        }
    }
    app.cache.invalidate(&by.tenant);
    let page = Redirect::to(&by.console_url("/rehearsal", &format!("#run-{kind}")));
    let done = Notice::new(NoticeCode::RunStarted, kind.as_str());
    Ok(notice::leave(page.into_response(), done))
}

/// Which run the page polls.
#[derive(Debug, serde::Deserialize)]
pub struct Poll {
    kind: String,
}

/// `GET /t/{tenant}/rehearsal/run?kind=…`: the latest run of a kind, as a fragment. While it
/// runs the fragment polls itself; once it ends the page reloads to show the moved figures.
pub(super) async fn poll(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    Query(poll): Query<Poll>,
) -> Result<Response> {
    record_tenant(&tenant);
    let kind = RehearsalKind::parse(&poll.kind).ok_or(AppError::NotFound)?;
    let view = app.tenant(&tenant).await?;
    let viewer = viewer_of(&session, &tenant).await;
    let partial = RunPartial {
        tr: view.tr(lang),
        slug: tenant.clone(),
        kind,
        run: rehearsal::run_row(&app.pool, &tenant, None, Some(kind)).await?,
        csrf: viewer
            .as_ref()
            .filter(|v| may_run(&view, Some(v)))
            .map(|v| v.csrf.clone()),
        environment: view.console.state.profile.environment.clone(),
        withdraw: run_confirm(lang, &view, kind),
    };
    let finished = !partial.running();
    let mut response = Html(partial.render()?).into_response();
    if finished {
        response
            .headers_mut()
            .insert(HX_REFRESH, HeaderValue::from_static("true"));
    }
    Ok(super::super::vary_on_htmx(response))
}
