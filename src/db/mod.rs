//! The only place that speaks SQL: pools, bootstrap, migrations, loading state, the demo seed,
//! the state cache and the embedded PostgreSQL manager.

pub mod accounts;
pub mod audit;
pub mod cache;
pub mod embedded;
mod load;
pub mod proof;
pub mod rehearsal;
mod seed;
pub mod signature;
pub mod snapshot;
pub mod write;

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};

pub use load::{TenantConsole, load_console};
pub use seed::{SeedOutcome, seed_demo};

/// The role the running app connects as: owns nothing, not superuser, no `BYPASSRLS`.
pub const APP_ROLE: &str = "readiness_app";
/// The role that owns the schema and runs migrations.
pub const OWNER_ROLE: &str = "readiness_owner";
/// The database the embedded default creates.
pub const DATABASE: &str = "readiness";

/// Errors of the data layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database answered with an error or could not be reached.
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    /// A migration failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The app role could bypass row-level security.
    #[error(
        "refusing to serve: the database role `{role}` {reason}; connect as a role that owns no \
         table, is not superuser and has no BYPASSRLS (see README, \"Configuration\")"
    )]
    UnsafeRole {
        /// The role name.
        role: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The demo seed could not be prepared.
    #[error("cannot prepare the demo seed: {0}")]
    Seed(String),
    /// The state document did not have the expected shape.
    #[error("the stored state could not be read: {0}")]
    Shape(#[from] serde_json::Error),
}

fn options(url: &str) -> Result<PgConnectOptions, DbError> {
    let options: PgConnectOptions = url.parse()?;
    // Requests are logged by our own spans; sqlx's per-statement lines would repeat them (and
    // could carry evidence text).
    Ok(options.disable_statement_logging())
}

/// A pool for the running app. Short acquire timeout: a database outage answers 503 quickly
/// instead of holding requests.
pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool, DbError> {
    Ok(PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(3))
        .connect_with(options(url)?)
        .await?)
}

/// A pool that connects lazily, so the server can start (and report `/readyz` 503) while the
/// database is still down.
pub fn connect_lazy(url: &str, max_connections: u32) -> Result<PgPool, DbError> {
    Ok(PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(3))
        .connect_lazy_with(options(url)?))
}

/// Applies the migrations; run as the owner role.
pub async fn migrate(owner: &PgPool) -> Result<(), DbError> {
    crate::MIGRATOR.run(owner).await?;
    Ok(())
}

/// Refuses a role that could see past row-level security: a superuser, a `BYPASSRLS` role, or
/// one that owns (or inherits the owner of) any table of the schema.
pub async fn ensure_app_role_is_safe(app: &PgPool) -> Result<(), DbError> {
    let (role, superuser, bypass, owns): (String, bool, bool, bool) = sqlx::query_as(
        "select r.rolname::text, r.rolsuper, r.rolbypassrls,
                exists (select 1 from pg_class c
                        where c.relnamespace = 'public'::regnamespace
                          and c.relkind in ('r', 'p', 'v', 'm')
                          and pg_has_role(current_user, c.relowner, 'USAGE'))
         from pg_roles r where r.rolname = current_user",
    )
    .fetch_one(app)
    .await?;
    let reason = if superuser {
        Some("is a superuser")
    } else if bypass {
        Some("has BYPASSRLS")
    } else if owns {
        Some("owns tables (or inherits their owner)")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(DbError::UnsafeRole { role, reason }),
        None => Ok(()),
    }
}

/// Creates the owner and app roles (idempotently) on a cluster where we are superuser.
pub async fn bootstrap_roles(superuser: &PgPool) -> Result<(), DbError> {
    sqlx::raw_sql(&format!(
        "do $$ begin
           -- Two processes bootstrapping at once queue here instead of both creating a role.
           perform pg_advisory_xact_lock(hashtext('readiness_console.bootstrap_roles'));
           if not exists (select from pg_roles where rolname = '{OWNER_ROLE}') then
             create role {OWNER_ROLE} login;
           end if;
           if not exists (select from pg_roles where rolname = '{APP_ROLE}') then
             create role {APP_ROLE} login nosuperuser nobypassrls nocreatedb nocreaterole;
           end if;
         end $$;"
    ))
    .execute(superuser)
    .await?;
    Ok(())
}

/// Creates `database` owned by the owner role unless it exists. `database` is one of our own
/// fixed or generated names, never user input.
pub async fn create_database(superuser: &PgPool, database: &str) -> Result<(), DbError> {
    let exists: bool =
        sqlx::query_scalar("select exists (select from pg_database where datname = $1)")
            .bind(database)
            .fetch_one(superuser)
            .await?;
    if !exists {
        sqlx::raw_sql(&format!(
            "create database \"{database}\" owner {OWNER_ROLE}"
        ))
        .execute(superuser)
        .await?;
    }
    Ok(())
}

/// Whether the database answers.
pub async fn ping(pool: &PgPool) -> bool {
    sqlx::query("select 1").execute(pool).await.is_ok()
}

/// Enters the tenant with this slug for the rest of the transaction — row-level security then
/// shows only its rows — and returns its id; `None` for an unknown slug.
pub(crate) async fn enter_tenant(
    tx: &mut sqlx::PgConnection,
    slug: &str,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "select set_config('app.tenant_id', id::text, true)::uuid from tenants where slug = $1",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await
}
