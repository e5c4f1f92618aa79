//! Static files, embedded in the binary and served under fingerprinted URLs.

use std::sync::LazyLock;

use axum::extract::{Path, RawQuery};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::AppError;

/// An embedded file.
struct Asset {
    name: &'static str,
    bytes: &'static [u8],
    content_type: &'static str,
    /// First 12 hex digits of its SHA-256: the `?v=` of its URL and its ETag.
    hash: String,
}

fn asset(name: &'static str, bytes: &'static [u8], content_type: &'static str) -> Asset {
    let digest = Sha256::digest(bytes);
    let hash = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    Asset {
        name,
        bytes,
        content_type,
        hash,
    }
}

static ASSETS: LazyLock<[Asset; 9]> = LazyLock::new(|| {
    [
        asset(
            "app.css",
            include_bytes!("../../static/app.css"),
            "text/css; charset=utf-8",
        ),
        asset(
            "htmx-2.0.11.min.js",
            include_bytes!("../../static/htmx-2.0.11.min.js"),
            "text/javascript; charset=utf-8",
        ),
        // htmx's SSE extension, from npm's `htmx-ext-sse` 2.2.4 (`dist/sse.js`, 0BSD: see
        // static/docs/htmx-ext-sse-2.2.4.LICENSE).
        asset(
            "htmx-ext-sse-2.2.4.js",
            include_bytes!("../../static/htmx-ext-sse-2.2.4.js"),
            "text/javascript; charset=utf-8",
        ),
        asset(
            "live.js",
            include_bytes!("../../static/live.js"),
            "text/javascript; charset=utf-8",
        ),
        asset(
            "copy.js",
            include_bytes!("../../static/copy.js"),
            "text/javascript; charset=utf-8",
        ),
        asset(
            "swagger-ui-bundle-5.35.0.js",
            include_bytes!("../../static/swagger-ui-bundle-5.35.0.js"),
            "text/javascript; charset=utf-8",
        ),
        asset(
            "swagger-ui-5.35.0.css",
            include_bytes!("../../static/swagger-ui-5.35.0.css"),
            "text/css; charset=utf-8",
        ),
        asset(
            "api-docs.js",
            include_bytes!("../../static/api-docs.js"),
            "text/javascript; charset=utf-8",
        ),
        asset(
            "favicon.svg",
            include_bytes!("../../static/favicon.svg"),
            "image/svg+xml",
        ),
    ]
});

/// The URL of an embedded file, with its fingerprint.
pub fn url(name: &str) -> String {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => format!("/static/{}?v={}", a.name, a.hash),
        None => format!("/static/{name}"),
    }
}

/// `GET /static/{file}`: immutable for a year when the fingerprint matches, else revalidated.
pub async fn serve(
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let asset = ASSETS
        .iter()
        .find(|a| a.name == file)
        .ok_or(AppError::NotFound)?;
    let fingerprinted = query.as_deref() == Some(&format!("v={}", asset.hash));
    let cache = if fingerprinted {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let etag = HeaderValue::from_str(&format!("\"{}\"", asset.hash))
        .unwrap_or(HeaderValue::from_static("\"\""));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (header::ETAG, etag),
        ],
        asset.bytes,
    )
        .into_response())
}
