//! The scenario snapshot (`/t/{tenant}/snapshot`): import a `BFGScenarioSnapshot.v1` file,
//! see what it holds, freeze it as the next immutable version.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use tower_sessions::Session;
use uuid::Uuid;

use super::{ConsoleView, Viewer, page_parts, viewer_of};
use crate::db::signature::Consent;
use crate::db::snapshot::{self, History, Upload};
use crate::db::write::{Author, WriteError};
use crate::i18n::Lang;
use crate::readiness::scenario::{self, LineError, MAX_BYTES, Problem};
use crate::web::frame::Frame;
use crate::web::session::{csrf_matches, same_origin};
use crate::web::{AppError, AppState, Locale, Result, TenantView, record_tenant};

/// The largest request an import reads: the file's limit and room for the form's fields.
pub const MAX_UPLOAD: usize = MAX_BYTES + 64 * 1024;

#[derive(Template)]
#[template(path = "snapshot/page.html")]
struct SnapshotPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    history: History,
    may_write: bool,
    /// Why the last file was refused, line by line.
    problems: Vec<LineError>,
    /// The refused file's name.
    file_name: String,
    key: Uuid,
    notice: Option<&'static str>,
    /// Why the last freeze was refused (a message id).
    refusal: Option<&'static str>,
}

impl SnapshotPage<'_> {
    fn csrf(&self) -> &str {
        self.v.viewer.as_ref().map_or("", |v| v.csrf.as_str())
    }

    /// A new idempotency key for one of the page's forms.
    fn fresh_key(&self) -> Uuid {
        Uuid::new_v4()
    }

    fn problem_text(&self, problem: &Problem) -> String {
        let args: Vec<(&str, crate::i18n::Arg)> = problem
            .args()
            .into_iter()
            .map(|(name, value)| (name, value.into()))
            .collect();
        self.v
            .tr
            .t_args(&format!("scenario-error-{}", problem.code()), &args)
    }

    fn ver(&self, version: &i32) -> String {
        version.to_string()
    }

    fn line_text(&self, line: &usize) -> String {
        let line = *line;
        if line == 0 {
            self.v.tr.t("scenario-error-file")
        } else {
            self.v.tr.t1(
                "scenario-error-line",
                "line",
                u64::try_from(line).unwrap_or_default(),
            )
        }
    }

    /// The freeze form's confirmation for this import, while a GO stands.
    fn freeze_confirm(&self, import: &i64) -> Option<super::signature::WithdrawConfirm> {
        super::signature::withdraw_confirm(
            self.v.tr,
            self.v.view,
            format!("freeze-{import}-confirm"),
            super::signature::Withdrawing::IfAFreezeChangesAStatus,
        )
    }

    fn group_label(&self, group: &str) -> String {
        self.v.tr.t(&format!("batch-{group}"))
    }

    fn kind_label(&self, kind: &str) -> String {
        self.v.tr.t(&format!("scenario-kind-{kind}"))
    }

    fn num(&self, n: &u64) -> String {
        self.v.tr.num(*n)
    }

    fn num_i(&self, n: &i64) -> String {
        self.v.tr.num(u64::try_from(*n).unwrap_or_default())
    }

    fn limit(&self) -> String {
        self.v
            .tr
            .num(u64::try_from(MAX_BYTES / 1024 / 1024).unwrap_or_default())
    }
}

fn may_write(view: &TenantView, viewer: Option<&Viewer>) -> bool {
    viewer
        .and_then(|v| view.console.state.actor(&v.actor))
        .is_some_and(|a| snapshot::may_write(a.role))
}

#[expect(clippy::too_many_arguments, reason = "the page's parts")]
async fn render(
    app: &AppState,
    tenant: &str,
    lang: Lang,
    session: &Session,
    problems: Vec<LineError>,
    file_name: String,
    notice: Option<&'static str>,
    refusal: Option<&'static str>,
    status: StatusCode,
) -> Result<Response> {
    let view = app.tenant(tenant).await?;
    let history = snapshot::history(&app.pool, tenant).await?;
    let viewer = viewer_of(session, tenant).await;
    let may_write = may_write(&view, viewer.as_ref());
    let path = format!("/t/{tenant}/snapshot");
    let (frame, v) = page_parts(lang, &path, tenant, &view, viewer);
    let page = SnapshotPage {
        may_write,
        frame,
        history,
        problems,
        file_name,
        key: Uuid::new_v4(),
        notice,
        refusal,
        v,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /t/{tenant}/snapshot`.
pub(super) async fn snapshot_page(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    crate::web::extract::Query(query): crate::web::extract::Query<Done>,
) -> Result<Response> {
    record_tenant(&tenant);
    let notice = match query.done.as_deref() {
        Some("imported") => Some("scenario-imported"),
        Some("frozen") => Some("scenario-frozen"),
        _ => None,
    };
    render(
        &app,
        &tenant,
        lang,
        &session,
        Vec::new(),
        String::new(),
        notice,
        None,
        StatusCode::OK,
    )
    .await
}

/// What the last write did, for the notice after the redirect.
#[derive(Debug, serde::Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// Checks who is writing: signed in, from our own pages, allowed to write snapshots.
async fn writer(
    app: &AppState,
    tenant: &str,
    session: &Session,
    headers: &HeaderMap,
) -> Result<Viewer> {
    let viewer = viewer_of(session, tenant)
        .await
        .ok_or(AppError::SignInRequired)?;
    tracing::Span::current().record("actor", viewer.actor.as_str());
    if !same_origin(headers) {
        return Err(AppError::Forbidden);
    }
    let view = app.tenant(tenant).await?;
    if !may_write(&view, Some(&viewer)) {
        return Err(AppError::Forbidden);
    }
    Ok(viewer)
}

fn refused(error: WriteError) -> AppError {
    match error {
        WriteError::Forbidden => AppError::Forbidden,
        WriteError::Db(error) => error.into(),
        _ => AppError::NotFound,
    }
}

/// `POST /t/{tenant}/snapshot/import` (multipart): validates the whole file before storing
/// anything; a refused file is listed line by line and nothing is kept.
pub(super) async fn import(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    headers: HeaderMap,
    multipart: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response> {
    record_tenant(&tenant);
    let mut multipart = multipart.map_err(|_| AppError::BadRequest)?;
    let viewer = writer(&app, &tenant, &session, &headers).await?;
    let too_large = |file_name: String| {
        render(
            &app,
            &tenant,
            lang,
            &session,
            vec![LineError {
                line: 0,
                problem: Problem::TooLarge,
            }],
            file_name,
            None,
            None,
            StatusCode::PAYLOAD_TOO_LARGE,
        )
    };
    // Refused before a byte of the body is read when the client announces the size.
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > MAX_UPLOAD) {
        return too_large(String::new()).await;
    }
    let mut csrf = String::new();
    let mut key = None;
    let mut file: Option<(String, axum::body::Bytes)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // The body limit stops a body that lied about its size as it streams in.
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return too_large(String::new()).await;
            }
            Err(_) => return Err(AppError::BadRequest),
        };
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "idempotency_key" => {
                key = field
                    .text()
                    .await
                    .ok()
                    .and_then(|k| Uuid::parse_str(k.trim()).ok());
            }
            "file" => {
                let name = field.file_name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return too_large(name).await;
                    }
                    Err(_) => return Err(AppError::BadRequest),
                }
            }
            _ => {}
        }
    }
    if !csrf_matches(&session, &csrf).await {
        return Err(AppError::Forbidden);
    }
    let key = key.ok_or(AppError::BadRequest)?;
    let (file_name, bytes) = file.unwrap_or_default();
    let parsed = scenario::parse(&bytes, &tenant);
    let scenario = match parsed {
        Ok(scenario) => scenario,
        Err(problems) => {
            tracing::info!(problems = problems.len(), "scenario file refused");
            return render(
                &app,
                &tenant,
                lang,
                &session,
                problems,
                file_name,
                None,
                None,
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
    let sha256 = crate::bundle::sha256(&bytes);
    snapshot::import(
        &app.pool,
        &author,
        key,
        Upload {
            sha256: &sha256,
            bytes: bytes.len(),
        },
        &scenario,
    )
    .await
    .map_err(refused)?;
    app.cache.invalidate();
    Ok(Redirect::to(&format!(
        "/t/{tenant}/snapshot?lang={}&done=imported",
        lang.code()
    ))
    .into_response())
}

/// The freeze form.
#[derive(Debug, serde::Deserialize)]
pub struct FreezeForm {
    csrf: String,
    idempotency_key: Uuid,
    import_id: i64,
    /// Ticked: the writer confirms withdrawing a standing GO signature.
    #[serde(default)]
    confirm_withdraw: Option<String>,
}

/// `POST /t/{tenant}/snapshot/freeze`.
pub(super) async fn freeze(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Locale(lang): Locale,
    session: Session,
    headers: HeaderMap,
    crate::web::extract::Form(form): crate::web::extract::Form<FreezeForm>,
) -> Result<Response> {
    record_tenant(&tenant);
    let viewer = writer(&app, &tenant, &session, &headers).await?;
    if !csrf_matches(&session, &form.csrf).await {
        return Err(AppError::Forbidden);
    }
    let request_id = crate::web::request_id(&headers);
    let author = Author {
        tenant: &tenant,
        actor: &viewer.actor,
        request_id: &request_id,
        key: &app.key,
        clock: &app.clock,
    };
    let consent = Consent::from_checkbox(form.confirm_withdraw.is_some());
    let frozen = snapshot::freeze_with(
        &app.pool,
        &author,
        form.idempotency_key,
        form.import_id,
        consent,
    )
    .await;
    match frozen {
        Ok(_) => {}
        // A GO stands and the freeze was not confirmed: nothing was written; the page asks.
        Err(WriteError::WithdrawUnconfirmed) => {
            return render(
                &app,
                &tenant,
                lang,
                &session,
                Vec::new(),
                String::new(),
                None,
                Some("signature-confirm-required"),
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(error) => return Err(refused(error)),
    }
    app.cache.invalidate();
    Ok(Redirect::to(&format!(
        "/t/{tenant}/snapshot?lang={}&done=frozen",
        lang.code()
    ))
    .into_response())
}
