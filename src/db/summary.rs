//! `tenant_summaries`: each tenant's decision and figures, refreshed by each of its writes
//! before it commits (the platform's list reads only these rows).

use sqlx::PgConnection;
use uuid::Uuid;

use super::DbError;
use crate::clock::Clock;
use crate::readiness::summary::Summary;

/// Evaluates the entered tenant `slug` as this transaction sees it and stores its summary.
/// Call last in a write, just before committing.
pub(crate) async fn refresh(
    tx: &mut PgConnection,
    tenant: Uuid,
    slug: &str,
    clock: &Clock,
) -> Result<(), DbError> {
    let Some(console) = super::load_console(&mut *tx, slug).await? else {
        return Ok(());
    };
    let evaluation = crate::readiness::evaluate(&console.catalogue, &console.state);
    store(tx, (tenant, slug), &Summary::of(&evaluation), clock).await
}

async fn store(
    tx: &mut PgConnection,
    (tenant, slug): (Uuid, &str),
    summary: &Summary,
    clock: &Clock,
) -> Result<(), DbError> {
    let count = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    sqlx::query(
        "insert into tenant_summaries
             (tenant_id, slug, decision, gates_ready, gates_total, percent, audit_seq, changed_at)
         select $1, $7, $2, $3, $4, $5,
                coalesce((select seq from audit_heads where tenant_id = $1), 0), $6
         on conflict (tenant_id) do update set
             slug = excluded.slug, decision = excluded.decision, gates_ready = excluded.gates_ready,
             gates_total = excluded.gates_total, percent = excluded.percent,
             audit_seq = excluded.audit_seq, changed_at = excluded.changed_at",
    )
    .bind(tenant)
    .bind(summary.decision.as_str())
    .bind(count(summary.gates.ready))
    .bind(count(summary.gates.total))
    .bind(count(summary.percent))
    .bind(clock.now())
    .bind(slug)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Stores a summary for every tenant that has none (tenants created before summaries were
/// kept); run as the owner role, at start-up after the migrations. Returns how many it stored.
pub async fn backfill(owner: &sqlx::PgPool, clock: &Clock) -> Result<usize, DbError> {
    let missing: Vec<(Uuid, String)> = sqlx::query_as(
        "select t.id, t.slug from tenants t
         where t.deleted_at is null
           and not exists (select from tenant_summaries s where s.tenant_id = t.id)",
    )
    .fetch_all(owner)
    .await?;
    for (tenant, slug) in &missing {
        let mut tx = owner.begin().await?;
        // The table is FORCE ROW LEVEL SECURITY: the owner, too, writes inside the tenant.
        sqlx::query("select set_config('app.tenant_id', $1, true)")
            .bind(tenant.to_string())
            .execute(&mut *tx)
            .await?;
        refresh(&mut tx, *tenant, slug, clock).await?;
        tx.commit().await?;
    }
    Ok(missing.len())
}
