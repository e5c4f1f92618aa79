//! The outbox: domain events stored in the transaction of the write that emitted them, with one
//! delivery per subscribed webhook endpoint; and the worker's side of the deliveries (claiming
//! due ones under a lease, settling each try).

use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use crate::clock::Clock;
use crate::readiness::outbox::{DomainEvent, EventType};

/// The channel a new or rescheduled delivery notifies, waking the workers of every instance.
pub const CHANNEL: &str = "readiness_outbox";

/// Stores `events` of the entered tenant inside the caller's transaction, and one delivery of
/// each to every live endpoint of the tenant subscribed to its type: all in one statement.
pub(crate) async fn store(
    tx: &mut PgConnection,
    tenant: Uuid,
    events: &[DomainEvent],
    clock: &Clock,
) -> Result<(), DbError> {
    if events.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = events.iter().map(|_| Uuid::new_v4()).collect();
    let types: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    let data: Vec<sqlx::types::Json<&serde_json::Value>> =
        events.iter().map(|e| sqlx::types::Json(&e.data)).collect();
    sqlx::query(
        "with stored as (
             insert into outbox_events (id, tenant_id, type, data, at)
             select id, $1, type, data, $5
             from unnest($2::uuid[], $3::text[], $4::jsonb[]) as e (id, type, data)
             returning id, type
         )
         insert into webhook_deliveries (tenant_id, event_id, endpoint_id, next_attempt_at)
         select $1, s.id, w.id, $5 from stored s
         join webhook_endpoints w on w.tenant_id = $1 and w.removed_at is null
                                  and s.type = any (w.events)",
    )
    .bind(tenant)
    .bind(&ids)
    .bind(&types)
    .bind(&data)
    .bind(clock.now())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A delivery claimed by a worker: what to send, and where.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    /// The delivery.
    pub id: Uuid,
    /// Its tenant.
    pub tenant_id: Uuid,
    /// The event: its id is the `webhook-id` of every try.
    pub event_id: Uuid,
    /// The event's type code.
    #[sqlx(rename = "type")]
    pub kind: String,
    /// The event's data.
    pub data: sqlx::types::Json<serde_json::Value>,
    /// When the event happened.
    pub at: OffsetDateTime,
    /// The endpoint, whose id its secret is derived from.
    pub endpoint_id: Uuid,
    /// The endpoint's URL.
    pub url: String,
    /// Whether the endpoint was removed since (the delivery dies untried).
    pub removed: bool,
    /// The tenant's slug, which the body names.
    pub slug: String,
    /// Which try this is, counting from 1.
    pub tries: i32,
}

impl Claimed {
    /// The event's type, if this build knows it.
    pub fn event_type(&self) -> Option<EventType> {
        EventType::parse(&self.kind)
    }
}

/// Claims up to `limit` deliveries of any tenant due at `now`, each for `lease`: another worker
/// skips them until the lease runs out (which it does only if this worker dies before settling).
pub async fn claim(
    pool: &PgPool,
    now: OffsetDateTime,
    lease: std::time::Duration,
    limit: i32,
) -> Result<Vec<Claimed>, DbError> {
    let claim = "select * from claim_deliveries($1, $2, $3)";
    super::queue::claim(pool, claim, now, lease, limit).await
}

/// How a try ended, as the deliveries page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// `delivered`, `pending` (tried again at `next`) or `dead`.
    pub status: DeliveryStatus,
    /// When the next try is due, for a pending delivery.
    pub next: Option<OffsetDateTime>,
    /// The receiver's HTTP status, if it answered.
    pub http: Option<u16>,
    /// Why it failed, in a few words (never the receiver's body).
    pub error: Option<String>,
    /// How long the try took.
    pub millis: u32,
}

crate::readiness::code::code_enum! {
    /// Where a delivery stands.
    pub enum DeliveryStatus as "delivery status" {
        /// Not delivered yet: due now or at its next try.
        Pending => "pending",
        /// The receiver answered 2xx.
        Delivered => "delivered",
        /// Every try failed.
        Dead => "dead",
    }
}

/// Records the outcome of the try of delivery `id` at `now`, and ends its lease.
pub async fn settle(
    pool: &PgPool,
    id: Uuid,
    outcome: &Outcome,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query("select settle_delivery($1, $2, $3, $4, $5, $6, $7)")
        .bind(id)
        .bind(outcome.status.as_str())
        .bind(outcome.next)
        .bind(outcome.http.map(i32::from))
        .bind(outcome.error.as_deref())
        .bind(i32::try_from(outcome.millis).unwrap_or(i32::MAX))
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// How many deliveries of all tenants are pending.
pub async fn pending(pool: &PgPool) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("select pending_deliveries()")
        .fetch_one(pool)
        .await?)
}
