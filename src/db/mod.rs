//! The only place that speaks SQL: pools, bootstrap, migrations, loading state, the demo seed,
//! the state cache and the embedded PostgreSQL manager with its supervisor.

pub mod accounts;
pub mod api_keys;
pub mod audit;
pub mod cache;
mod codes;
pub mod doctor;
pub mod embedded;
mod load;
pub mod mail;
pub mod operators;
pub mod outbox;
pub mod people;
pub mod platform;
pub mod profile;
pub(crate) mod programmes;
pub mod proof;
mod queue;
pub mod rehearsal;
mod seed;
pub mod seed_tenants;
pub mod sign_ins;
pub mod signature;
pub mod snapshot;
pub mod sso;
pub mod summary;
pub mod supervisor;
pub mod tenant_list;
pub mod tenants;
pub mod visits;
pub mod webhooks;
pub mod write;

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};

pub use load::{StoredProgramme, TenantConsole, load_console};
pub use seed::{SEED_REQUEST, SeedOutcome, seed_demo};

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
    /// A tenant's stored programme could not be read.
    #[error("the stored programme of {slug} could not be read: {problem}")]
    Programme {
        /// The tenant.
        slug: String,
        /// What could not be read.
        problem: String,
    },
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

/// How long a request waits for a connection of the app's pool, unless `--db-acquire-timeout`
/// says otherwise. Short: during an outage a request answers 503 after this instead of being
/// held.
pub const APP_ACQUIRE_TIMEOUT: Duration = Duration::from_millis(1500);

/// A pool for tools, bootstrapping and tests, which may wait up to 3 s for a connection.
pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool, DbError> {
    Ok(PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(3))
        .connect_with(options(url)?)
        .await?)
}

/// The app role's pool that requests use: it waits `acquire_timeout` at most for a connection
/// (the operator's `--db-acquire-timeout`, [`APP_ACQUIRE_TIMEOUT`] by default).
pub async fn connect_app(
    url: &str,
    max_connections: u32,
    acquire_timeout: Duration,
) -> Result<PgPool, DbError> {
    Ok(app_pool(max_connections, acquire_timeout)
        .connect_with(options(url)?)
        .await?)
}

/// The app role's pool, connecting lazily, so the server can start (and report `/readyz`
/// 503) while the database is still down.
pub fn connect_lazy(
    url: &str,
    max_connections: u32,
    acquire_timeout: Duration,
) -> Result<PgPool, DbError> {
    Ok(app_pool(max_connections, acquire_timeout).connect_lazy_with(options(url)?))
}

/// A connection used this recently is handed out as it is; one idle longer is pinged first.
const TRUSTED_IDLE: Duration = Duration::from_secs(1);

fn app_pool(max_connections: u32, acquire_timeout: Duration) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(acquire_timeout)
        // sqlx pings every connection it hands out, a round trip per request. A connection
        // that answered within the last second is trusted instead; one idle longer (which a
        // database restart may have cut) is still pinged, and replaced when it fails.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for < TRUSTED_IDLE {
                    return Ok(true);
                }
                sqlx::Connection::ping(conn).await.map(|()| true)
            })
        })
}

/// Whether an error says the database cannot be reached (down, restarting, shutting down)
/// rather than that a statement failed: the request answers 503, not 500.
pub fn unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_) => true,
        // Class 08 is "connection exception"; 57P… is the server ending the connection:
        // shutting down (what backends say when their postmaster dies), crashing, or not yet
        // accepting connections.
        sqlx::Error::Database(e) => e
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// Applies the migrations, then defines the functions of `sql/`; run as the owner role.
pub async fn migrate(owner: &PgPool) -> Result<(), DbError> {
    crate::MIGRATOR.run(owner).await?;
    define_functions(owner).await
}

/// The functions defined anew at every start, after the migrations (`sql/`): one file each, so
/// that a change to one is an edit of its file, not a copy of it in a new migration.
const FUNCTIONS: [&str; 1] = [include_str!("../../sql/console_state.sql")];

/// An advisory lock's key, held while the functions are defined: instances starting together
/// replace them one after the other (two at once would fail with "tuple concurrently updated").
const FUNCTIONS_LOCK: i64 = 0x7265_6164_696e_6573;

async fn define_functions(owner: &PgPool) -> Result<(), DbError> {
    let mut tx = owner.begin().await?;
    sqlx::query("select pg_advisory_xact_lock($1)")
        .bind(FUNCTIONS_LOCK)
        .execute(&mut *tx)
        .await?;
    for sql in FUNCTIONS {
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether the database holds any tenant yet; run as the owner role, which sees them all (a
/// new embedded cluster holds none and is given the demo).
pub async fn has_tenants(owner: &PgPool) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar("select exists (select 1 from tenants)")
        .fetch_one(owner)
        .await?)
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
/// shows only its rows — and returns its id; `None` for an unknown slug. The owner also sees
/// purged tenants, whose slug a new one may have taken: the one not deleted comes first.
pub(crate) async fn enter_tenant(
    tx: &mut sqlx::PgConnection,
    slug: &str,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "select set_config('app.tenant_id', id::text, true)::uuid from tenants where slug = $1
         order by deleted_at desc nulls first limit 1",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await
}

/// A transaction in the tenant with this slug ([`enter_tenant`]), for reading it; `None` for an
/// unknown slug.
pub(crate) async fn begin_in<'c>(
    pool: &'c PgPool,
    slug: &str,
) -> Result<Option<sqlx::Transaction<'c, sqlx::Postgres>>, DbError> {
    let mut tx = pool.begin().await?;
    Ok(enter_tenant(&mut tx, slug).await?.map(|_| tx))
}

/// [`enter_tenant`], for a write: only an active tenant is entered (a tenant suspended or
/// being deleted between the request's status check and its write is not written to).
pub(crate) async fn enter_active_tenant(
    tx: &mut sqlx::PgConnection,
    slug: &str,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    sqlx::query_scalar(
        "select set_config('app.tenant_id', id::text, true)::uuid from tenants
         where slug = $1 and status = 'active' and deleted_at is null",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    /// A server error with only a SQLSTATE.
    #[derive(Debug)]
    struct ServerSaid(&'static str);

    impl std::fmt::Display for ServerSaid {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "SQLSTATE {}", self.0)
        }
    }

    impl std::error::Error for ServerSaid {}

    impl sqlx::error::DatabaseError for ServerSaid {
        fn message(&self) -> &str {
            self.0
        }
        fn code(&self) -> Option<Cow<'_, str>> {
            Some(Cow::Borrowed(self.0))
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> sqlx::error::ErrorKind {
            sqlx::error::ErrorKind::Other
        }
    }

    #[test]
    fn an_unreachable_or_restarting_server_is_told_from_a_failed_statement() {
        let server = |code| sqlx::Error::Database(Box::new(ServerSaid(code)));
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let cases = [
            (sqlx::Error::PoolTimedOut, true),
            (sqlx::Error::PoolClosed, true),
            (sqlx::Error::Io(refused), true),
            // The postmaster died under the backend; the server is shutting down; starting up.
            (server("57P01"), true),
            (server("57P02"), true),
            (server("57P03"), true),
            (server("08006"), true),
            // A statement that failed on a server that answers.
            (server("23505"), false),
            (server("57014"), false),
            (server("42P01"), false),
            (sqlx::Error::RowNotFound, false),
        ];
        for (error, expected) in cases {
            assert_eq!(unreachable(&error), expected, "{error}");
        }
    }
}
