//! `GET /t/{tenant}/packets/{name}`: each packet as a file, the same bytes as its block on the
//! console, so `sha256sum` of the download is the digest the page shows.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::readiness::packets::{self, PacketInputs};
use crate::web::{AppError, AppState, Result, record_tenant};
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
    let packet = packets::all(&PacketInputs {
        tenant: &tenant,
        state: &view.console.state,
        evaluation: &view.evaluation,
    })
    .into_iter()
    .find(|p| p.key.as_str() == name)
    .ok_or(AppError::NotFound)?;
    let disposition = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        packet.filename(&tenant)
    ))
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(packet.media_type()),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        packet.body,
    )
        .into_response())
}
