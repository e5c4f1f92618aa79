//! The tenant's profile (`tenant_profiles`) and its providers' modes: written at creation from
//! the defaults, changed by the managing director on the settings page.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::DbError;
use super::signature::{self, Consent};
use super::write::{Author, Begun, Ending, WriteError, Written, begin, conclude};
use crate::readiness::permissions::Action;
use crate::readiness::profile::{self, ProfileEdit, ProfileField, ProviderMode};
use crate::readiness::state::Profile;
use crate::readiness::{AuditAction, AuditTarget};

/// Writes the profile of the new tenant `tenant` (whose row's trigger gave it an empty one),
/// entering it in `tx` (the table is FORCE ROW LEVEL SECURITY: the owner, too, writes inside
/// the tenant).
pub(super) async fn insert(
    tx: &mut PgConnection,
    tenant: Uuid,
    p: &Profile,
) -> Result<(), DbError> {
    sqlx::query("select set_config('app.tenant_id', $1::text, true)")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into tenant_profiles (tenant_id, scenario_contract, storage_adapter, auth_mode,
                                      tenant_mode, adapter_target, environment)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (tenant_id) do update set
            scenario_contract = excluded.scenario_contract,
            storage_adapter = excluded.storage_adapter, auth_mode = excluded.auth_mode,
            tenant_mode = excluded.tenant_mode, adapter_target = excluded.adapter_target,
            environment = excluded.environment",
    )
    .bind(tenant)
    .bind(&p.scenario_contract)
    .bind(&p.storage_adapter)
    .bind(&p.auth_mode)
    .bind(&p.tenant_mode)
    .bind(&p.adapter_target)
    .bind(&p.environment)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// What [`set`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// The edit was written, or replayed.
    Written(Written),
    /// It changed no value: nothing was written, no event appended.
    Unchanged,
}

/// Changes the profile as the managing director asked: one transaction — authorise, read the
/// profile, apply the values that differ, append a `set_profile` event whose evidence digest
/// is that of the changes, remember the form's key, refresh the summary, commit. A profile
/// value is never empty, so an edit cannot unset what a fact reads; still, a standing GO
/// signature is never withdrawn by a settings change: an edit that would move an item's
/// status while one stands is refused ([`WriteError::WithdrawUnconfirmed`]), nothing written.
pub async fn set(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    edit: &ProfileEdit,
) -> Result<Settled, WriteError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::SetProfile).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(seq) => return Ok(Settled::Written(Written::Replayed(seq))),
    };
    // Holding the head keeps sign-offs out until the commit, so the guard's evaluations
    // before and after see the same signature.
    signature::lock_head(&mut tx, tenant).await?;
    let guard = signature::guard(&mut tx, author.tenant).await?;
    let console = super::load_console(&mut *tx, author.tenant)
        .await?
        .ok_or(WriteError::NotFound)?;
    let state = &console.state;
    let changes = edit
        .changes(&state.profile, &state.providers)
        .map_err(|_| WriteError::NotFound)?;
    if changes.is_empty() {
        return Ok(Settled::Unchanged);
    }
    for (field, mode) in &edit.fields {
        // The column is the field's code, from a closed list.
        let sql = format!(
            "update tenant_profiles set {} = $1 where tenant_id = $2",
            column(*field)
        );
        sqlx::query(&sql)
            .bind(mode.as_str())
            .bind(tenant)
            .execute(&mut *tx)
            .await?;
    }
    for (key, which, mode) in &edit.providers {
        let sql = match which {
            ProviderMode::Current => "update providers set current_mode = $1 where key = $2",
            ProviderMode::Target => "update providers set target_mode = $1 where key = $2",
        };
        sqlx::query(sql)
            .bind(mode.as_str())
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(guard) = &guard {
        guard
            .check(&mut tx, author.tenant, &[], Consent::Withheld)
            .await?;
    }
    let digest = profile::digest(&changes);
    let event = author.event(
        AuditAction::SetProfile,
        AuditTarget::Profile.as_str(),
        Some(&digest),
    );
    let seq = conclude(tx, tenant, author, idempotency_key, &event, Ending::PLAIN).await?;
    tracing::info!(changes = changes.len(), "tenant profile changed");
    Ok(Settled::Written(Written::Applied(seq)))
}

/// The column of `tenant_profiles` that holds `field`.
fn column(field: ProfileField) -> &'static str {
    match field {
        ProfileField::ScenarioContract => "scenario_contract",
        ProfileField::Environment => "environment",
        ProfileField::StorageAdapter => "storage_adapter",
        ProfileField::AuthMode => "auth_mode",
        ProfileField::TenantMode => "tenant_mode",
        ProfileField::AdapterTarget => "adapter_target",
    }
}
