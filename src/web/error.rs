//! One error type for handlers, rendered as a page or an htmx fragment in the user's language.
//!
//! A handler returns `Err(AppError)`; `IntoResponse` logs it once and marks the response with
//! its kind; the [`render`] middleware, which knows the request's language and id, fills in the
//! body. Internal details are logged, never shown.

use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum_htmx::{HX_REQUEST, HX_RESWAP, HX_RETARGET};

use super::frame::Frame;
use crate::db::DbError;
use crate::i18n::Lang;
use crate::i18n::Tr;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such tenant or page.
    #[error("not found")]
    NotFound,
    /// Not allowed: not the right actor, or a forged request.
    #[error("forbidden")]
    Forbidden,
    /// The session ended (or never began): sign in again.
    #[error("sign-in required")]
    SignInRequired,
    /// The request could not be read (a damaged form).
    #[error("bad request")]
    BadRequest,
    /// The write no longer fits the state (it changed since the form was drawn); the handler
    /// that knows the form shows it again instead, this is the answer when none does.
    #[error("conflict")]
    Conflict,
    /// The tenant is suspended by the platform's operator, for this reason: 423, nothing
    /// written.
    #[error("tenant suspended")]
    Suspended(String),
    /// The tenant is still being set up: 409.
    #[error("tenant provisioning")]
    Provisioning,
    /// The tenant is being deleted: 409.
    #[error("tenant deleting")]
    Deleting,
    /// The database cannot be reached right now (directly, or as the session store).
    #[error("database unavailable: {0}")]
    Unavailable(Box<dyn std::error::Error + Send + Sync>),
    /// Anything else.
    #[error(transparent)]
    Internal(anyhow::Error),
}

impl From<DbError> for AppError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::Sqlx(e) => e.into(),
            other => Self::Internal(other.into()),
        }
    }
}

impl From<crate::db::write::WriteError> for AppError {
    fn from(error: crate::db::write::WriteError) -> Self {
        use crate::db::write::WriteError;
        match error {
            WriteError::NotFound => Self::NotFound,
            WriteError::Forbidden => Self::Forbidden,
            WriteError::Stale
            | WriteError::AlreadyAccepted
            | WriteError::NotAccepted
            | WriteError::NotReady(_)
            | WriteError::AlreadySigned
            | WriteError::WithdrawUnconfirmed
            | WriteError::KeyReused => Self::Conflict,
            WriteError::Db(error) => error.into(),
        }
    }
}

impl From<crate::db::rehearsal::StartError> for AppError {
    fn from(error: crate::db::rehearsal::StartError) -> Self {
        use crate::db::rehearsal::StartError;
        match error {
            StartError::NotFound => Self::NotFound,
            StartError::Forbidden => Self::Forbidden,
            StartError::Refused(_) | StartError::WithdrawUnconfirmed => Self::Conflict,
            StartError::Db(error) => error.into(),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        if crate::db::unreachable(&error) {
            return Self::Unavailable(error.into());
        }
        match error {
            // Text the database cannot hold (a NUL byte, a character outside its encoding) is
            // refused at the boundary; should some field slip past it, it is still the
            // request's fault, not a failure of ours.
            sqlx::Error::Database(ref e)
                if matches!(e.code().as_deref(), Some("22021" | "22P05")) =>
            {
                tracing::warn!(error = %e, "text the database cannot hold reached a query");
                Self::BadRequest
            }
            other => Self::Internal(other.into()),
        }
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        use tower_sessions::{session, session_store};
        match error {
            // The store is the database, and its errors arrive as text: a failing backend is
            // the database failing.
            session::Error::Store(session_store::Error::Backend(_)) => {
                Self::Unavailable(error.into())
            }
            other => Self::Internal(other.into()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(error.into())
    }
}

/// The kind of error page to render, carried from `into_response` to [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ErrorKind {
    BadRequest,
    NotFound,
    Forbidden,
    Conflict,
    Suspended,
    Provisioning,
    Deleting,
    SignInRequired,
    Unavailable,
    Internal,
}

impl ErrorKind {
    /// Every kind, for the message ids.
    pub(super) const ALL: [Self; 10] = [
        Self::BadRequest,
        Self::NotFound,
        Self::Forbidden,
        Self::Conflict,
        Self::Suspended,
        Self::Provisioning,
        Self::Deleting,
        Self::SignInRequired,
        Self::Unavailable,
        Self::Internal,
    ];

    fn status(self) -> StatusCode {
        match self {
            Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Conflict | Self::Provisioning | Self::Deleting => StatusCode::CONFLICT,
            Self::Suspended => StatusCode::LOCKED,
            Self::SignInRequired => StatusCode::UNAUTHORIZED,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub(super) fn id(self) -> &'static str {
        match self {
            Self::BadRequest => "bad-request",
            Self::NotFound => "not-found",
            Self::Forbidden => "forbidden",
            Self::Conflict => "conflict",
            Self::Suspended => "suspended",
            Self::Provisioning => "provisioning",
            Self::Deleting => "deleting",
            Self::SignInRequired => "sign-in-required",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let kind = match &self {
            Self::BadRequest => ErrorKind::BadRequest,
            Self::NotFound => ErrorKind::NotFound,
            Self::Forbidden => ErrorKind::Forbidden,
            Self::Conflict => ErrorKind::Conflict,
            Self::Suspended(reason) => {
                let mut response = ErrorKind::Suspended.status().into_response();
                response.extensions_mut().insert(ErrorKind::Suspended);
                response
                    .extensions_mut()
                    .insert(SuspendedReason(reason.clone()));
                return response;
            }
            Self::Provisioning => ErrorKind::Provisioning,
            Self::Deleting => ErrorKind::Deleting,
            Self::SignInRequired => ErrorKind::SignInRequired,
            Self::Unavailable(error) => {
                tracing::warn!(%error, "database unavailable");
                ErrorKind::Unavailable
            }
            Self::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "request failed");
                ErrorKind::Internal
            }
        };
        let mut response = kind.status().into_response();
        response.extensions_mut().insert(kind);
        response
    }
}

#[derive(Template)]
#[template(path = "errors/page.html")]
struct ErrorPage {
    frame: Frame,
    message: ErrorMessage,
}

#[derive(Template)]
#[template(path = "errors/_fragment.html")]
struct ErrorFragment {
    message: ErrorMessage,
}

/// The operator's reason a suspended tenant's error page shows, carried with its kind.
#[derive(Debug, Clone)]
struct SuspendedReason(String);

/// An error in the user's words.
struct ErrorMessage {
    title: String,
    body: String,
    reference: String,
}

impl ErrorMessage {
    fn new(tr: Tr, kind: ErrorKind, reason: Option<&SuspendedReason>, request_id: &str) -> Self {
        let body_id = format!("error-body-{}", kind.id());
        Self {
            title: tr.t(&format!("error-title-{}", kind.id())),
            body: match reason {
                Some(SuspendedReason(reason)) => tr.t1(&body_id, "reason", reason.as_str()),
                None => tr.t(&body_id),
            },
            reference: tr.t1("error-request-id", "id", request_id),
        }
    }
}

/// What an error page needs of its request, taken before the handler runs: its language,
/// whether htmx asked (then a fragment), the path (for the language switcher) and the id.
pub struct Asked {
    lang: Lang,
    htmx: bool,
    path: String,
    request_id: String,
}

impl Asked {
    /// Reads the request (the language as negotiated for the whole request).
    pub fn of(request: &Request, lang: Lang) -> Self {
        Self {
            lang,
            htmx: request.headers().contains_key(HX_REQUEST),
            path: request.uri().path().to_owned(),
            request_id: super::request_id(request.headers()),
        }
    }

    /// Fills in the body of an error response: a page in the layout, or for htmx a fragment
    /// swapped into the page's notice area. Any other response is left as it is.
    pub fn render(self, response: Response) -> Response {
        let Some(kind) = response.extensions().get::<ErrorKind>().copied() else {
            return response;
        };
        let reason = response.extensions().get::<SuspendedReason>();
        let message = ErrorMessage::new(self.lang.tr(), kind, reason, &self.request_id);
        let body = if self.htmx {
            ErrorFragment { message }.render()
        } else {
            ErrorPage {
                frame: Frame::new(self.lang, &self.path),
                message,
            }
            .render()
        };
        let mut out = match body {
            Ok(html) => (kind.status(), Html(html)).into_response(),
            Err(error) => {
                tracing::error!(%error, "cannot render the error page");
                kind.status().into_response()
            }
        };
        if self.htmx {
            let headers = out.headers_mut();
            headers.insert(HX_RETARGET, HeaderValue::from_static("#notice"));
            headers.insert(HX_RESWAP, HeaderValue::from_static("innerHTML"));
        }
        out.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        out
    }

    /// Whether the response is an error this fills in.
    pub fn is_error(response: &Response) -> bool {
        response.extensions().get::<ErrorKind>().is_some()
    }
}

#[cfg(test)]
mod tests {
    use tower_sessions::{session, session_store};

    use super::*;

    #[test]
    fn a_session_store_that_fails_is_an_outage_and_a_damaged_session_is_not() {
        let kind = |error: session::Error| {
            AppError::from(error)
                .into_response()
                .extensions()
                .get::<ErrorKind>()
                .copied()
        };
        let cases = [
            (
                session_store::Error::Backend("pool timed out".into()),
                ErrorKind::Unavailable,
            ),
            (
                session_store::Error::Decode("bad record".into()),
                ErrorKind::Internal,
            ),
            (
                session_store::Error::Encode("bad value".into()),
                ErrorKind::Internal,
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(kind(session::Error::Store(error)), Some(expected));
        }
    }
}
