//! A tenant's webhook endpoints and their deliveries: adding and removing an endpoint, listing
//! them, the latest deliveries, and retrying a dead one. Each change is one transaction with
//! its audit event.

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use super::api_keys::KeyAuthor;
use super::outbox::DeliveryStatus;
use super::tenants::Stamp;
use crate::readiness::AuditAction;
use crate::readiness::outbox::EventType;
use crate::readiness::permissions::{Action, Target};

/// An endpoint to add: its id (which its secret is derived from), URL, event types and the
/// hint of its secret.
#[derive(Debug, Clone)]
pub struct NewEndpoint<'a> {
    /// Its id.
    pub id: Uuid,
    /// Its `https://` URL.
    pub url: &'a url::Url,
    /// The event types it receives.
    pub events: &'a [EventType],
    /// The first characters of its secret's SHA-256.
    pub secret_hint: &'a str,
}

/// An endpoint as the webhooks page and `webhook list` show it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Its id.
    pub id: Uuid,
    /// Its URL.
    pub url: String,
    /// The event types it receives.
    pub events: Vec<EventType>,
    /// The first characters of its secret's SHA-256.
    pub secret_hint: String,
    /// Who added it.
    pub created_by: String,
    /// When.
    pub created_at: OffsetDateTime,
}

/// A delivery as the webhooks page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Its id.
    pub id: Uuid,
    /// The event's id (`webhook-id`).
    pub event_id: Uuid,
    /// The event's type.
    pub kind: String,
    /// The endpoint's URL.
    pub url: String,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Tries made.
    pub tries: i32,
    /// When the next try is due (pending ones).
    pub next_attempt_at: OffsetDateTime,
    /// The last answer's HTTP status.
    pub last_status: Option<i32>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// How long the last try took.
    pub last_duration_ms: Option<i32>,
    /// When it was last tried.
    pub last_tried_at: Option<OffsetDateTime>,
    /// When the event happened.
    pub at: OffsetDateTime,
}

/// Why an endpoint was not added or removed, or a delivery not retried. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    /// The tenant is not active (or does not exist).
    #[error("there is no active tenant {0}")]
    NoTenant(String),
    /// No live endpoint (or dead delivery) of the tenant has this id.
    #[error("there is no such endpoint or dead delivery: {0}")]
    Unknown(String),
    /// The person may not manage the tenant's webhooks.
    #[error("only the managing director manages webhooks")]
    Forbidden,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for HookError {
    fn from(error: sqlx::Error) -> Self {
        Self::Db(error.into())
    }
}

async fn begin<'a>(
    pool: &'a PgPool,
    slug: &str,
    by: KeyAuthor<'_>,
) -> Result<(sqlx::Transaction<'a, sqlx::Postgres>, Uuid), HookError> {
    let mut tx = pool.begin().await?;
    let tenant = super::enter_active_tenant(&mut tx, slug)
        .await?
        .ok_or_else(|| HookError::NoTenant(slug.to_owned()))?;
    if let KeyAuthor::Person(actor) = by {
        super::write::authorise(&mut tx, actor, Action::ManageWebhooks, Target::Tenant)
            .await
            .map_err(|_| HookError::Forbidden)?;
    }
    Ok((tx, tenant))
}

async fn finish(
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    (tenant, slug): (Uuid, &str),
    by: KeyAuthor<'_>,
    (action, target): (AuditAction, &str),
    stamp: &Stamp<'_>,
) -> Result<(), HookError> {
    stamp
        .append(&mut tx, tenant, by.name(), (action, target))
        .await?;
    super::summary::refresh(&mut tx, tenant, slug, stamp.clock).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an endpoint to the tenant `slug`, by `by`, with its audit event.
pub async fn add<'a>(
    pool: &PgPool,
    slug: &str,
    endpoint: &NewEndpoint<'_>,
    by: impl Into<KeyAuthor<'a>>,
    stamp: &Stamp<'_>,
) -> Result<(), HookError> {
    let by = by.into();
    let (mut tx, tenant) = begin(pool, slug, by).await?;
    let events: Vec<&str> = endpoint.events.iter().map(|e| e.as_str()).collect();
    sqlx::query(
        "insert into webhook_endpoints (id, tenant_id, url, events, secret_hint, created_by,
                                        created_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(endpoint.id)
    .bind(tenant)
    .bind(endpoint.url.as_str())
    .bind(&events)
    .bind(endpoint.secret_hint)
    .bind(by.name())
    .bind(stamp.clock.now())
    .execute(&mut *tx)
    .await?;
    let target = endpoint.id.to_string();
    finish(
        tx,
        (tenant, slug),
        by,
        (AuditAction::AddWebhook, &target),
        stamp,
    )
    .await
}

/// A change to one row of the tenant's webhooks, by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Removes a live endpoint. Its pending deliveries stay, and die at their next try.
    Remove,
    /// Gives a dead delivery one more try, now.
    Retry,
}

impl Change {
    /// The statement making it, binding the row's id, now and who.
    fn statement(self) -> &'static str {
        match self {
            Self::Remove => {
                "update webhook_endpoints set removed_at = $2, removed_by = $3
                 where id = $1 and removed_at is null"
            }
            Self::Retry => {
                "update webhook_deliveries set status = 'pending', next_attempt_at = $2,
                        lease_until = null, retried_at = $2, retried_by = $3
                 where id = $1 and status = 'dead'"
            }
        }
    }

    /// Its audit event's action.
    fn action(self) -> AuditAction {
        match self {
            Self::Remove => AuditAction::RemoveWebhook,
            Self::Retry => AuditAction::RetryDelivery,
        }
    }
}

/// Makes `change` to the row `id` (a live endpoint, or a dead delivery) of the tenant `slug`,
/// by `by`, with its audit event on it; [`HookError::Unknown`] when no such row matches.
pub async fn change<'a>(
    pool: &PgPool,
    slug: &str,
    (change, id): (Change, Uuid),
    by: impl Into<KeyAuthor<'a>>,
    stamp: &Stamp<'_>,
) -> Result<(), HookError> {
    let by = by.into();
    let (mut tx, tenant) = begin(pool, slug, by).await?;
    let changed = sqlx::query(change.statement())
        .bind(id)
        .bind(stamp.clock.now())
        .bind(by.name())
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() != 1 {
        return Err(HookError::Unknown(id.to_string()));
    }
    let target = id.to_string();
    finish(tx, (tenant, slug), by, (change.action(), &target), stamp).await
}

/// The live endpoints of the tenant `slug`, oldest first; `None` when there is no such tenant.
pub async fn list(pool: &PgPool, slug: &str) -> Result<Option<Vec<Endpoint>>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    let rows: Vec<(Uuid, String, Vec<String>, String, String, OffsetDateTime)> = sqlx::query_as(
        "select id, url, events, secret_hint, created_by, created_at from webhook_endpoints
         where removed_at is null order by created_at, id",
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(
        rows.into_iter()
            .map(
                |(id, url, events, secret_hint, created_by, created_at)| Endpoint {
                    id,
                    url,
                    events: events.iter().filter_map(|e| EventType::parse(e)).collect(),
                    secret_hint,
                    created_by,
                    created_at,
                },
            )
            .collect(),
    ))
}

/// The latest `limit` deliveries of the tenant `slug`, by the time of their last try (or of
/// their event), newest first; `None` when there is no such tenant.
pub async fn deliveries(
    pool: &PgPool,
    slug: &str,
    limit: i64,
) -> Result<Option<Vec<Delivery>>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    type Row = (
        Uuid,
        Uuid,
        String,
        String,
        String,
        i32,
        OffsetDateTime,
        Option<i32>,
        Option<String>,
        Option<i32>,
        Option<OffsetDateTime>,
        OffsetDateTime,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "select d.id, d.event_id, e.type, w.url, d.status, d.tries, d.next_attempt_at,
                d.last_status, d.last_error, d.last_duration_ms, d.last_tried_at, e.at
         from webhook_deliveries d
         join outbox_events e on e.id = d.event_id
         join webhook_endpoints w on w.id = d.endpoint_id
         order by coalesce(d.last_tried_at, e.at) desc, d.id
         limit $1",
    )
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(
        rows.into_iter()
            .filter_map(|r| {
                Some(Delivery {
                    id: r.0,
                    event_id: r.1,
                    kind: r.2,
                    url: r.3,
                    status: DeliveryStatus::parse(&r.4)?,
                    tries: r.5,
                    next_attempt_at: r.6,
                    last_status: r.7,
                    last_error: r.8,
                    last_duration_ms: r.9,
                    last_tried_at: r.10,
                    at: r.11,
                })
            })
            .collect(),
    ))
}
