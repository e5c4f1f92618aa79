//! `GET /t/{tenant}/packets/{name}`: each packet as a file, the same bytes as its block on the
//! console, so `sha256sum` of the download is the digest the page shows.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::web::{AppError, AppState, Result, TenantView, record_tenant};
use axum::Router;
use axum::routing::get;

/// The packets' files.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new().route("/t/{tenant}/packets/{name}", get(packet_file))
}

pub(super) async fn packet_file(
    State(app): State<AppState>,
    Path((tenant, name)): Path<(String, String)>,
) -> Result<Response> {
    record_tenant(&tenant);
    let view = app.tenant(&tenant).await?;
    packet_response(&view, &name).ok_or(AppError::NotFound)
}

/// The packet `name` of a tenant as a download: what the packets section links to and the API
/// serves; `None` for a packet there is not.
pub(crate) fn packet_response(view: &TenantView, name: &str) -> Option<Response> {
    let tenant = view.console.slug.as_str();
    let (packet, _) = view
        .packets()
        .iter()
        .find(|(p, _)| p.key.as_str() == name)?;
    let disposition = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        packet.filename(tenant)
    ))
    .ok()?;
    Some(
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(packet.media_type()),
                ),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            packet.body.clone(),
        )
            .into_response(),
    )
}
