//! The subcommands: connect (starting the embedded cluster when there is no DATABASE_URL),
//! migrate, seed, serve, and stop cleanly.

use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;
use time::OffsetDateTime;

use crate::config::{Cli, Command, ServeArgs};
use crate::db::{self, SeedOutcome, embedded::EmbeddedPostgres};
use crate::web::{self, AppState};

/// The database the process works with.
struct Database {
    app: PgPool,
    owner: Option<PgPool>,
    embedded: Option<EmbeddedPostgres>,
}

impl Database {
    /// Starts the embedded cluster (bootstrapping roles and database) or connects to
    /// DATABASE_URL.
    async fn open(cli: &Cli, options: Vec<String>, pool_size: u32) -> anyhow::Result<Self> {
        let Some(url) = &cli.database_url else {
            return Self::embedded(cli, options, pool_size).await;
        };
        let owner = match &cli.migration_database_url {
            Some(owner) => Some(
                db::connect(owner.expose(), 2)
                    .await
                    .context("cannot connect with MIGRATION_DATABASE_URL")?,
            ),
            None => None,
        };
        Ok(Self {
            app: db::connect_lazy(url.expose(), pool_size)?,
            owner,
            embedded: None,
        })
    }

    async fn embedded(cli: &Cli, options: Vec<String>, pool_size: u32) -> anyhow::Result<Self> {
        let data_dir = cli.data_dir.clone();
        let pg = tokio::task::spawn_blocking(move || {
            let pg = EmbeddedPostgres::open(&data_dir, options)?;
            pg.start()?;
            Ok::<_, db::embedded::EmbeddedError>(pg)
        })
        .await??;
        tracing::info!(data_dir = %cli.data_dir.display(), "embedded PostgreSQL started");
        let connected = async {
            let superuser = db::connect(&pg.url(db::embedded::SUPERUSER, "postgres"), 1).await?;
            db::bootstrap_roles(&superuser).await?;
            db::create_database(&superuser, db::DATABASE).await?;
            superuser.close().await;
            let owner = db::connect(&pg.url(db::OWNER_ROLE, db::DATABASE), 2).await?;
            let app = db::connect(&pg.url(db::APP_ROLE, db::DATABASE), pool_size).await?;
            Ok::<_, db::DbError>((owner, app))
        }
        .await;
        match connected {
            Ok((owner, app)) => Ok(Self {
                app,
                owner: Some(owner),
                embedded: Some(pg),
            }),
            Err(error) => {
                stop_embedded(pg).await;
                Err(error.into())
            }
        }
    }

    fn owner(&self) -> anyhow::Result<&PgPool> {
        self.owner
            .as_ref()
            .context("this needs the owner role: set MIGRATION_DATABASE_URL next to DATABASE_URL")
    }

    async fn close(self) {
        self.app.close().await;
        if let Some(owner) = self.owner {
            owner.close().await;
        }
        if let Some(pg) = self.embedded {
            stop_embedded(pg).await;
        }
    }
}

async fn stop_embedded(pg: EmbeddedPostgres) {
    match tokio::task::spawn_blocking(move || pg.stop()).await {
        Ok(Ok(())) => tracing::info!("embedded PostgreSQL stopped"),
        Ok(Err(error)) => tracing::error!(%error, "embedded PostgreSQL did not stop cleanly"),
        Err(error) => tracing::error!(%error, "embedded PostgreSQL stop task failed"),
    }
}

/// Runs the chosen subcommand.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Serve(args) => serve(&cli, args).await,
        Command::Migrate => {
            let db = Database::open(&cli, Vec::new(), 1).await?;
            let result = async { db::migrate(db.owner()?).await.map_err(Into::into) }.await;
            db.close().await;
            result.map(|()| tracing::info!("migrations applied"))
        }
        Command::SeedDemo => {
            let db = Database::open(&cli, Vec::new(), 1).await?;
            let result = async {
                let owner = db.owner()?;
                db::migrate(owner).await?;
                Ok::<_, anyhow::Error>(db::seed_demo(owner, OffsetDateTime::now_utc()).await?)
            }
            .await;
            db.close().await;
            match result? {
                SeedOutcome::Created => tracing::info!("demo tenant created"),
                SeedOutcome::AlreadyPresent => {
                    tracing::info!("the demo tenant exists already; nothing was changed");
                }
            }
            Ok(())
        }
        Command::VerifyAudit { tenant } => {
            let db = Database::open(&cli, Vec::new(), 1).await?;
            let pool = db.owner.clone().unwrap_or_else(|| db.app.clone());
            let result = db::audit::verify(&pool, tenant).await;
            db.close().await;
            match result? {
                None => anyhow::bail!("there is no tenant {tenant}"),
                Some(db::audit::Verification::Intact { events, head_hash }) => {
                    use std::io::Write as _;
                    writeln!(
                        std::io::stdout(),
                        "audit chain of {tenant} intact: {events} events, head {}",
                        if head_hash.is_empty() {
                            "-"
                        } else {
                            &head_hash
                        }
                    )?;
                    Ok(())
                }
                Some(db::audit::Verification::Broken { seq, reason }) => {
                    anyhow::bail!("audit chain of {tenant} broken at event #{seq}: {reason}")
                }
            }
        }
    }
}

async fn serve(cli: &Cli, args: &ServeArgs) -> anyhow::Result<()> {
    let db = Database::open(cli, args.postgres_options.clone(), args.pool_size).await?;
    let result = serve_on(&db, args).await;
    db.close().await;
    result
}

async fn serve_on(db: &Database, args: &ServeArgs) -> anyhow::Result<()> {
    if let Some(owner) = &db.owner {
        db::migrate(owner).await?;
        if db.embedded.is_some() {
            let tenants: i64 = sqlx::query_scalar("select count(*) from tenants")
                .fetch_one(owner)
                .await?;
            if tenants == 0 {
                db::seed_demo(owner, OffsetDateTime::now_utc()).await?;
                tracing::info!("the database was empty: demo tenant created");
            }
        }
    }
    wait_for_database(&db.app).await;
    db::ensure_app_role_is_safe(&db.app).await?;

    let mut state = AppState::new(db.app.clone());
    state.bench_baseline = args.bench_baseline;
    state.https = args.https;
    // Expired sessions are deleted hourly; an expired one is never accepted meanwhile.
    let cleanup = tokio::spawn(
        tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
            tower_sessions_sqlx_store::PostgresStore::new(db.app.clone()),
            tokio::time::Duration::from_secs(3600),
        ),
    );
    // Without the listener the cache never goes live: every request loads and evaluates.
    let listener_task = (!args.no_state_cache).then(|| state.spawn_listener());
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    tracing::info!(
        "serving the console on http://{}/t/{}",
        args.bind,
        crate::readiness::demo::SLUG
    );
    axum::serve(
        listener,
        web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    cleanup.abort();
    if let Some(task) = listener_task {
        task.abort();
    }
    tracing::info!("stopped serving");
    Ok(())
}

async fn wait_for_database(pool: &PgPool) {
    while !db::ping(pool).await {
        tracing::warn!("waiting for the database to answer");
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested");
}
