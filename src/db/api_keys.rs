//! API keys: creating one (with its service account), listing, revoking, and noting when each
//! was last used. Each create and revoke is one transaction with its audit event.

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use super::tenants::Stamp;
use crate::readiness::AuditAction;
use crate::readiness::api_key::{self, KeyName, Scope};

/// A key to create.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// Its name, which names its service account too.
    pub name: KeyName,
    /// What it may do.
    pub scope: Scope,
    /// When it stops working, if ever.
    pub expires_at: Option<OffsetDateTime>,
}

/// A key just created: its text is shown once, and never again.
#[derive(Debug, Clone)]
pub struct Created {
    /// The key's text (`rc_key_…`).
    pub key: String,
    /// The service account it acts as.
    pub actor: String,
}

/// A key as the People page and `api-key list` show it: never its text, nor its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Its name.
    pub name: String,
    /// What it may do.
    pub scope: Scope,
    /// Its public lookup, to tell keys apart (`rc_key_` and these characters begin it).
    pub lookup: String,
    /// Who created it.
    pub created_by: String,
    /// When.
    pub created_at: OffsetDateTime,
    /// When it stops working, if ever.
    pub expires_at: Option<OffsetDateTime>,
    /// When it was last used (to within a minute), if ever.
    pub last_used_at: Option<OffsetDateTime>,
}

/// Why a key was not created or revoked. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The tenant is not active (or does not exist).
    #[error("there is no active tenant {0}")]
    NoTenant(String),
    /// A live key of the tenant has this name.
    #[error("a key named {0} exists already")]
    Exists(String),
    /// No live key of the tenant has this name.
    #[error("there is no key named {0}")]
    Unknown(String),
    /// The expiry is not after now.
    #[error("a key's expiry must be in the future")]
    Expired,
    /// The person may not manage the tenant's keys.
    #[error("only the managing director manages API keys")]
    Forbidden,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for KeyError {
    fn from(error: sqlx::Error) -> Self {
        Self::Db(error.into())
    }
}

/// Who creates or revokes a key: the platform's operator (from the command line, as the owner
/// role), or a person of the tenant, whom the permission table must allow to manage people.
#[derive(Debug, Clone, Copy)]
pub enum KeyAuthor<'a> {
    /// The operator, as the trail names them (`operator:<name>`).
    Operator(&'a str),
    /// A person of the tenant (an actor id), from the People page.
    Person(&'a str),
}

impl<'a> From<&'a str> for KeyAuthor<'a> {
    fn from(name: &'a str) -> Self {
        Self::Operator(name)
    }
}

impl KeyAuthor<'_> {
    pub(crate) fn name(&self) -> &str {
        match self {
            Self::Operator(name) | Self::Person(name) => name,
        }
    }

    /// Inside the tenant's transaction: a person must be allowed to manage people.
    async fn authorise(&self, tx: &mut sqlx::PgConnection) -> Result<(), KeyError> {
        match self {
            Self::Operator(_) => Ok(()),
            Self::Person(actor) => super::write::authorise(
                tx,
                actor,
                crate::readiness::permissions::Action::ManagePeople,
                crate::readiness::permissions::Target::Tenant,
            )
            .await
            .map_err(|_| KeyError::Forbidden),
        }
    }
}

/// Creates a key of the tenant `slug` and its service account, by `by`, with its audit event.
pub async fn create<'a>(
    pool: &PgPool,
    slug: &str,
    key: &NewKey,
    by: impl Into<KeyAuthor<'a>>,
    stamp: &Stamp<'_>,
) -> Result<Created, KeyError> {
    let by = by.into();
    let now = stamp.clock.now();
    if key.expires_at.is_some_and(|at| at <= now) {
        return Err(KeyError::Expired);
    }
    let text = super::tenants::token(api_key::PREFIX)
        .map_err(|e| KeyError::Db(DbError::Shape(serde::de::Error::custom(e))))?;
    let lookup = api_key::lookup_of(&text).unwrap_or_default().to_owned();
    let name = key.name.as_str();
    let actor = key.name.actor();
    let mut tx = pool.begin().await?;
    let tenant = super::enter_active_tenant(&mut tx, slug)
        .await?
        .ok_or_else(|| KeyError::NoTenant(slug.to_owned()))?;
    by.authorise(&mut tx).await?;
    let exists: bool = sqlx::query_scalar(
        "select exists (select from api_keys where name = $1 and revoked_at is null)",
    )
    .bind(name)
    .fetch_one(&mut *tx)
    .await?;
    if exists {
        return Err(KeyError::Exists(name.to_owned()));
    }
    // The service account outlives its keys: a key made again under a revoked one's name acts
    // as the same account, so the trail reads as one history.
    sqlx::query(
        "insert into actors (tenant_id, actor_id, name, unit, role, permissions, position)
         select $1, $2, $3, 'API', 'service', '{}', coalesce(max(position), 0) + 1 from actors
         on conflict (tenant_id, actor_id) do nothing",
    )
    .bind(tenant)
    .bind(&actor)
    .bind(name)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into api_keys (tenant_id, name, actor_id, scope, lookup, sha256, created_by,
                               created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(tenant)
    .bind(name)
    .bind(&actor)
    .bind(key.scope.as_str())
    .bind(&lookup)
    .bind(api_key::sha256_hex(&text))
    .bind(by.name())
    .bind(now)
    .bind(key.expires_at)
    .execute(&mut *tx)
    .await?;
    let target = format!("{name}:{}", key.scope.as_str());
    stamp
        .append(
            &mut tx,
            tenant,
            by.name(),
            (AuditAction::CreateApiKey, &target),
        )
        .await?;
    super::summary::refresh(&mut tx, tenant, slug, stamp.clock).await?;
    tx.commit().await?;
    Ok(Created { key: text, actor })
}

/// The live keys of the tenant `slug`, by name; `None` when there is no such tenant.
pub async fn list(pool: &PgPool, slug: &str) -> Result<Option<Vec<Listed>>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    type Row = (
        String,
        String,
        String,
        String,
        OffsetDateTime,
        Option<OffsetDateTime>,
        Option<OffsetDateTime>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "select name, scope, lookup, created_by, created_at, expires_at, last_used_at
         from api_keys where revoked_at is null order by name",
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(
        rows.into_iter()
            .filter_map(
                |(name, scope, lookup, created_by, created_at, expires_at, used)| {
                    Some(Listed {
                        name,
                        scope: Scope::parse(&scope)?,
                        lookup,
                        created_by,
                        created_at,
                        expires_at,
                        last_used_at: used,
                    })
                },
            )
            .collect(),
    ))
}

/// Revokes the live key named `name` of the tenant `slug`, by `by`, with its audit event: it
/// stops working at once (every instance's cached state is dropped by the change).
pub async fn revoke<'a>(
    pool: &PgPool,
    slug: &str,
    name: &str,
    by: impl Into<KeyAuthor<'a>>,
    stamp: &Stamp<'_>,
) -> Result<(), KeyError> {
    let by = by.into();
    let mut tx = pool.begin().await?;
    let tenant = super::enter_active_tenant(&mut tx, slug)
        .await?
        .ok_or_else(|| KeyError::NoTenant(slug.to_owned()))?;
    by.authorise(&mut tx).await?;
    let revoked = sqlx::query(
        "update api_keys set revoked_at = $2, revoked_by = $3
         where name = $1 and revoked_at is null",
    )
    .bind(name)
    .bind(stamp.clock.now())
    .bind(by.name())
    .execute(&mut *tx)
    .await?;
    if revoked.rows_affected() != 1 {
        return Err(KeyError::Unknown(name.to_owned()));
    }
    stamp
        .append(
            &mut tx,
            tenant,
            by.name(),
            (AuditAction::RevokeApiKey, name),
        )
        .await?;
    super::summary::refresh(&mut tx, tenant, slug, stamp.clock).await?;
    tx.commit().await?;
    Ok(())
}

/// Notes that the key `id` of the tenant `slug` was used at `at`.
pub async fn touch(pool: &PgPool, slug: &str, id: Uuid, at: OffsetDateTime) -> Result<(), DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, slug).await?.is_some() {
        sqlx::query("update api_keys set last_used_at = $2 where id = $1")
            .bind(id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Which tenant holds the live key with this lookup and hash at `now`, if any.
pub async fn tenant_of(
    pool: &PgPool,
    lookup: &str,
    sha256: &str,
    now: OffsetDateTime,
) -> Result<Option<String>, DbError> {
    Ok(sqlx::query_scalar("select api_key_tenant($1, $2, $3)")
        .bind(lookup)
        .bind(sha256)
        .bind(now)
        .fetch_one(pool)
        .await?)
}
