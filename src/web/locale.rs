//! The `Locale` extractor, and remembering a chosen language (see [`super::frame_layer`]).

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

use crate::i18n::{self, Lang};

/// The cookie that stores the visitor's language choice (a preference, not a session).
const COOKIE: &str = "lang";

/// The visitor's language, negotiated as [`i18n::negotiate`] describes.
#[derive(Debug, Clone, Copy)]
pub struct Locale(pub Lang);

impl Locale {
    /// Negotiates from a request's URI query and headers.
    pub fn from_parts(query: Option<&str>, headers: &HeaderMap) -> Self {
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Self(i18n::negotiate(
            query.and_then(query_lang),
            stored_choice(headers),
            accept,
        ))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Negotiated once per request by the frame layer; negotiated here when there is none.
        if let Some(locale) = parts.extensions.get::<Self>() {
            return Ok(*locale);
        }
        Ok(Self::from_parts(parts.uri.query(), &parts.headers))
    }
}

/// The `lang` parameter of a query string.
fn query_lang(query: &str) -> Option<&str> {
    query.split('&').find_map(|pair| pair.strip_prefix("lang="))
}

fn stored_choice(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang="))
}

/// The language a request names with `?lang=`, if we speak it: the response stores it as the
/// visitor's choice for their next visits ([`remember`]; a `Secure` cookie when served over
/// HTTPS, like every other cookie of the console).
pub fn chosen(request: &Request) -> Option<Lang> {
    request
        .uri()
        .query()
        .and_then(query_lang)
        .and_then(Lang::from_tag)
}

/// Stores the language [`chosen`] found on the request as the visitor's choice.
pub fn remember(mut response: Response, chosen: Option<Lang>, https: bool) -> Response {
    if let Some(lang) = chosen {
        let cookie = format!(
            "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{}",
            lang.code(),
            if https { "; Secure" } else { "" }
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
