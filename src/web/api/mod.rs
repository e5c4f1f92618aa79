//! The versioned JSON API under `/v1`: a tenant's readiness, items, audit trail, packets and
//! bundle for pipelines, and the owner checks an `attest` key may accept or revoke.
//!
//! Every route is declared with `utoipa` and registered through `utoipa-axum`, so the OpenAPI
//! document (`/v1/openapi.json`) is built from the same handlers the router serves: the two
//! cannot drift. Answers are `{ "data": …, "meta": … }`; errors are problem documents
//! ([`problem`]). Callers authenticate with an API key ([`caller`]), limited per key and per
//! tenant.

pub mod caller;
mod files;
mod items;
pub mod problem;
mod readiness;
mod trail;
mod writes;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{any, get};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AppState, Locale};
use problem::{ApiError, PROBLEM_JSON};

pub use caller::{ApiLimits, Caller};

/// The largest body an API write accepts.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The document's frame: its title, version, security scheme and tags; the paths come from the
/// routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Readiness Console API",
        version = "1.0.0",
        description = "A tenant's go/no-go decision for pipelines and deployment gates. \
                       `/v1` is stable: a breaking change goes to `/v2`, with a deprecation \
                       period. Errors are RFC 9457 problem documents with a stable `code`."
    ),
    modifiers(&BearerKey),
    security(("apiKey" = [])),
    tags(
        (name = "readiness", description = "The decision, its ladder and what blocks it"),
        (name = "items", description = "Owner checks and decisions, and their evidence"),
        (name = "audit", description = "The audit trail, packets and the proof bundle")
    )
)]
struct ApiDoc;

/// `Authorization: Bearer rc_key_…`.
struct BearerKey;

impl Modify for BearerKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "apiKey",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("rc_key_…")
                    .description(Some(
                        "An API key, created on the People page or with \
                                       `readiness-console api-key create`.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The routes and the document they make.
fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(readiness::readiness))
        .routes(routes!(items::list))
        .routes(routes!(items::one))
        .routes(routes!(writes::write))
        .routes(routes!(trail::events))
        .routes(routes!(files::packet))
        .routes(routes!(files::bundle))
        .split_for_parts()
}

/// The OpenAPI document, as served.
pub fn document() -> utoipa::openapi::OpenApi {
    routes().1
}

/// The API's router: its routes, `/v1/openapi.json`, the reference page, and every answer in
/// the API's shape.
pub fn router(state: &AppState) -> Router {
    let (api, doc) = routes();
    let json = axum::body::Bytes::from(doc.to_pretty_json().unwrap_or_default());
    let api = api
        .route(
            "/v1/openapi.json",
            get(move || {
                let json = json.clone();
                async move {
                    (
                        [(
                            header::CONTENT_TYPE,
                            HeaderValue::from_static("application/json"),
                        )],
                        json,
                    )
                }
            }),
        )
        .route("/v1/docs", get(reference));
    let api = if state.bench_baseline {
        api.route("/v1/_bench/static", get(bench_static))
    } else {
        api
    };
    // Routes, not a fallback: the console's router gives this one the pages as its fallback,
    // which would replace ours. Any other address under `/v1` is the API's 404 problem.
    api.route("/v1", any(unknown))
        .route("/v1/", any(unknown))
        .route("/v1/{*rest}", any(unknown))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Inside the frame, so a request that takes too long is answered 503 as a problem
        // document like every other error (the pages have their own timeout).
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            state.request_timeout,
        ))
        .layer(middleware::from_fn(frame))
        .with_state(state.clone())
}

/// The benchmark's baseline for the API: a copy of the demo's readiness answer, served as a
/// fixed body by the same stack (only with `--bench-baseline`).
async fn bench_static(
    axum::extract::State(app): axum::extract::State<AppState>,
) -> Result<Response, ApiError> {
    static BODY: std::sync::OnceLock<axum::body::Bytes> = std::sync::OnceLock::new();
    let body = match BODY.get() {
        Some(body) => body.clone(),
        None => {
            let view = app.tenant(crate::readiness::demo::SLUG).await?;
            let (body, _) = readiness::rendered(&view, crate::i18n::Lang::En);
            // A copy, made once: the baseline must not share the answer's memoised bytes.
            BODY.get_or_init(|| axum::body::Bytes::copy_from_slice(body))
                .clone()
        }
    };
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response())
}

/// An address under `/v1` that is none of the API's.
async fn unknown() -> ApiError {
    ApiError::not_found("api-detail-not-found")
}

/// The reference page: the document, drawn by the vendored Swagger UI (no CDN, no inline
/// script or style: the page names the document in an attribute, and `api-docs.js` starts it).
async fn reference(Locale(lang): Locale) -> Response {
    let tr = lang.tr();
    let escape = |text: String| {
        askama::filters::escape(&text, askama::filters::Html)
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let page = format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>\
         <link rel=\"icon\" href=\"{icon}\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><noscript>{noscript}</noscript>\
         <div id=\"swagger-ui\" data-spec=\"/v1/openapi.json\"></div>\
         <script src=\"{bundle}\"></script><script src=\"{start}\"></script>\
         </body></html>\n",
        code = lang.code(),
        title = escape(tr.t("api-docs-title")),
        noscript = escape(tr.t("api-docs-noscript")),
        icon = super::assets::url("favicon.svg"),
        css = super::assets::url("swagger-ui-5.35.0.css"),
        bundle = super::assets::url("swagger-ui-bundle-5.35.0.js"),
        start = super::assets::url("api-docs.js"),
    );
    let mut response = Html(page).into_response();
    // The console's policy, with `data:` images: Swagger UI's stylesheet draws its icons so.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    response
}

/// Every API answer passes through here: a refusal gets its problem document in the
/// negotiated language with the request's id; any other error answer (axum's rejections, a
/// timeout) gets the problem its status means.
async fn frame(mut request: Request, next: Next) -> Response {
    let locale = Locale::from_parts(request.uri().query(), request.headers());
    // The handlers' `Locale` and `Caller` read it from here: negotiated once.
    request.extensions_mut().insert(locale);
    let Locale(lang) = locale;
    // A cheap copy of the header (no string is made unless a problem is answered).
    let request_id = request.headers().get("x-request-id").cloned();
    let response = next.run(request).await;
    let request_id = || {
        request_id
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
            .to_owned()
    };
    if let Some(problem) = response.extensions().get::<ApiError>() {
        return problem.answer(lang, &request_id());
    }
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes() == PROBLEM_JSON.as_bytes());
    if (status.is_client_error() || status.is_server_error()) && !is_problem {
        return ApiError::of_status(status).answer(lang, &request_id());
    }
    response
}
