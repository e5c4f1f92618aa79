//! Accounts, looked up inside their tenant.

use sqlx::PgPool;

use super::DbError;

/// What sign-in needs of an account.
#[derive(Debug, Clone)]
pub struct Account {
    /// The actor it signs in as.
    pub actor_id: String,
    /// The argon2id PHC string; `None` for an account that signs in through the identity
    /// provider only.
    pub password_hash: Option<String>,
    /// Whether it may sign in (its status is `active`).
    pub active: bool,
}

/// The account with this username in the tenant with this slug.
pub async fn find(pool: &PgPool, tenant: &str, username: &str) -> Result<Option<Account>, DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, tenant).await?.is_none() {
        return Ok(None);
    }
    let row: Option<(String, Option<String>, bool)> = sqlx::query_as(
        "select actor_id, password_hash, status = 'active' from accounts where username = $1",
    )
    .bind(username)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(row.map(|(actor_id, password_hash, active)| Account {
        actor_id,
        password_hash,
        active,
    }))
}

/// The password hash of the account of `actor` in the tenant with this slug (`None` for an
/// account without a password, or no account).
pub async fn password_of(
    pool: &PgPool,
    tenant: &str,
    actor: &str,
) -> Result<Option<String>, DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, tenant).await?.is_none() {
        return Ok(None);
    }
    let hash: Option<Option<String>> =
        sqlx::query_scalar("select password_hash from accounts where actor_id = $1")
            .bind(actor)
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(hash.flatten())
}
