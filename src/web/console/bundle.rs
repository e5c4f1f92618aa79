//! The proof bundle of a tenant, assembled from one consistent read (see [`crate::bundle`] for
//! the archive, its assembly and its check).

use crate::db::proof::bundle_source;
use crate::web::{AppError, AppState, Result};

/// The bundle's file name and bytes.
pub(super) async fn proof_bundle(app: &AppState, slug: &str) -> Result<(String, Vec<u8>)> {
    let source = bundle_source(&app.pool, slug, &app.key, &app.clock)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let public_key = app.key.public_hex();
    // Evaluating, hashing and archiving take milliseconds of CPU: off the async workers.
    tokio::task::spawn_blocking(move || crate::bundle::assemble(&source, &public_key, now))
        .await
        .map_err(|e| AppError::Internal(e.into()))
}
