//! `tenant_summaries`: each tenant's decision and figures, refreshed by each of its writes
//! before it commits (the platform's list reads only these rows).

use sqlx::PgConnection;
use uuid::Uuid;

use super::DbError;
use crate::clock::Clock;
use crate::readiness::AuditAction;
use crate::readiness::catalogue::DecisionCode;
use crate::readiness::outbox::{self, Done, Standing};
use crate::readiness::summary::Summary;

/// Evaluates the entered tenant `slug` as this transaction sees it and stores its summary, and
/// stores in the outbox the domain events of what the transaction did: the audit events it
/// appended since the summary was last stored, and what moved between the two summaries (the
/// decision, the items waiting on their owners). Call last in a write, just before committing:
/// every write that changes a tenant refreshes its summary, so no write can forget its events.
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
    let after = Standing::of(&evaluation);
    let before: Option<Previous> = sqlx::query_as(
        "select decision, waiting, audit_seq from tenant_summaries where tenant_id = $1",
    )
    .bind(tenant)
    .fetch_optional(&mut *tx)
    .await?;
    store(tx, (tenant, slug), &Summary::of(&evaluation), &after, clock).await?;
    // A tenant summarised for the first time is being created: nothing moved yet.
    let Some((decision, waiting, since)) = before else {
        return Ok(());
    };
    let before = Standing {
        decision: DecisionCode::parse(&decision),
        waiting: waiting.0.into_iter().collect(),
    };
    let appended: Vec<(i64, String, String, String, bool)> = sqlx::query_as(
        "select e.seq, e.action, e.target, e.actor_id,
                exists (select from signoff_withdrawals w
                        where w.tenant_id = e.tenant_id and w.audit_seq = e.seq)
         from audit_events e where e.tenant_id = $1 and e.seq > $2 order by e.seq",
    )
    .bind(tenant)
    .bind(since)
    .fetch_all(&mut *tx)
    .await?;
    let done: Vec<Done<'_>> = appended
        .iter()
        .filter_map(|(seq, action, target, actor, withdrew)| {
            Some(Done {
                action: AuditAction::parse(action)?,
                target,
                actor,
                seq: *seq,
                withdrew: *withdrew,
            })
        })
        .collect();
    let events = outbox::events(&done, &before, &after);
    super::outbox::store(tx, tenant, &events, clock).await?;
    // "Waiting on you" mails, from the same events, in the same transaction.
    super::mail::queue_waiting(tx, tenant, &events, clock).await
}

/// The summary a write finds: its decision, the items waiting on their owners, and the audit
/// head it was stored at.
type Previous = (String, sqlx::types::Json<Vec<(String, String)>>, i64);

async fn store(
    tx: &mut PgConnection,
    (tenant, slug): (Uuid, &str),
    summary: &Summary,
    standing: &Standing,
    clock: &Clock,
) -> Result<(), DbError> {
    let count = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    sqlx::query(
        "insert into tenant_summaries
             (tenant_id, slug, decision, gates_ready, gates_total, percent, audit_seq, changed_at,
              waiting)
         select $1, $7, $2, $3, $4, $5,
                coalesce((select seq from audit_heads where tenant_id = $1), 0), $6, $8
         on conflict (tenant_id) do update set
             slug = excluded.slug, decision = excluded.decision, gates_ready = excluded.gates_ready,
             gates_total = excluded.gates_total, percent = excluded.percent,
             audit_seq = excluded.audit_seq, changed_at = excluded.changed_at,
             waiting = excluded.waiting",
    )
    .bind(tenant)
    .bind(summary.decision.as_str())
    .bind(count(summary.gates.ready))
    .bind(count(summary.gates.total))
    .bind(count(summary.percent))
    .bind(clock.now())
    .bind(slug)
    .bind(sqlx::types::Json(&standing.waiting))
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
