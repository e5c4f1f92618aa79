//! The API's errors: RFC 9457 `application/problem+json`, each with a stable `code`, the
//! request's id, and a `title` and `detail` in the negotiated language.
//!
//! A handler returns `Err(ApiError)`; its response carries the problem as an extension and no
//! body; [`super::frame`], which knows the request's language and id, writes the body. Whatever
//! else answers an error under `/v1` (axum's own rejections of a body, an unknown route, a
//! wrong method) is given the problem its status means, so nothing internal ever shows.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};

use crate::i18n::Lang;

/// The media type of a problem.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem's stable code. Clients branch on it; `title` and `detail` are for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The request is not valid: its body, its headers or its query.
    ValidationError,
    /// No valid API key was presented.
    Unauthorized,
    /// The tenant does not exist.
    TenantNotFound,
    /// The tenant is suspended: nothing is read or written.
    TenantSuspended,
    /// The key may not do this.
    ForbiddenAction,
    /// Nothing is at this address.
    NotFound,
    /// The write no longer fits the state.
    Conflict,
    /// The item is no longer at the version `If-Match` names.
    PreconditionFailed,
    /// Too many requests: try again after `Retry-After` seconds.
    RateLimited,
    /// The console failed; the request id finds it in the logs.
    InternalError,
    /// The console cannot answer right now.
    ServiceUnavailable,
}

impl ErrorCode {
    /// Every code.
    pub const ALL: [Self; 11] = [
        Self::ValidationError,
        Self::Unauthorized,
        Self::TenantNotFound,
        Self::TenantSuspended,
        Self::ForbiddenAction,
        Self::NotFound,
        Self::Conflict,
        Self::PreconditionFailed,
        Self::RateLimited,
        Self::InternalError,
        Self::ServiceUnavailable,
    ];

    /// The code as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ValidationError => "VALIDATION_ERROR",
            Self::Unauthorized => "UNAUTHORIZED",
            Self::TenantNotFound => "TENANT_NOT_FOUND",
            Self::TenantSuspended => "TENANT_SUSPENDED",
            Self::ForbiddenAction => "FORBIDDEN_ACTION",
            Self::NotFound => "NOT_FOUND",
            Self::Conflict => "CONFLICT",
            Self::PreconditionFailed => "PRECONDITION_FAILED",
            Self::RateLimited => "RATE_LIMITED",
            Self::InternalError => "INTERNAL_ERROR",
            Self::ServiceUnavailable => "SERVICE_UNAVAILABLE",
        }
    }

    /// The message id of its title.
    pub fn title_id(self) -> String {
        format!("api-problem-{}", self.as_str())
    }
}

/// Why a request was refused: the answer's status, code and the message of its detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    status: StatusCode,
    code: ErrorCode,
    /// The message id of the detail (`api-detail-…`, or an evidence refusal's `evidence-…`).
    detail: String,
    /// Seconds to wait, for [`ErrorCode::RateLimited`].
    retry_after: Option<u64>,
}

impl ApiError {
    /// A problem of `status` and `code`, told by the message `detail`.
    pub fn new(status: StatusCode, code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            retry_after: None,
        }
    }

    /// 422 `VALIDATION_ERROR`, told by `detail`.
    pub fn invalid(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationError,
            detail,
        )
    }

    /// 401 `UNAUTHORIZED`: the same answer for a missing, malformed, unknown, revoked or
    /// expired key.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "api-detail-unauthorized",
        )
    }

    /// 403 `FORBIDDEN_ACTION`, told by `detail`.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::ForbiddenAction, detail)
    }

    /// 404 `NOT_FOUND`, told by `detail`.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, detail)
    }

    /// 429 `RATE_LIMITED`, to be tried again after `seconds`.
    pub fn rate_limited(seconds: u64) -> Self {
        Self {
            retry_after: Some(seconds.max(1)),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                "api-detail-rate-limited",
            )
        }
    }

    /// The problem an error answer of `status` means when nothing said more: axum's own
    /// rejections of a body or a query, an unknown route, a wrong method, a timeout.
    pub fn of_status(status: StatusCode) -> Self {
        let (code, detail) = match status {
            StatusCode::UNAUTHORIZED => (ErrorCode::Unauthorized, "api-detail-unauthorized"),
            StatusCode::FORBIDDEN => (ErrorCode::ForbiddenAction, "api-detail-forbidden"),
            StatusCode::NOT_FOUND => (ErrorCode::NotFound, "api-detail-not-found"),
            StatusCode::METHOD_NOT_ALLOWED => (ErrorCode::NotFound, "api-detail-method"),
            StatusCode::PAYLOAD_TOO_LARGE => (ErrorCode::ValidationError, "api-detail-too-large"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                (ErrorCode::ValidationError, "api-detail-content-type")
            }
            StatusCode::TOO_MANY_REQUESTS => (ErrorCode::RateLimited, "api-detail-rate-limited"),
            // Bare, a 503 is the request timeout's.
            StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT => {
                (ErrorCode::ServiceUnavailable, "api-detail-timeout")
            }
            s if s.is_client_error() => (ErrorCode::ValidationError, "api-detail-body"),
            _ => (ErrorCode::InternalError, "api-detail-internal"),
        };
        Self::new(status, code, detail)
    }

    /// The problem document in `lang`, for the request `request_id`.
    pub fn document(&self, lang: Lang, request_id: &str) -> Problem {
        let tr = lang.tr();
        let detail = match self.retry_after {
            Some(seconds) => tr.t1(&self.detail, "seconds", seconds),
            None => tr.t(&self.detail),
        };
        Problem {
            kind: format!("/v1/problems/{}", self.code.as_str()),
            title: tr.t(&self.code.title_id()),
            status: self.status.as_u16(),
            detail,
            code: self.code,
            request_id: request_id.to_owned(),
        }
    }

    /// The whole answer in `lang`: the document, its media type, its language and, when rate
    /// limited, `Retry-After`.
    pub fn answer(&self, lang: Lang, request_id: &str) -> Response {
        let body = serde_json::to_vec(&self.document(lang, request_id)).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl IntoResponse for ApiError {
    /// The status alone, marked with the problem: the frame writes its body.
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

impl From<crate::db::DbError> for ApiError {
    fn from(error: crate::db::DbError) -> Self {
        match &error {
            crate::db::DbError::Sqlx(e) if crate::db::unreachable(e) => {
                tracing::warn!(error = %error, "database unavailable");
                Self::of_status(StatusCode::SERVICE_UNAVAILABLE)
            }
            _ => {
                tracing::error!(error = %error, "API request failed");
                Self::of_status(StatusCode::INTERNAL_SERVER_ERROR)
            }
        }
    }
}

impl From<crate::web::AppError> for ApiError {
    fn from(error: crate::web::AppError) -> Self {
        use crate::web::AppError;
        match error {
            AppError::NotFound => Self::new(
                StatusCode::NOT_FOUND,
                ErrorCode::TenantNotFound,
                "api-detail-tenant-not-found",
            ),
            AppError::Unavailable(e) => {
                tracing::warn!(error = %e, "database unavailable");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    ErrorCode::ServiceUnavailable,
                    "api-detail-unavailable",
                )
            }
            other => {
                tracing::error!(error = %other, "API request failed");
                Self::of_status(StatusCode::INTERNAL_SERVER_ERROR)
            }
        }
    }
}

/// The details a problem may be told by (besides the evidence refusals, `evidence-…`, and the
/// forms' own `write-already-accepted` and `write-not-accepted`).
const DETAILS: [&str; 27] = [
    "api-detail-unauthorized",
    "api-detail-forbidden",
    "api-detail-other-tenant",
    "api-detail-tenant-not-found",
    "api-detail-tenant-suspended",
    "api-detail-read-scope",
    "api-detail-not-owner",
    "api-detail-not-found",
    "api-detail-method",
    "api-detail-item-not-found",
    "api-detail-idempotency-missing",
    "api-detail-idempotency-reused",
    "api-detail-if-match",
    "api-detail-stale",
    "api-detail-withdraw-unconfirmed",
    "api-detail-conflict",
    "api-detail-body",
    "api-detail-content-type",
    "api-detail-too-large",
    "api-detail-query",
    "api-detail-cursor",
    "api-detail-rate-limited",
    "api-detail-internal",
    "api-detail-unavailable",
    "api-detail-timeout",
    "api-docs-title",
    "api-docs-noscript",
];

/// Every message id the API builds: each code's title, each detail, and the role of an API
/// key's service account.
pub fn message_ids() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.title_id())
        .chain(DETAILS.iter().map(|d| (*d).to_owned()))
        .chain([format!(
            "role-{}",
            crate::readiness::state::Role::Service.as_str()
        )])
        .collect()
}

/// The refusals every route of a tenant may answer, as the OpenAPI document lists them: no valid
/// key, a key of another tenant (or a write it may not make), no such tenant or resource, a
/// suspended tenant, the rate limit, and a console that cannot answer now. Never built: the
/// document's part of [`ApiError`], each a [`Problem`] of [`TENANT_REFUSALS`].
pub struct TenantRefusals;

/// A header of a refusal: its name, and what it says (a whole number).
type RefusalHeader = (&'static str, &'static str);

/// The status of each of [`TenantRefusals`], what it means, and the header it carries if any.
const TENANT_REFUSALS: [(u16, &str, Option<RefusalHeader>); 6] = [
    (401, "No valid API key", None),
    (
        403,
        "A key of another tenant, or a write the key may not make",
        None,
    ),
    (404, "No such tenant, or nothing at this address", None),
    (423, "The tenant is suspended", None),
    (
        429,
        "Over the rate limit",
        Some(("Retry-After", "Seconds to wait before asking again")),
    ),
    (
        503,
        "The console cannot answer now: its database is unreachable, or the request took longer than it may",
        None,
    ),
];

impl utoipa::IntoResponses for TenantRefusals {
    fn responses() -> std::collections::BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        TENANT_REFUSALS
            .iter()
            .map(|&(status, description, header)| {
                let problem = Ref::from_schema_name(Problem::name());
                let mut response = ResponseBuilder::new()
                    .description(description)
                    .content(PROBLEM_JSON, Content::new(Some(problem)));
                if let Some((name, says)) = header {
                    let number = HeaderBuilder::new()
                        .schema(Some(<u64 as utoipa::PartialSchema>::schema()))
                        .description(Some(says));
                    response = response.header(name, number.build());
                }
                (status.to_string(), response.build().into())
            })
            .collect()
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// A URI reference naming the kind of problem (`/v1/problems/{code}`).
    #[serde(rename = "type")]
    pub kind: String,
    /// What went wrong, in the negotiated language.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What to do about it, in the negotiated language.
    pub detail: String,
    /// The stable code.
    pub code: ErrorCode,
    /// The request's id: the `x-request-id` header of the answer.
    pub request_id: String,
}
