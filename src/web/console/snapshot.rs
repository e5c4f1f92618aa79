//! The scenario snapshot (`/t/{tenant}/snapshot`): import a `BFGScenarioSnapshot.v1` file,
//! see what it holds, freeze it as the next immutable version.

use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::view::viewer_may;
use super::viewer::Reader;
use super::writer::{Write, WriteForm, Writer};
use super::{ConsoleView, Viewer};
use crate::db::signature::Consent;
use crate::db::snapshot::{self, History, Upload};
use crate::db::write::WriteError;
use crate::readiness::permissions::{Action, Target};
use crate::readiness::scenario::{self, LineError, MAX_BYTES, Problem};
use crate::web::frame::Frame;
use crate::web::{AppError, AppState, Result, TenantView};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::routing::post;

/// The scenario snapshot: its page, the import and the freeze.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/snapshot", get(snapshot_page))
        .route(
            "/t/{tenant}/snapshot/import",
            post(import).layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route("/t/{tenant}/snapshot/freeze", post(freeze))
}

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

/// Whether the viewer may import and freeze snapshots.
fn may_write(view: &TenantView, viewer: Option<&Viewer>) -> bool {
    [Action::ImportSnapshot, Action::FreezeSnapshot]
        .into_iter()
        .all(|action| viewer_may(view, viewer, action, Target::Tenant))
}

/// What the page says beside the history: a refused file line by line, a refused freeze, or
/// what the last write did; and the status the answer carries.
struct Shown {
    problems: Vec<LineError>,
    file_name: String,
    notice: Option<&'static str>,
    refusal: Option<&'static str>,
    status: StatusCode,
}

impl Shown {
    /// The page as it stands, with the notice of the write that led to it.
    fn page(notice: Option<&'static str>) -> Self {
        Self {
            problems: Vec::new(),
            file_name: String::new(),
            notice,
            refusal: None,
            status: StatusCode::OK,
        }
    }

    /// A file refused for `problems`.
    fn refused_file(problems: Vec<LineError>, file_name: String, status: StatusCode) -> Self {
        Self {
            problems,
            file_name,
            status,
            ..Self::page(None)
        }
    }

    /// A file larger than the limit (its name, when the body got that far).
    fn too_large(file_name: String) -> Self {
        let problem = vec![LineError {
            line: 0,
            problem: Problem::TooLarge,
        }];
        Self::refused_file(problem, file_name, StatusCode::PAYLOAD_TOO_LARGE)
    }
}

async fn render(app: &AppState, read: &Reader, shown: Shown) -> Result<Response> {
    let Shown {
        problems,
        file_name,
        notice,
        refusal,
        status,
    } = shown;
    let history = snapshot::history(&app.pool, &read.tenant).await?;
    let may_write = may_write(&read.view, read.viewer.as_ref());
    let (frame, v) = read.parts("/snapshot");
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
    read: Reader,
    crate::web::extract::Query(query): crate::web::extract::Query<Done>,
) -> Result<Response> {
    let notice = match query.done.as_deref() {
        Some("imported") => Some("scenario-imported"),
        Some("frozen") => Some("scenario-frozen"),
        _ => None,
    };
    render(&app, &read, Shown::page(notice)).await
}

/// What the last write did, for the notice after the redirect.
#[derive(Debug, serde::Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// The writer, when their role may write snapshots.
async fn may_write_snapshots(app: &AppState, by: &Writer) -> Result<()> {
    let view = by.tenant(app).await?;
    if may_write(&view, Some(&by.viewer)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The page again after a write, for its writer.
async fn refuse(app: &AppState, by: &Writer, shown: Shown) -> Result<Response> {
    render(app, &by.reader(app).await?, shown).await
}

/// The import form as read from its multipart body.
#[derive(Default)]
struct ImportForm {
    csrf: String,
    key: Option<Uuid>,
    file_name: String,
    bytes: axum::body::Bytes,
}

/// What reading the import form's body found.
enum Read {
    /// The whole form.
    Form(ImportForm),
    /// A body larger than the limit, with the file's name when it got that far.
    TooLarge(String),
}

/// Reads the import form.
async fn read_import(multipart: &mut Multipart) -> Result<Read> {
    let too_large = |error: &MultipartError| error.status() == StatusCode::PAYLOAD_TOO_LARGE;
    let mut form = ImportForm::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(Read::Form(form)),
            // The body limit stops a body that lied about its size as it streams in.
            Err(error) if too_large(&error) => return Ok(Read::TooLarge(String::new())),
            Err(_) => return Err(AppError::BadRequest),
        };
        match field.name().unwrap_or_default() {
            "csrf" => form.csrf = field.text().await.unwrap_or_default(),
            "idempotency_key" => {
                let key = field.text().await.unwrap_or_default();
                form.key = Uuid::parse_str(key.trim()).ok();
            }
            "file" => {
                form.file_name = field.file_name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    Ok(bytes) => form.bytes = bytes,
                    Err(error) if too_large(&error) => return Ok(Read::TooLarge(form.file_name)),
                    Err(_) => return Err(AppError::BadRequest),
                }
            }
            _ => {}
        }
    }
}

/// `POST /t/{tenant}/snapshot/import` (multipart): validates the whole file before storing
/// anything; a refused file is listed line by line and nothing is kept.
async fn import(
    State(app): State<AppState>,
    headers: HeaderMap,
    by: Writer,
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Result<Response> {
    let mut multipart = multipart.map_err(|_| AppError::BadRequest)?;
    may_write_snapshots(&app, &by).await?;
    // Refused before a byte of the body is read when the client announces the size.
    if announced_size(&headers).is_some_and(|n| n > MAX_UPLOAD) {
        return refuse(&app, &by, Shown::too_large(String::new())).await;
    }
    let form = match read_import(&mut multipart).await? {
        Read::Form(form) => form,
        Read::TooLarge(file_name) => return refuse(&app, &by, Shown::too_large(file_name)).await,
    };
    by.check_csrf(&form.csrf).await?;
    let key = form.key.ok_or(AppError::BadRequest)?;
    let scenario = match scenario::parse(&form.bytes, &by.tenant) {
        Ok(scenario) => scenario,
        Err(problems) => return refuse_file(&app, &by, problems, form.file_name).await,
    };
    store_import(&app, &by, key, &form.bytes, &scenario).await?;
    Ok(Redirect::to(&format!(
        "{}&done=imported",
        by.console_url("/snapshot", "")
    ))
    .into_response())
}

/// The body's size as the client announces it, if it does.
fn announced_size(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
}

/// The page again, listing why the file was refused line by line.
async fn refuse_file(
    app: &AppState,
    by: &Writer,
    problems: Vec<LineError>,
    file_name: String,
) -> Result<Response> {
    tracing::info!(problems = problems.len(), "scenario file refused");
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    refuse(app, by, Shown::refused_file(problems, file_name, status)).await
}

/// Stores a file that parsed as the writer's import, and lets the console see it.
async fn store_import(
    app: &AppState,
    by: &Writer,
    key: Uuid,
    bytes: &[u8],
    scenario: &scenario::Scenario,
) -> Result<()> {
    let sha256 = crate::bundle::sha256(bytes);
    let upload = Upload {
        sha256: &sha256,
        bytes: bytes.len(),
    };
    snapshot::import(&app.pool, &by.author(app), key, upload, scenario).await?;
    app.cache.invalidate(&by.tenant);
    tracing::info!(bytes = bytes.len(), "scenario file imported");
    Ok(())
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

impl WriteForm for FreezeForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /t/{tenant}/snapshot/freeze`.
async fn freeze(
    State(app): State<AppState>,
    Write { by, form }: Write<FreezeForm>,
) -> Result<Response> {
    may_write_snapshots(&app, &by).await?;
    let consent = Consent::from_checkbox(form.confirm_withdraw.is_some());
    let author = by.author(&app);
    let frozen = snapshot::freeze_with(
        &app.pool,
        &author,
        form.idempotency_key,
        form.import_id,
        consent,
    );
    match frozen.await {
        Ok(_) => {}
        // A GO stands and the freeze was not confirmed: nothing was written; the page asks.
        Err(WriteError::WithdrawUnconfirmed) => {
            let shown = Shown {
                refusal: Some("signature-confirm-required"),
                status: StatusCode::CONFLICT,
                ..Shown::page(None)
            };
            return refuse(&app, &by, shown).await;
        }
        Err(error) => return Err(error.into()),
    }
    app.cache.invalidate(&by.tenant);
    tracing::info!(import = form.import_id, "scenario snapshot frozen");
    Ok(Redirect::to(&format!("{}&done=frozen", by.console_url("/snapshot", ""))).into_response())
}
