//! What the worker's side of both queues (webhook deliveries in [`super::outbox`], mails in
//! [`super::mail`]) shares: claiming due rows under a lease.

use sqlx::PgPool;
use sqlx::postgres::PgRow;
use time::OffsetDateTime;

use super::DbError;

/// Claims up to `limit` rows due at `now`, each for `lease`, by `claim` (a query that calls the
/// queue's claiming function with these three arguments): another worker skips them until the
/// lease runs out (which it does only if this worker dies before settling).
pub(super) async fn claim<T>(
    pool: &PgPool,
    claim: &'static str,
    now: OffsetDateTime,
    lease: std::time::Duration,
    limit: i32,
) -> Result<Vec<T>, DbError>
where
    T: for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin,
{
    let lease = sqlx::postgres::types::PgInterval::try_from(lease)
        .map_err(|e| DbError::Shape(serde::de::Error::custom(e)))?;
    Ok(sqlx::query_as(claim)
        .bind(now)
        .bind(lease)
        .bind(limit)
        .fetch_all(pool)
        .await?)
}
