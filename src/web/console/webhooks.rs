//! The webhooks page (`/t/{tenant}/webhooks`, the managing director's alone): the tenant's
//! endpoints, the form that adds one (its signing secret shown once, on the page the form
//! answers with), and the latest deliveries with their last answer, a dead one with a button to
//! try it again.
//!
//! Each form is a write through the [`Write`] extractor (session, same origin, CSRF); the
//! database asks the permission table. A refusal draws the page again with its message and the
//! URL as typed, and writes nothing.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use uuid::Uuid;

use super::people::ShownLink;
use super::viewer::{DoneQuery, manager_of};
use super::writer::{Write, WriteForm, Writer};
use super::{ConsoleView, page_parts};
use crate::db::outbox::DeliveryStatus;
use crate::db::webhooks::{self, Change, HookError, NewEndpoint};
use crate::i18n::Lang;
use crate::readiness::outbox::{self, EndpointRefusal, EventType};
use crate::readiness::permissions::Action;
use crate::web::frame::Frame;
use crate::web::notice::Notice;
use crate::web::{AppError, AppState, Locale, Result, record_tenant};

/// The webhooks page and its writes.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/webhooks", get(page).post(add))
        .route("/t/{tenant}/webhooks/{id}/remove", post(remove))
        .route("/t/{tenant}/webhooks/deliveries/{id}/retry", post(retry))
}

/// How many deliveries the page lists.
const DELIVERIES_SHOWN: i64 = 50;

/// What a write did, said on the page it redirects to.
const DONE: [&str; 2] = ["removed", "retried"];

/// Every message id the page builds.
pub fn message_ids() -> Vec<String> {
    EventType::ALL
        .iter()
        .map(|e| format!("webhooks-event-{}", e.as_str().replace('.', "-")))
        .chain(
            EndpointRefusal::ALL
                .iter()
                .map(|r| format!("webhooks-refused-{}", r.as_str())),
        )
        .chain(
            DeliveryStatus::ALL
                .iter()
                .map(|s| format!("webhooks-status-{}", s.as_str())),
        )
        .chain(
            crate::webhook::Failure::ALL
                .iter()
                .map(|f| format!("webhooks-failure-{}", f.as_str())),
        )
        .chain(DONE.iter().map(|d| format!("webhooks-done-{d}")))
        .collect()
}

fn event_label(lang: Lang, kind: EventType) -> String {
    lang.tr().t(&format!(
        "webhooks-event-{}",
        kind.as_str().replace('.', "-")
    ))
}

/// An endpoint, as its row shows it.
struct EndpointLine {
    id: Uuid,
    url: String,
    events: String,
    hint: String,
    created: String,
}

/// A delivery, as its row shows it.
struct DeliveryLine {
    id: Uuid,
    event: String,
    code: &'static str,
    event_id: String,
    url: String,
    status: &'static str,
    status_label: String,
    tries: i32,
    answer: String,
    when: String,
    dead: bool,
}

/// An event type to tick.
struct EventChoice {
    name: String,
    code: &'static str,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "webhooks/page.html")]
struct WebhooksPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    endpoints: Vec<EndpointLine>,
    deliveries: Vec<DeliveryLine>,
    choices: Vec<EventChoice>,
    typed_url: String,
    problem: Option<String>,
    done: Option<String>,
    secret: Option<ShownLink>,
}

impl WebhooksPage<'_> {
    fn csrf(&self) -> &str {
        self.v.viewer.as_ref().map_or("", |v| v.csrf.as_str())
    }
}

/// What the page shows besides the lists.
#[derive(Default)]
struct Shown {
    typed: HookForm,
    problem: Option<EndpointRefusal>,
    done: Option<&'static str>,
    secret: Option<ShownLink>,
    status: Option<StatusCode>,
}

async fn render(
    app: &AppState,
    tenant: &str,
    lang: Lang,
    session: &tower_sessions::Session,
    shown: Shown,
    notice: Option<axum::Extension<Notice>>,
) -> Result<Response> {
    let (view, viewer) = manager_of(app, tenant, session, notice, Action::ManageWebhooks).await?;
    let endpoints = webhooks::list(&app.pool, tenant)
        .await?
        .ok_or(AppError::NotFound)?;
    let deliveries = webhooks::deliveries(&app.pool, tenant, DELIVERIES_SHOWN)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = format!("/t/{tenant}/webhooks");
    let (frame, v) = page_parts(lang, &path, tenant, &view, Some(viewer));
    let tr = lang.tr();
    let typed_events = shown.typed.events();
    let page = WebhooksPage {
        endpoints: endpoints
            .into_iter()
            .map(|e| EndpointLine {
                id: e.id,
                events: e
                    .events
                    .iter()
                    .map(|k| event_label(lang, *k))
                    .collect::<Vec<_>>()
                    .join(", "),
                hint: e.secret_hint,
                created: tr.t2(
                    "webhooks-created-by",
                    "date",
                    tr.datetime(&e.created_at),
                    "by",
                    v.actor_line(&e.created_by),
                ),
                url: e.url,
            })
            .collect(),
        deliveries: deliveries
            .into_iter()
            .map(|d| {
                let kind = EventType::parse(&d.kind);
                let failure = d
                    .last_error
                    .as_deref()
                    .and_then(crate::webhook::Failure::parse);
                let answer = match (d.last_status, failure, d.last_duration_ms) {
                    (Some(http), _, Some(ms)) => {
                        tr.t2("webhooks-answer-http", "status", http, "ms", ms)
                    }
                    (None, Some(f), _) => tr.t(&format!("webhooks-failure-{}", f.as_str())),
                    _ => tr.t("webhooks-answer-none"),
                };
                let when = match (d.status, d.last_tried_at) {
                    (DeliveryStatus::Pending, _) => {
                        tr.t1("webhooks-next-try", "date", tr.datetime(&d.next_attempt_at))
                    }
                    (_, Some(at)) => tr.datetime(&at),
                    (_, None) => tr.datetime(&d.at),
                };
                DeliveryLine {
                    id: d.id,
                    event: kind.map_or_else(|| d.kind.clone(), |k| event_label(lang, k)),
                    code: kind.map_or("", EventType::as_str),
                    event_id: d.event_id.to_string(),
                    url: d.url,
                    status: d.status.as_str(),
                    status_label: tr.t(&format!("webhooks-status-{}", d.status.as_str())),
                    tries: d.tries,
                    answer,
                    when,
                    dead: d.status == DeliveryStatus::Dead,
                }
            })
            .collect(),
        choices: EventType::ALL
            .iter()
            .map(|k| EventChoice {
                name: format!("event:{}", k.as_str()),
                code: k.as_str(),
                label: event_label(lang, *k),
                checked: typed_events.contains(&k.as_str()),
            })
            .collect(),
        typed_url: crate::readiness::evidence::as_typed(&shown.typed.url),
        problem: shown
            .problem
            .map(|p| tr.t(&format!("webhooks-refused-{}", p.as_str()))),
        done: shown.done.map(|d| tr.t(&format!("webhooks-done-{d}"))),
        secret: shown.secret,
        frame,
        v,
    };
    let status = shown.status.unwrap_or(StatusCode::OK);
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /t/{tenant}/webhooks`.
async fn page(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    Query(query): Query<DoneQuery>,
    Locale(lang): Locale,
    session: tower_sessions::Session,
    notice: Option<axum::Extension<Notice>>,
) -> Result<Response> {
    record_tenant(&tenant);
    let shown = Shown {
        done: query
            .done
            .as_deref()
            .and_then(|d| DONE.iter().copied().find(|x| *x == d)),
        ..Shown::default()
    };
    render(&app, &tenant, lang, &session, shown, notice).await
}

/// The endpoint form as typed: the URL, and one checkbox per event type (`event:<type>`).
#[derive(Debug, Default, Clone, serde::Deserialize)]
struct HookForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    url: String,
    #[serde(flatten)]
    ticked: BTreeMap<String, String>,
}

impl HookForm {
    fn events(&self) -> Vec<&str> {
        self.ticked
            .keys()
            .filter_map(|k| k.strip_prefix("event:"))
            .collect()
    }
}

impl WriteForm for HookForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The page again with a refusal of the form: nothing written, the URL as typed.
async fn refused(
    app: &AppState,
    by: &Writer,
    typed: HookForm,
    refusal: EndpointRefusal,
) -> Result<Response> {
    let shown = Shown {
        typed,
        problem: Some(refusal),
        status: Some(StatusCode::UNPROCESSABLE_ENTITY),
        ..Shown::default()
    };
    render(app, &by.tenant, by.lang, &by.session, shown, None).await
}

fn failed(error: HookError) -> AppError {
    match error {
        HookError::Forbidden => AppError::Forbidden,
        HookError::NoTenant(_) | HookError::Unknown(_) => AppError::NotFound,
        HookError::Db(error) => error.into(),
    }
}

/// `POST /t/{tenant}/webhooks`: the endpoint, its secret shown once on the page it answers with.
async fn add(State(app): State<AppState>, Write { by, form }: Write<HookForm>) -> Result<Response> {
    let url = match outbox::parse_url(&form.url) {
        Ok(url) => url,
        Err(refusal) => return refused(&app, &by, form, refusal).await,
    };
    let events = match outbox::parse_events(form.events()) {
        Ok(events) => events,
        Err(refusal) => return refused(&app, &by, form, refusal).await,
    };
    if let Err(refusal) = crate::webhook::check_destination(&url, app.webhooks_allow_private).await
    {
        return refused(&app, &by, form, refusal).await;
    }
    let id = Uuid::new_v4();
    let secret = crate::webhook::secret_of(&app.key, id);
    let hint = crate::webhook::hint_of(&secret);
    let endpoint = NewEndpoint {
        id,
        url: &url,
        events: &events,
        secret_hint: &hint,
    };
    let (stamp, who) = by.stamp(&app);
    webhooks::add(&app.pool, &by.tenant, &endpoint, who, &stamp)
        .await
        .map_err(failed)?;
    app.cache.invalidate(&by.tenant);
    let tr = by.lang.tr();
    let shown = Shown {
        secret: Some(ShownLink {
            what: tr.t1("webhooks-added", "url", url.as_str()),
            url: secret,
            help: tr.t("webhooks-secret-once"),
            copy: "webhooks-copy",
            once: None,
        }),
        ..Shown::default()
    };
    render(&app, &by.tenant, by.lang, &by.session, shown, None).await
}

fn back(by: &Writer, done: &str) -> Response {
    Redirect::to(&format!(
        "/t/{}/webhooks?lang={}&done={done}",
        by.tenant,
        by.lang.code()
    ))
    .into_response()
}

/// `POST /t/{tenant}/webhooks/{id}/remove`: nothing more is sent to it.
async fn remove(
    State(app): State<AppState>,
    Path((_, id)): Path<(String, String)>,
    Write { by, .. }: Write<HookForm>,
) -> Result<Response> {
    change(&app, &by, &id, Change::Remove).await
}

/// `POST /t/{tenant}/webhooks/deliveries/{id}/retry`: a dead delivery gets one more try, now.
async fn retry(
    State(app): State<AppState>,
    Path((_, id)): Path<(String, String)>,
    Write { by, .. }: Write<HookForm>,
) -> Result<Response> {
    change(&app, &by, &id, Change::Retry).await
}

async fn change(app: &AppState, by: &Writer, id: &str, change: Change) -> Result<Response> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    let (stamp, who) = by.stamp(app);
    webhooks::change(&app.pool, &by.tenant, (change, id), who, &stamp)
        .await
        .map_err(failed)?;
    app.cache.invalidate(&by.tenant);
    let done = match change {
        Change::Remove => "removed",
        Change::Retry => "retried",
    };
    Ok(back(by, done))
}
