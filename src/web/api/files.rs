//! `GET /v1/tenants/{slug}/packets/{name}` and `…/bundle`: the same bytes the pages serve.

use axum::extract::{Path, State};
use axum::response::Response;

use super::caller::Caller;
use super::problem::{ApiError, TenantRefusals};
use crate::web::AppState;
use crate::web::console::{packet_response, proof_bundle_response};

/// A packet, as a file: the same bytes as its block on the console.
#[utoipa::path(
    get,
    path = "/v1/tenants/{slug}/packets/{name}",
    tag = "audit",
    params(
        ("slug" = String, Path, description = "The tenant's slug"),
        ("name" = String, Path, description = "The packet's name, as the console's packets section names it")
    ),
    responses(
        (status = 200, description = "The packet's file: the runbook as SQL, the others as text",
         content((String = "text/plain"), (String = "application/sql"))),
        TenantRefusals
    )
)]
pub(super) async fn packet(
    caller: Caller,
    Path(path): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (_, name) = path;
    packet_response(&caller.view, &name).ok_or_else(|| ApiError::not_found("api-detail-not-found"))
}

/// The proof bundle: the same archive the audit page offers, which `verify-bundle` checks.
#[utoipa::path(
    get,
    path = "/v1/tenants/{slug}/bundle",
    tag = "audit",
    params(("slug" = String, Path, description = "The tenant's slug")),
    responses(
        (status = 200, description = "The proof bundle (a tar archive)", content_type = "application/x-tar", body = Vec<u8>),
        TenantRefusals
    )
)]
pub(super) async fn bundle(
    State(app): State<AppState>,
    caller: Caller,
) -> Result<Response, ApiError> {
    Ok(proof_bundle_response(&app, caller.slug()).await?)
}
