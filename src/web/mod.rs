//! The HTTP adapter: [`AppState`], [`app`] (the router with its middleware), extractors, and
//! one module per feature owning its routes and template structs.

pub mod api;
mod assets;
mod auth;
pub(crate) mod console;
mod error;
mod extract;
mod frame;
mod invite;
pub mod live;
mod locale;
mod notice;
pub mod platform;
mod session;
mod sso;
mod tenancy;
mod unsubscribe;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sqlx::PgPool;
use tower::ServiceBuilder;
use tower::util::MapResponseLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnRequest, TraceLayer};

use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::config::AccessLog;
use crate::config::{ServeConfig, SessionLifetimes};
use crate::db::{self, TenantConsole, cache::StateCache};
use crate::readiness::narrative::{self, Narrative, Signature};
use crate::readiness::{self, Evaluation};

use crate::i18n::Lang;

pub use console::dynamic_message_ids;
pub use error::AppError;
pub use locale::Locale;
pub use tenancy::{TENANT_ROUTES, TenantRoute};

/// `Result` whose error renders as a localized error page or fragment.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The strict content security policy: only our own files, no inline script or style.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                       img-src 'self'; connect-src 'self'; form-action 'self'; \
                       frame-ancestors 'none'; base-uri 'none'";

/// A tenant's loaded state and its evaluation, cached together, with the console page as
/// rendered in each language (memoised: the page depends on nothing else).
#[derive(Debug)]
pub struct TenantView {
    /// Catalogue and state as loaded.
    pub console: TenantConsole,
    /// Their evaluation.
    pub evaluation: Evaluation,
    /// The sentences of the key figures, the copilot and the decision section.
    pub narrative: Narrative,
    /// Its programme's labels, winning over the Fluent files' on its pages.
    overlay: Option<&'static crate::i18n::Overlay>,
    /// The sections of its page, in order.
    pub layout: Vec<console::SectionKey>,
    pages: [std::sync::OnceLock<axum::body::Bytes>; Lang::ALL.len()],
    /// The API's readiness answer and its entity tag, by language.
    api_readiness:
        [std::sync::OnceLock<(axum::body::Bytes, axum::http::HeaderValue)>; Lang::ALL.len()],
    /// Anonymous audit trail pages by language and query: exact for as long as this view is,
    /// since every appended event replaces the view.
    audit_pages: std::sync::Mutex<std::collections::HashMap<String, axum::body::Bytes>>,
    /// Its packets with their SHA-256s, made on first use (they depend on the state alone,
    /// not on the language or the reader).
    packets: std::sync::OnceLock<Vec<(readiness::packets::Packet, String)>>,
}

/// How many audit trail pages a view keeps.
const AUDIT_PAGES_KEPT: usize = 256;

impl TenantView {
    /// Evaluates a loaded tenant, logging (once per load) what of its catalogue is
    /// misconfigured: the page shows those sections with a notice instead of failing.
    /// `overlay` holds its programme's labels ([`console::labels::overlay`]).
    pub fn new(console: TenantConsole, overlay: Option<&'static crate::i18n::Overlay>) -> Self {
        let evaluation = readiness::evaluate(&console.catalogue, &console.state);
        let layout = console::layout(console.programme.as_ref().map(|p| p.sections.as_slice()));
        for key in console::items_of(&layout) {
            match evaluation.section(key) {
                None => tracing::warn!(
                    tenant = %console.slug,
                    section = key,
                    "catalogue misconfigured: the section is missing"
                ),
                Some(section) if section.misconfigured => {
                    if let Some(problem) = &section.problem {
                        tracing::warn!(
                            tenant = %console.slug,
                            section = key,
                            problem = problem.as_str(),
                            "catalogue misconfigured"
                        );
                    }
                    for item in section.items.iter().filter(|i| i.problem.is_some()) {
                        tracing::warn!(
                            tenant = %console.slug,
                            item = %item.key,
                            problem = item.problem.as_deref().unwrap_or_default(),
                            "catalogue misconfigured"
                        );
                    }
                }
                Some(_) => {}
            }
        }
        let signature = Signature::of(&evaluation);
        Self {
            narrative: narrative::narrate(&evaluation, signature),
            console,
            evaluation,
            overlay,
            layout,
            pages: Default::default(),
            api_readiness: Default::default(),
            audit_pages: Default::default(),
            packets: Default::default(),
        }
    }

    /// Its packets, each with the SHA-256 of its body, made once per view.
    pub(crate) fn packets(&self) -> &[(readiness::packets::Packet, String)] {
        self.packets.get_or_init(|| {
            readiness::packets::all(&readiness::packets::PacketInputs {
                tenant: &self.console.slug,
                state: &self.console.state,
                evaluation: &self.evaluation,
            })
            .into_iter()
            .map(|packet| {
                let sha256 = packet.sha256();
                (packet, sha256)
            })
            .collect()
        })
    }

    /// The translator of its pages in `lang`: its programme's labels, then the Fluent files.
    pub fn tr(&self, lang: Lang) -> crate::i18n::Tr {
        lang.tr_with(self.overlay)
    }

    /// The console page in `lang`, rendered on first use.
    pub(crate) fn page(
        &self,
        lang: Lang,
        render: impl FnOnce(&Self) -> Result<String>,
    ) -> Result<axum::body::Bytes> {
        let slot = &self.pages[lang.index()];
        if let Some(page) = slot.get() {
            return Ok(page.clone());
        }
        let page = axum::body::Bytes::from(render(self)?);
        // Two requests may render at once; both results are the same bytes.
        Ok(slot.get_or_init(|| page).clone())
    }
}

impl TenantView {
    /// The API's readiness answer in `lang`, rendered on first use.
    pub(crate) fn api_readiness(
        &self,
        lang: Lang,
        render: impl FnOnce() -> (axum::body::Bytes, axum::http::HeaderValue),
    ) -> &(axum::body::Bytes, axum::http::HeaderValue) {
        self.api_readiness[lang.index()].get_or_init(render)
    }

    /// A memoised audit trail page.
    pub(crate) fn audit_page(&self, key: &str) -> Option<axum::body::Bytes> {
        self.audit_pages.lock().ok()?.get(key).cloned()
    }

    /// Keeps an audit trail page (forgetting them all when full: they are cheap to redo).
    pub(crate) fn keep_audit_page(&self, key: String, page: axum::body::Bytes) {
        if let Ok(mut pages) = self.audit_pages.lock() {
            if pages.len() >= AUDIT_PAGES_KEPT {
                pages.clear();
            }
            pages.insert(key, page);
        }
    }
}

/// What every handler shares: built once, by [`AppState::new`], and never changed after. It
/// sits behind one `Arc`: the extractors and middleware that take the state clone one
/// pointer per request, not a dozen (cloning and dropping the fields one by one cost a cached
/// page several per cent of its throughput).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The fields of [`AppState`].
pub struct Shared {
    /// The app role's pool.
    pub pool: PgPool,
    /// The owner role's pool, when the console has one: the platform operator's lifecycle
    /// commands run as the owner, as the `tenant` command line does.
    pub owner: Option<PgPool>,
    /// Evaluated tenants, kept exact by `LISTEN/NOTIFY`.
    pub cache: Arc<StateCache<TenantView>>,
    /// Serve `/_bench/static` (a fixed body) for the benchmark's baseline.
    pub bench_baseline: bool,
    /// Served over HTTPS: cookies are `Secure` and named with the `__Host-` prefix.
    pub https: bool,
    /// Sign-in attempts, per account and per client address.
    pub throttle: Arc<session::Throttle>,
    /// Which refused sign-ins the audit chain records.
    pub failures: Arc<session::FailureRecords>,
    /// Signs the audit chain's checkpoints.
    pub key: Arc<CheckpointKey>,
    /// How long rehearsals against the target may take.
    pub rehearsal: crate::rehearsal::Limits,
    /// Where rehearsal targets' secret references may point.
    pub secrets: Arc<crate::rehearsal::SecretPolicy>,
    /// Where "now" comes from: pages, audit events, checkpoints and sessions' ages.
    pub clock: Clock,
    /// How long a sign-in lasts.
    pub sessions: SessionLifetimes,
    /// How long a request may take before it answers 503.
    pub request_timeout: Duration,
    /// Whether webhook endpoints may resolve to non-public addresses.
    pub webhooks_allow_private: bool,
    /// Whether the console sends mail (`--smtp-url`): only then do pages speak of it.
    pub mail: bool,
    /// Which requests get an `info` access line.
    pub access_log: AccessLog,
    /// Talks to the tenants' identity providers.
    pub oidc: Arc<crate::oidc::Oidc>,
    /// The console's public address, when configured (else the request's `Host`).
    pub public_url: Option<String>,
    /// The API's rate limits.
    pub api: Arc<api::ApiLimits>,
    /// The live consoles' fan-out.
    pub live: Arc<live::Hub>,
    baseline_body: Arc<tokio::sync::OnceCell<axum::body::Bytes>>,
}

impl AppState {
    /// State over a pool, signing checkpoints with `key`, configured by `config`, telling the
    /// time by `clock`; call [`AppState::spawn_listener`] to enable the cache.
    pub fn new(pool: PgPool, key: Arc<CheckpointKey>, config: &ServeConfig, clock: Clock) -> Self {
        Self::with_owner(pool, None, key, config, clock)
    }

    /// [`AppState::new`], with the owner role's pool for the platform's commands.
    pub fn with_owner(
        pool: PgPool,
        owner: Option<PgPool>,
        key: Arc<CheckpointKey>,
        config: &ServeConfig,
        clock: Clock,
    ) -> Self {
        Self(Arc::new(Shared {
            pool,
            owner,
            key,
            rehearsal: config.rehearsal,
            secrets: config.secrets.clone(),
            cache: Arc::new(StateCache::new(config.cache_tenants)),
            bench_baseline: config.bench_baseline,
            https: config.https,
            throttle: Arc::new(session::Throttle::new(
                config.sign_in.attempts,
                config.sign_in.window,
            )),
            failures: Arc::default(),
            clock,
            sessions: config.sessions,
            request_timeout: config.request_timeout,
            webhooks_allow_private: config.webhooks.allow_private,
            mail: config.mail.is_some(),
            access_log: config.access_log,
            oidc: Arc::new(crate::oidc::Oidc::new(config.oidc_allow_private)),
            public_url: config.public_url.clone(),
            api: Arc::new(api::ApiLimits::new(config.api)),
            live: Arc::new(live::Hub::new(config.sse_keep_alive)),
            baseline_body: Arc::default(),
        }))
    }

    /// Starts the task that keeps the cache exact and tells the live consoles what changed;
    /// until it listens, nothing is cached.
    pub fn spawn_listener(&self) -> tokio::task::JoinHandle<()> {
        let live = self.live.clone();
        tokio::spawn(db::cache::listen(
            self.pool.clone(),
            self.cache.clone(),
            move |payload| live.notified(payload),
        ))
    }

    /// The evaluated tenant with this slug, from the cache or freshly loaded.
    pub async fn tenant(&self, slug: &str) -> Result<Arc<TenantView>> {
        if readiness::names::TenantSlug::parse(slug).is_none() {
            return Err(AppError::NotFound);
        }
        if let Some(view) = self.cache.get(slug).or_else(|| tenancy::loaded(slug)) {
            return Ok(view);
        }
        let token = self.cache.token();
        let console = db::load_console(&self.pool, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let id = console.tenant_id;
        let overlay = match &console.programme {
            Some(p) => Some(console::labels::overlay(&self.pool, slug, p).await),
            None => None,
        };
        let view = Arc::new(TenantView::new(console, overlay));
        self.cache.put(slug, id, token, view.clone());
        Ok(view)
    }
}

/// What every answer passes through, in one layer (each `from_fn` layer costs a boxed future
/// and a clone of what it wraps, per request):
/// - a tenant URL whose segments can name nothing (see
///   [`readiness::names::tenant_path_is_plausible`]) is answered 404 before any handler: no
///   query or header is ever built from one;
/// - the language is negotiated once, and handlers' [`Locale`] reads it from the request;
/// - a write's notice is carried to the page it leads to ([`notice::take`], [`notice::settle`]);
/// - a language chosen with `?lang=` is remembered ([`locale::remember`]);
/// - an error's body is drawn in that language ([`error::Asked`]), replacing the response.
async fn frame_layer(
    State(https): State<bool>,
    mut request: Request,
    next: middleware::Next,
) -> Response {
    let Locale(lang) = Locale::from_parts(request.uri().query(), request.headers());
    request.extensions_mut().insert(Locale(lang));
    let asked = error::Asked::of(&request, lang);
    let chosen = locale::chosen(&request);
    let shown = notice::take(&mut request);
    let response = if readiness::names::tenant_path_is_plausible(request.uri().path()) {
        next.run(request).await
    } else {
        AppError::NotFound.into_response()
    };
    if error::Asked::is_error(&response) {
        return asked.render(response);
    }
    let response = notice::settle(response, shown, https);
    locale::remember(response, chosen, https)
}

/// Request ids in the shape of a UUID: 64 random bits drawn once per process, then a counter.
/// Unique across restarts and instances like a random UUID per request, without a system call
/// per request for fresh randomness: nothing needs a request id to be unguessable.
#[derive(Clone)]
struct RequestIds {
    prefix: u64,
    next: Arc<std::sync::atomic::AtomicU64>,
}

impl RequestIds {
    fn new() -> Self {
        Self {
            prefix: uuid::Uuid::new_v4().as_u64_pair().0,
            next: Arc::default(),
        }
    }
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let id = uuid::Uuid::from_u64_pair(self.prefix, n)
            .hyphenated()
            .to_string();
        HeaderValue::from_str(&id).ok().map(RequestId::new)
    }
}

/// Keeps a client's `X-Request-Id` only when it is 1–64 of `[A-Za-z0-9._-]`; otherwise drops
/// it, and the request-id layer makes a fresh one. What is recorded in the audit trail and the
/// logs is then never markup, a control character or a novel.
fn drop_foreign_request_id(mut request: Request) -> Request {
    let valid = request.headers().get("x-request-id").is_none_or(|value| {
        let bytes = value.as_bytes();
        (1..=64).contains(&bytes.len())
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    });
    if !valid {
        request.headers_mut().remove("x-request-id");
    }
    request
}

/// The whole application: routes and middleware.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let routed = routes(&state)
        .fallback(not_found)
        // The session layer between the two: `store_failed` tells its own answers from ours.
        // Synchronous maps: unlike `from_fn`, they do not clone the services beneath them on
        // every request.
        .layer(MapResponseLayer::new(session::mark))
        .layer(session_layer(&state))
        .layer(MapResponseLayer::new(session::store_failed))
        .layer(MapResponseLayer::new(session::keep_cookie(
            session_cookie_name(state.https),
        )))
        .with_state(state.clone());
    // The routed app behind a router of its own: each `from_fn` layer below clones what it
    // wraps on every request, and a router clones as one pointer.
    let pages = Router::new()
        .fallback_service(routed)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            state.request_timeout,
        ))
        .layer(middleware::from_fn_with_state(state.https, frame_layer));
    // The API answers `/v1` in its own shape (JSON, problem documents), without sessions, and
    // with its own timeout.
    let router = api::router(&state)
        .fallback_service(pages)
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)));
    with_security_headers(router).layer(
        ServiceBuilder::new()
            .map_request(drop_foreign_request_id)
            .layer(SetRequestIdLayer::new(
                request_id.clone(),
                RequestIds::new(),
            ))
            .layer(
                // Every request has a span with its id; the access line is `info` for
                // what an operator looks for, `debug` for the rest (see `access_line`).
                TraceLayer::new_for_http()
                    .make_span_with(make_span)
                    .on_request(DefaultOnRequest::new().level(tracing::Level::DEBUG))
                    .on_response(access_line(state.access_log)),
            )
            .layer(PropagateRequestIdLayer::new(request_id)),
    )
}

/// Serves the app on `listener` until `shutdown` resolves, then stops gracefully: the live
/// consoles' streams are ended first ([`live::Hub::close`]), so open connections finish and
/// the stop never waits on a stream.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let live = state.live.clone();
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        live.close();
    })
    .await
}

/// Every route. Each feature owns its routes; all of them see the signed-in session.
fn routes(state: &AppState) -> Router<AppState> {
    let features = Router::new()
        .merge(console::page::router())
        .merge(console::proof::router())
        .merge(console::files::router())
        .merge(console::audit::router())
        .merge(console::writes::router())
        .merge(console::signoff::router())
        .merge(console::snapshot::router())
        .merge(console::rehearsal::router())
        .merge(console::settings::router())
        .merge(console::account::router())
        .merge(console::inbox::router())
        .merge(console::people::router())
        .merge(console::api_keys::router())
        .merge(console::webhooks::router())
        .merge(auth::router())
        .merge(platform::router())
        .merge(invite::router())
        .merge(unsubscribe::router())
        .merge(sso::router())
        .merge(live::router())
        .route_layer(middleware::from_fn_with_state(state.clone(), session::load))
        // Outermost: a tenant that is not active is answered before any session is read.
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            tenancy::policy,
        ));
    let router = Router::new()
        .route("/", get(console::home))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/{file}", get(assets::serve))
        .merge(features);
    if state.bench_baseline {
        router.route("/_bench/static", get(bench_static))
    } else {
        router
    }
}

/// The headers every answer carries: the strict CSP (unless a handler set its own), no
/// sniffing, no framing, no referrer outside the console, no shared browsing context.
fn with_security_headers(router: Router) -> Router {
    let overriding = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(overriding(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(overriding(header::REFERRER_POLICY, "same-origin"))
        .layer(overriding(header::X_FRAME_OPTIONS, "DENY"))
        .layer(overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
}

/// The session cookie's name: `__Host-` behind HTTPS (sent only to this host, over HTTPS).
fn session_cookie_name(https: bool) -> &'static str {
    if https { "__Host-session" } else { "session" }
}

/// Sessions in PostgreSQL, behind a signed cookie: only an id this console issued is ever
/// looked up, and a request carrying one can be told from a request carrying none or a
/// made-up one.
fn session_layer(
    state: &AppState,
) -> SessionManagerLayer<PostgresStore, tower_sessions::service::SignedCookie> {
    let cookie_key = tower_sessions::cookie::Key::from(&state.key.derive("session-cookie"));
    let idle = tower_sessions::cookie::time::Duration::try_from(state.sessions.idle)
        .unwrap_or(tower_sessions::cookie::time::Duration::MAX);
    SessionManagerLayer::new(PostgresStore::new(state.pool.clone()))
        .with_name(session_cookie_name(state.https))
        .with_secure(state.https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
        .with_signed(cookie_key)
}

/// Requests slower than this get an `info` access line whatever their status.
const SLOW_REQUEST: Duration = Duration::from_millis(500);

/// The access line of a request: `info` for every request, or with
/// [`AccessLog::Notable`] only for a refusal, a failure or a slow answer (`debug` for a fast
/// success; each write that succeeds logs its own `info` line, and the audit trail records it).
fn access_line(
    mode: AccessLog,
) -> impl Fn(&Response, Duration, &tracing::Span) + Clone + Send + Sync + 'static {
    move |response: &Response, latency: Duration, _span: &tracing::Span| {
        let status = response.status().as_u16();
        let latency_ms = latency.as_secs_f64() * 1000.0;
        if mode == AccessLog::All || status >= 400 || latency >= SLOW_REQUEST {
            tracing::info!(status, latency_ms, "answered");
        } else {
            tracing::debug!(status, latency_ms, "answered");
        }
    }
}

fn make_span(request: &Request) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id,
        method = %request.method(),
        path = request.uri().path(),
        tenant = tracing::field::Empty,
        actor = tracing::field::Empty,
    )
}

async fn not_found() -> AppError {
    AppError::NotFound
}

/// Process up.
async fn healthz() -> &'static str {
    "ok\n"
}

/// Database reachable (503 otherwise).
async fn readyz(State(state): State<AppState>) -> Response {
    if db::ping(&state.pool).await {
        (StatusCode::OK, "ready\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
    }
}

/// The benchmark's baseline: the demo console's bytes, rendered once, served as a fixed body.
async fn bench_static(State(state): State<AppState>) -> Result<Response> {
    let body = state
        .baseline_body
        .get_or_try_init(|| async {
            let view = state.tenant(readiness::demo::SLUG).await?;
            let html = console::render_page(&view, Lang::En, readiness::demo::SLUG, None)?;
            // A copy: the baseline must not share the console's memoised bytes.
            Ok::<_, AppError>(axum::body::Bytes::copy_from_slice(html.as_bytes()))
        })
        .await?
        .clone();
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response())
}

/// The request's id, as set by the request-id layer.
fn request_id(headers: &axum::http::HeaderMap) -> String {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned()
}

/// Records the tenant slug on the request's span.
fn record_tenant(slug: &str) {
    tracing::Span::current().record("tenant", slug);
}

/// Adds the `Vary` header of URLs that answer both a page and an htmx fragment.
fn vary_on_htmx(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("HX-Request, Accept-Language, Cookie"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
