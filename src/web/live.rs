//! Live consoles over server-sent events: `GET /t/{tenant}/events`.
//!
//! Every instance keeps one `LISTEN` connection ([`crate::db::cache::listen`]) and hands each
//! notification to its [`Hub`]. For a tenant someone is watching, the hub loads the new view
//! once (through [`AppState::tenant`], the pages' cached loader), compares each section's
//! fingerprint with the last view it saw ([`crate::web::console::section_fingerprints`]) and
//! broadcasts the state version (the tenant's audit head) with the sections that moved. Each
//! open page then refreshes those sections through the fragments it already uses, so forms
//! stay per viewer and in the viewer's language.
//!
//! A stream sends `section-{id}` for each moved section and `state` (the new version) after
//! them; every section at once when the page's `?v=` (or `Last-Event-ID`) is behind; a
//! keep-alive comment every `--sse-keep-alive`. It ends when its tenant is no longer served
//! (suspended, deleted), when the server shuts down ([`Hub::close`]), and — with a
//! `signed-out` event carrying a sign-in prompt — when its viewer's session no longer counts,
//! which it checks on each tick and after events.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::{Notify, broadcast, watch};
use tower_sessions::Session;
use uuid::Uuid;

use super::{AppError, AppState, Locale, Result, TenantView, record_tenant, session};
use crate::i18n::Lang;
use crate::readiness::lifecycle::Access;

/// The live console's route.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/t/{tenant}/events", get(events))
}

/// How many changes a slow stream may fall behind before it is sent every section instead.
const BACKLOG: usize = 16;

/// Sessions are looked at no more often than this after events (the keep-alive tick always
/// looks).
const SESSION_CHECK_EVERY: Duration = Duration::from_secs(1);

/// What the streams of one tenant are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The state moved to `version`; these sections (by id) show something else now.
    Moved {
        /// The tenant's audit head after the change.
        version: i64,
        /// The ids of the sections that changed, in page order.
        sections: Vec<&'static str>,
    },
    /// The tenant is no longer served (suspended, deleted): its streams end.
    Closed,
}

/// A tenant someone is watching.
struct Watched {
    id: Uuid,
    changes: broadcast::Sender<Arc<Change>>,
    /// Wakes the tenant's worker; also this watch's identity (a later watch of the same slug
    /// has another).
    wake: Arc<Notify>,
    subscribers: usize,
    /// The version of the last view the worker saw.
    version: i64,
    /// Every section's id, for a stream that must catch up.
    sections: Arc<[&'static str]>,
}

/// The in-memory fan-out of one instance: a broadcast per watched tenant.
pub struct Hub {
    tenants: Mutex<HashMap<String, Watched>>,
    shutdown: watch::Sender<bool>,
    keep_alive: Duration,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("tenants", &self.watched())
            .finish_non_exhaustive()
    }
}

impl Hub {
    /// A hub whose streams send a keep-alive comment every `keep_alive`.
    pub fn new(keep_alive: Duration) -> Self {
        Self {
            tenants: Mutex::default(),
            shutdown: watch::Sender::new(false),
            keep_alive,
        }
    }

    /// How many tenants have open streams.
    pub fn watched(&self) -> usize {
        self.tenants.lock().map(|t| t.len()).unwrap_or_default()
    }

    /// Ends every stream, and every stream opened after: for a graceful stop, which waits for
    /// open connections.
    pub fn close(&self) {
        self.shutdown.send_replace(true);
    }

    /// A notification of `readiness_state`: the watched tenant it names (every one for `*`)
    /// is reloaded by its worker.
    pub fn notified(&self, payload: &str) {
        let Ok(tenants) = self.tenants.lock() else {
            return;
        };
        let id = Uuid::parse_str(payload).ok();
        for watched in tenants.values() {
            if id.is_none_or(|id| id == watched.id) {
                watched.wake.notify_one();
            }
        }
    }

    /// Subscribes to the changes of the tenant `view` shows (starting its worker when it is
    /// the first): the receiver, the version the hub last saw, and every section's id.
    fn subscribe(&self, app: &AppState, view: &TenantView) -> Option<Subscription> {
        let slug = &view.console.slug;
        let mut tenants = self.tenants.lock().ok()?;
        if let Some(watched) = tenants.get_mut(slug) {
            watched.subscribers += 1;
            return Some(Subscription {
                changes: watched.changes.subscribe(),
                version: watched.version,
                sections: watched.sections.clone(),
                _guard: Guard {
                    hub: app.live.clone(),
                    slug: slug.clone(),
                    wake: watched.wake.clone(),
                },
            });
        }
        let fingerprints = match super::console::section_fingerprints(view) {
            Ok(fingerprints) => fingerprints,
            Err(error) => {
                tracing::warn!(%error, "cannot draw the sections to watch");
                return None;
            }
        };
        let (changes, receiver) = broadcast::channel(BACKLOG);
        let wake = Arc::new(Notify::new());
        let version = version_of(view);
        let sections: Arc<[&'static str]> = view.layout.iter().map(|k| k.id()).collect();
        tenants.insert(
            slug.clone(),
            Watched {
                id: view.console.tenant_id,
                changes: changes.clone(),
                wake: wake.clone(),
                subscribers: 1,
                version,
                sections: sections.clone(),
            },
        );
        // The view may have been read just before a change whose notification found nobody
        // watching yet: the worker looks once at once.
        wake.notify_one();
        let seen = Seen {
            version,
            fingerprints,
        };
        tokio::spawn(watch_tenant(
            app.clone(),
            slug.clone(),
            wake.clone(),
            changes,
            seen,
        ));
        Some(Subscription {
            changes: receiver,
            version,
            sections,
            _guard: Guard {
                hub: app.live.clone(),
                slug: slug.clone(),
                wake,
            },
        })
    }

    /// Whether the watch woken by `wake` is still the one of `slug`.
    fn watching(&self, slug: &str, wake: &Arc<Notify>) -> bool {
        self.tenants
            .lock()
            .is_ok_and(|t| t.get(slug).is_some_and(|w| Arc::ptr_eq(&w.wake, wake)))
    }

    /// Records the version the worker of `slug` (the watch woken by `wake`) last saw, and the
    /// sections of the page it saw.
    fn saw(&self, slug: &str, wake: &Arc<Notify>, version: i64, view: &TenantView) {
        if let Ok(mut tenants) = self.tenants.lock()
            && let Some(watched) = tenants.get_mut(slug)
            && Arc::ptr_eq(&watched.wake, wake)
        {
            watched.version = version;
            if watched.sections.len() != view.layout.len()
                || watched
                    .sections
                    .iter()
                    .zip(&view.layout)
                    .any(|(s, k)| *s != k.id())
            {
                watched.sections = view.layout.iter().map(|k| k.id()).collect();
            }
        }
    }

    /// Stops watching `slug` (the watch woken by `wake`), whoever still listens.
    fn forget(&self, slug: &str, wake: &Arc<Notify>) {
        if let Ok(mut tenants) = self.tenants.lock()
            && tenants
                .get(slug)
                .is_some_and(|w| Arc::ptr_eq(&w.wake, wake))
        {
            tenants.remove(slug);
        }
    }

    /// One stream of `slug` (the watch woken by `wake`) ended.
    fn unsubscribe(&self, slug: &str, wake: &Arc<Notify>) {
        let Ok(mut tenants) = self.tenants.lock() else {
            return;
        };
        if let Some(watched) = tenants.get_mut(slug)
            && Arc::ptr_eq(&watched.wake, wake)
        {
            watched.subscribers -= 1;
            if watched.subscribers == 0 {
                tenants.remove(slug);
                // Its worker wakes, finds it gone and ends.
                wake.notify_one();
            }
        }
    }
}

/// A stream's place in its tenant's broadcast.
struct Subscription {
    changes: broadcast::Receiver<Arc<Change>>,
    version: i64,
    sections: Arc<[&'static str]>,
    _guard: Guard,
}

/// Leaves the tenant's watch when the stream is dropped (its client went away, or it ended).
struct Guard {
    hub: Arc<Hub>,
    slug: String,
    wake: Arc<Notify>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.hub.unsubscribe(&self.slug, &self.wake);
    }
}

/// The state version of a view: its audit chain's head (every write appends an event).
pub(crate) fn version_of(view: &TenantView) -> i64 {
    view.console
        .state
        .audit_head
        .as_ref()
        .map_or(0, |head| head.seq)
}

/// What the worker last saw of its tenant.
struct Seen {
    version: i64,
    fingerprints: Vec<(super::console::SectionKey, u64)>,
}

impl Seen {
    /// The ids of the sections of `now` whose fingerprint differs from (or is missing in) this.
    fn moved(&self, now: &Seen) -> Vec<&'static str> {
        now.fingerprints
            .iter()
            .filter(|(key, print)| {
                !self
                    .fingerprints
                    .iter()
                    .any(|(k, p)| k == key && p == print)
            })
            .map(|(key, _)| key.id())
            .collect()
    }
}

/// The worker of one watched tenant: on each wake, loads its view once and broadcasts what
/// moved; ends when nobody watches it any more, when it is no longer served, or on shutdown.
async fn watch_tenant(
    app: AppState,
    slug: String,
    wake: Arc<Notify>,
    changes: broadcast::Sender<Arc<Change>>,
    mut seen: Seen,
) {
    let mut shutdown = app.live.shutdown.subscribe();
    loop {
        tokio::select! {
            () = wake.notified() => {}
            _ = shutdown.wait_for(|closed| *closed) => return,
        }
        if !app.live.watching(&slug, &wake) {
            return;
        }
        let view = match app.tenant(&slug).await {
            Ok(view) => view,
            Err(AppError::NotFound) => {
                app.live.forget(&slug, &wake);
                let _ = changes.send(Arc::new(Change::Closed));
                return;
            }
            Err(error) => {
                // The database is unavailable: look again in a moment.
                tracing::warn!(%error, tenant = %slug, "live console cannot reload its tenant");
                tokio::time::sleep(Duration::from_secs(1)).await;
                wake.notify_one();
                continue;
            }
        };
        if view.console.status.access() != Access::Served {
            app.live.forget(&slug, &wake);
            let _ = changes.send(Arc::new(Change::Closed));
            return;
        }
        let fingerprints = match super::console::section_fingerprints(&view) {
            Ok(fingerprints) => fingerprints,
            Err(error) => {
                tracing::warn!(%error, tenant = %slug, "live console cannot draw its sections");
                continue;
            }
        };
        let now = Seen {
            version: version_of(&view),
            fingerprints,
        };
        let sections = seen.moved(&now);
        if !sections.is_empty() || now.version != seen.version {
            app.live.saw(&slug, &wake, now.version, &view);
            // No receiver: the last stream is leaving; its guard ends this worker.
            let _ = changes.send(Arc::new(Change::Moved {
                version: now.version,
                sections,
            }));
        }
        seen = now;
    }
}

/// The signed-out prompt a stream sends before it ends.
#[derive(Template)]
#[template(path = "live/_signed_out.html")]
struct SignedOutFragment {
    text: String,
    link: String,
    href: String,
}

fn signed_out(lang: Lang, tenant: &str) -> Event {
    let tr = lang.tr();
    let fragment = SignedOutFragment {
        text: tr.t("live-signed-out"),
        link: tr.t("live-sign-in"),
        href: format!("/t/{tenant}/sign-in?lang={}", lang.code()),
    };
    let html = fragment.render().unwrap_or_default();
    Event::default().event("signed-out").data(html)
}

/// The version a page says it shows: the larger of its `?v=` and the `Last-Event-ID` its
/// browser sends on reconnecting; `-1` when it says none (it is sent everything).
fn shown_version(query: Option<&str>, headers: &HeaderMap) -> i64 {
    let from_query = query.and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(name, _)| name == "v")
            .and_then(|(_, value)| value.parse::<i64>().ok())
    });
    let from_header = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    from_query.max(from_header).unwrap_or(-1)
}

/// `GET /t/{tenant}/events`: the tenant's changes, for its signed-in viewer.
async fn events(
    State(app): State<AppState>,
    Path(tenant): Path<String>,
    RawQuery(query): RawQuery,
    Locale(lang): Locale,
    headers: HeaderMap,
    session: Session,
) -> Result<Response> {
    record_tenant(&tenant);
    let view = app.tenant(&tenant).await?;
    let signed = session::viewer(&session, &tenant).await;
    let mut queue = VecDeque::new();
    let (Some(_), Some(id)) = (signed, session.id()) else {
        // Nobody (any more): the page is told, and the extension stops reconnecting.
        queue.push_back(signed_out(lang, &tenant));
        return Ok(stream_response(futures_util::stream::iter(
            queue.into_iter().map(Ok::<_, Infallible>),
        )));
    };
    let Some(subscription) = app.live.subscribe(&app, &view) else {
        return Err(AppError::Internal(anyhow::anyhow!(
            "the live hub is unavailable"
        )));
    };
    let shown = shown_version(query.as_deref(), &headers);
    if shown < subscription.version {
        queue_all(&mut queue, &subscription.sections, subscription.version);
    }
    let mut tick = tokio::time::interval(app.live.keep_alive);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.reset();
    let watch = Watch {
        shutdown: app.live.shutdown.subscribe(),
        app,
        tenant,
        session: id,
        lang,
        subscription,
        tick,
        queue,
        check_session: false,
        checked: Instant::now(),
        done: false,
    };
    Ok(stream_response(futures_util::stream::unfold(
        watch,
        Watch::next,
    )))
}

/// The stream as an answer: never cached, compressed (the compression layer's predicate
/// leaves `text/event-stream` alone) or buffered by a proxy.
fn stream_response(
    stream: impl Stream<Item = std::result::Result<Event, Infallible>> + Send + 'static,
) -> Response {
    let mut response = Sse::new(stream).into_response();
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// Every section's event, then `state`.
fn queue_all(queue: &mut VecDeque<Event>, sections: &[&'static str], version: i64) {
    for id in sections {
        queue.push_back(section_event(id, version));
    }
    queue.push_back(state_event(version));
}

fn section_event(id: &str, version: i64) -> Event {
    Event::default()
        .event(format!("section-{id}"))
        .id(version.to_string())
        .data(version.to_string())
}

fn state_event(version: i64) -> Event {
    Event::default()
        .event("state")
        .id(version.to_string())
        .data(version.to_string())
}

/// What woke a stream.
enum Woken {
    Shutdown,
    Change(std::result::Result<Arc<Change>, broadcast::error::RecvError>),
    Tick,
}

/// One open stream.
struct Watch {
    app: AppState,
    tenant: String,
    session: tower_sessions::session::Id,
    lang: Lang,
    subscription: Subscription,
    shutdown: watch::Receiver<bool>,
    tick: tokio::time::Interval,
    queue: VecDeque<Event>,
    /// Look at the session before waiting again.
    check_session: bool,
    checked: Instant,
    done: bool,
}

impl Watch {
    /// The next event, or `None` when the stream ends.
    async fn next(mut self) -> Option<(std::result::Result<Event, Infallible>, Self)> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some((Ok(event), self));
            }
            if self.done {
                return None;
            }
            if self.check_session {
                self.check_session = false;
                self.look_at_session().await;
                continue;
            }
            let woken = tokio::select! {
                biased;
                _ = self.shutdown.wait_for(|closed| *closed) => Woken::Shutdown,
                change = self.subscription.changes.recv() => Woken::Change(change),
                _ = self.tick.tick() => Woken::Tick,
            };
            match woken {
                Woken::Shutdown => return None,
                Woken::Change(Ok(change)) => match change.as_ref() {
                    Change::Closed => return None,
                    Change::Moved { version, sections } => {
                        self.subscription.version = *version;
                        for id in sections {
                            self.queue.push_back(section_event(id, *version));
                        }
                        if !sections.is_empty() {
                            self.queue.push_back(state_event(*version));
                        }
                        // After the events: a change is no secret, and a check must not delay
                        // a thousand streams' delivery.
                        self.check_session = self.checked.elapsed() >= SESSION_CHECK_EVERY;
                    }
                },
                Woken::Change(Err(broadcast::error::RecvError::Lagged(_))) => {
                    let sections = self.subscription.sections.clone();
                    let version = self.subscription.version.max(0);
                    queue_all(&mut self.queue, &sections, version);
                }
                Woken::Change(Err(broadcast::error::RecvError::Closed)) => return None,
                Woken::Tick => {
                    self.look_at_session().await;
                    if !self.done {
                        self.queue.push_back(Event::default().comment("keep-alive"));
                    }
                }
            }
        }
    }

    /// Ends the stream with the signed-out prompt when the session no longer counts.
    async fn look_at_session(&mut self) {
        self.checked = Instant::now();
        match session::still_signed_in(&self.app, &self.session, &self.tenant).await {
            Ok(true) => {}
            Ok(false) => {
                self.queue.push_back(signed_out(self.lang, &self.tenant));
                self.done = true;
            }
            // The store cannot be read now: the next tick looks again.
            Err(error) => tracing::debug!(%error, "live console cannot read its session"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_version_is_the_larger_of_the_query_and_the_last_event_id() {
        let mut headers = HeaderMap::new();
        assert_eq!(shown_version(None, &headers), -1);
        assert_eq!(shown_version(Some("v=7&lang=fr"), &headers), 7);
        assert_eq!(shown_version(Some("v=junk"), &headers), -1);
        headers.insert("last-event-id", HeaderValue::from_static("9"));
        assert_eq!(shown_version(Some("v=7"), &headers), 9);
        assert_eq!(shown_version(Some("v=12"), &headers), 12);
    }
}
