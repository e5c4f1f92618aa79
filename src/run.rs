//! The subcommands: connect (starting the embedded cluster when there is no DATABASE_URL),
//! migrate, seed, serve, and stop cleanly.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;

use crate::chain::Verification;
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::config::{Cli, Command, OperatorCommand, ProgrammeCommand, ServeArgs, ServeConfig};
use crate::db::supervisor::{self, Supervisor};
use crate::db::{self, SeedOutcome, embedded::EmbeddedPostgres};
use crate::readiness::{RehearsalKind, RunState};
use crate::web::{self, AppState};

mod api_key;
mod operator;
mod tenant;
mod webhook;

/// What an operator's command runs with: the owner role's pool (through a serving console's
/// server when one holds the data directory), the audit key, and a request id of its own.
struct OperatorRun<'a> {
    owner: &'a PgPool,
    key: &'a CheckpointKey,
    request_id: &'a str,
}

/// Opens the database as [`OperatorRun`] for `work`, and closes it after, whatever `work` did.
async fn as_operator<T>(
    cli: &Cli,
    clock: &Clock,
    work: impl AsyncFnOnce(OperatorRun<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let db = Database::open_or_attach(cli).await?;
    let result = async {
        db.prepare(cli, clock).await?;
        let key = CheckpointKey::load_or_create(&cli.audit_key_path())?;
        let request_id = format!("cli-{}", uuid::Uuid::new_v4());
        work(OperatorRun {
            owner: db.owner()?,
            key: &key,
            request_id: &request_id,
        })
        .await
    }
    .await;
    db.close().await;
    result
}

/// How the embedded server and the app's pool are set up: `serve` says; a tool takes the
/// defaults and a connection or two.
struct Setup {
    /// Extra `name=value` settings of the embedded server.
    postgres_options: Vec<String>,
    /// Connections of the app's pool.
    pool_size: u32,
    /// How long the app's pool makes a caller wait for a connection.
    acquire_timeout: Duration,
}

impl Setup {
    fn tool(pool_size: u32) -> Self {
        Self {
            postgres_options: Vec::new(),
            pool_size,
            acquire_timeout: db::APP_ACQUIRE_TIMEOUT,
        }
    }

    fn serve(args: &ServeArgs) -> Self {
        Self {
            postgres_options: args.postgres_options.clone(),
            pool_size: args.pool_size,
            acquire_timeout: args.db_acquire_timeout.0,
        }
    }
}

/// The database the process works with.
pub(crate) struct Database {
    pub(crate) app: PgPool,
    pub(crate) owner: Option<PgPool>,
    embedded: Option<Arc<EmbeddedPostgres>>,
    supervisor: Option<Supervisor>,
    /// Reached through the server of a console that serves the same data directory: not ours
    /// to migrate, seed or stop.
    attached: bool,
}

impl Database {
    /// Starts the embedded cluster (bootstrapping roles and database) or connects to
    /// DATABASE_URL.
    async fn open(cli: &Cli, setup: Setup) -> anyhow::Result<Self> {
        let Some(url) = &cli.database_url else {
            return Self::embedded(cli, setup, false).await;
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
            app: db::connect_lazy(url.expose(), setup.pool_size, setup.acquire_timeout)?,
            owner,
            embedded: None,
            supervisor: None,
            attached: false,
        })
    }

    /// [`Database::open`] for a tool that only reads (`verify-audit`): when the embedded data
    /// directory is held by a console that is serving, its running server is used instead —
    /// over its socket, as the owner role — and nothing is started, migrated or seeded.
    pub(crate) async fn open_or_attach(cli: &Cli) -> anyhow::Result<Self> {
        if cli.database_url.is_some() {
            return Self::open(cli, Setup::tool(1)).await;
        }
        Self::embedded(cli, Setup::tool(1), true).await
    }

    async fn embedded(cli: &Cli, setup: Setup, attach: bool) -> anyhow::Result<Self> {
        use db::embedded::{EmbeddedError, RunningServer};
        let data_dir = cli.data_dir.clone();
        let binaries = cli.postgres_bin.clone();
        let options = setup.postgres_options;
        let started = tokio::task::spawn_blocking(move || {
            let pg = EmbeddedPostgres::open_with(&data_dir, options, binaries.as_deref())?;
            pg.start()?;
            Ok::<_, EmbeddedError>(Arc::new(pg))
        })
        .await?;
        let pg = match started {
            Ok(pg) => pg,
            Err(EmbeddedError::InUse(dir)) if attach => {
                let server = RunningServer::find(&dir)?;
                let owner = db::connect(&server.url(db::OWNER_ROLE, db::DATABASE), 1).await?;
                tracing::info!(
                    data_dir = %dir.display(),
                    "a serving console holds the data directory: reading through its server"
                );
                return Ok(Self {
                    app: owner.clone(),
                    owner: Some(owner),
                    embedded: None,
                    supervisor: None,
                    attached: true,
                });
            }
            Err(error) => return Err(error.into()),
        };
        tracing::info!(data_dir = %cli.data_dir.display(), "embedded PostgreSQL started");
        let connected = async {
            let superuser = db::connect(&pg.url(db::embedded::SUPERUSER, "postgres"), 1).await?;
            db::bootstrap_roles(&superuser).await?;
            db::create_database(&superuser, db::DATABASE).await?;
            superuser.close().await;
            let owner = db::connect(&pg.url(db::OWNER_ROLE, db::DATABASE), 2).await?;
            let app = db::connect_app(
                &pg.url(db::APP_ROLE, db::DATABASE),
                setup.pool_size,
                setup.acquire_timeout,
            )
            .await?;
            Ok::<_, db::DbError>((owner, app))
        }
        .await;
        match connected {
            Ok((owner, app)) => Ok(Self {
                app,
                owner: Some(owner),
                embedded: Some(pg),
                supervisor: None,
                attached: false,
            }),
            Err(error) => {
                stop_embedded(pg).await;
                Err(error.into())
            }
        }
    }

    /// Migrates (when the owner role is at hand) and, on a new embedded cluster, creates the
    /// demo tenant, its events signed with the audit key (created on first use) and stamped by
    /// `clock`. A serving console's database is its own business: left as it is.
    pub(crate) async fn prepare(&self, cli: &Cli, clock: &Clock) -> anyhow::Result<()> {
        if self.attached {
            return Ok(());
        }
        if let Some(owner) = &self.owner {
            db::migrate(owner).await?;
            if self.embedded.is_some() && !db::has_tenants(owner).await? {
                let key = CheckpointKey::load_or_create(&cli.audit_key_path())?;
                db::seed_demo(owner, &key, clock).await?;
                tracing::info!("the database was empty: demo tenant created");
            }
            let stored = db::summary::backfill(owner, clock).await?;
            if stored > 0 {
                tracing::info!(tenants = stored, "stored the summaries tenants lacked");
            }
        }
        Ok(())
    }

    pub(crate) fn owner(&self) -> anyhow::Result<&PgPool> {
        self.owner
            .as_ref()
            .context("this needs the owner role: set MIGRATION_DATABASE_URL next to DATABASE_URL")
    }

    /// Restarts the embedded server whenever it exits, until [`Database::close`]. A server
    /// named by DATABASE_URL is someone else's: nothing restarts it.
    fn supervise(&mut self) {
        if let Some(pg) = &self.embedded {
            self.supervisor = Some(Supervisor::spawn(pg.clone(), supervisor::Policy::default()));
        }
    }

    pub(crate) async fn close(self) {
        // First, or the supervisor would start the server again as it stops.
        if let Some(supervisor) = self.supervisor {
            supervisor.stop().await;
        }
        self.app.close().await;
        if let Some(owner) = self.owner {
            owner.close().await;
        }
        if let Some(pg) = self.embedded {
            stop_embedded(pg).await;
        }
    }
}

async fn stop_embedded(pg: Arc<EmbeddedPostgres>) {
    match tokio::task::spawn_blocking(move || pg.stop()).await {
        Ok(Ok(())) => tracing::info!("embedded PostgreSQL stopped"),
        Ok(Err(error)) => tracing::error!(%error, "embedded PostgreSQL did not stop cleanly"),
        Err(error) => tracing::error!(%error, "embedded PostgreSQL stop task failed"),
    }
}

/// Runs the chosen subcommand, telling the time by `clock`.
pub async fn run(cli: Cli, clock: Clock) -> anyhow::Result<()> {
    match &cli.command {
        Command::Serve(args) => serve(&cli, args, clock).await,
        Command::Migrate => {
            let db = Database::open(&cli, Setup::tool(1)).await?;
            let result = async { db::migrate(db.owner()?).await.map_err(Into::into) }.await;
            db.close().await;
            result.map(|()| tracing::info!("migrations applied"))
        }
        Command::SeedDemo { tenants } => {
            let db = Database::open(&cli, Setup::tool(1)).await?;
            let result = async {
                let owner = db.owner()?;
                db::migrate(owner).await?;
                let key = CheckpointKey::load_or_create(&cli.audit_key_path())?;
                let outcome = db::seed_demo(owner, &key, &clock).await?;
                if *tenants > 0 {
                    let started = std::time::Instant::now();
                    let seeded =
                        db::seed_tenants::seed_tenants(owner, &key, &clock, *tenants, |n| {
                            if n % 1000 == 0 {
                                tracing::info!(tenants = n, "demo tenants seeded");
                            }
                        })
                        .await?;
                    tracing::info!(
                        created = seeded.created,
                        present = seeded.present,
                        seconds = started.elapsed().as_secs_f64(),
                        "demo tenants seeded"
                    );
                }
                Ok::<_, anyhow::Error>(outcome)
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
        Command::VerifyAudit {
            tenant,
            platform,
            checkpoints,
            public_key,
            require_signed_head,
        } => {
            let demands = Demands {
                public_key: public_key.as_deref(),
                require_signed_head: *require_signed_head,
            };
            match tenant {
                Some(tenant) if !*platform => {
                    verify_audit(&cli, &clock, tenant, checkpoints.as_deref(), demands).await
                }
                _ => verify_platform(&cli, &clock, demands.public_key).await,
            }
        }
        Command::Tenant { command, by } => tenant::run(&cli, &clock, command, &by.operator).await,
        Command::ApiKey { command, by } => api_key::run(&cli, &clock, command, &by.operator).await,
        Command::Webhook { command, by } => webhook::run(&cli, &clock, command, &by.operator).await,
        // `main` runs the gate itself, for its exit codes.
        Command::Gate(args) => match crate::gate::run(args).await {
            code if code == std::process::ExitCode::SUCCESS => Ok(()),
            _ => anyhow::bail!("not GO"),
        },
        Command::Doctor => operator::doctor(&cli, &clock).await,
        Command::Operator {
            command: OperatorCommand::Create { username },
        } => operator::create(&cli, &clock, username).await,
        Command::VerifyBundle {
            file,
            public_key,
            require_signed_head,
        } => verify_bundle(
            file,
            Demands {
                public_key: public_key.as_deref(),
                require_signed_head: *require_signed_head,
            },
        ),
        Command::Rehearse {
            kind,
            tenant,
            actor,
        } => rehearse(&cli, &clock, *kind, tenant, actor).await,
        Command::Programme {
            action: ProgrammeCommand::Check { file, lang },
        } => crate::programme_cli::check(file, lang.as_deref()),
        Command::ImportSnapshot {
            tenant,
            file,
            actor,
            freeze,
        } => import_snapshot(&cli, &clock, tenant, file, actor, *freeze).await,
    }
}

/// `import-snapshot`: the same checks and writes as the snapshot page, as `actor`.
async fn import_snapshot(
    cli: &Cli,
    clock: &Clock,
    tenant: &str,
    file: &std::path::Path,
    actor: &str,
    freeze: bool,
) -> anyhow::Result<()> {
    use crate::db::write::{Author, WriteError};
    use crate::readiness::scenario;
    use std::io::Write as _;
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    // Refused before reading it whole.
    if size > scenario::MAX_BYTES as u64 {
        anyhow::bail!(
            "{} is {size} bytes: the limit is {} bytes",
            file.display(),
            scenario::MAX_BYTES
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let parsed = match scenario::parse(&bytes, tenant) {
        Ok(parsed) => parsed,
        Err(problems) => {
            let mut err = std::io::stderr();
            for p in &problems {
                let args: Vec<String> = p
                    .problem
                    .args()
                    .into_iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                writeln!(
                    err,
                    "{}:{}: {} {}",
                    file.display(),
                    p.line,
                    p.problem.code(),
                    args.join(" ")
                )?;
            }
            anyhow::bail!(
                "{} was refused ({} problems); nothing was stored",
                file.display(),
                problems.len()
            );
        }
    };
    let db = Database::open(cli, Setup::tool(1)).await?;
    let prepared = db.prepare(cli, clock).await;
    let key =
        match prepared.and_then(|()| Ok(CheckpointKey::load_or_create(&cli.audit_key_path())?)) {
            Ok(key) => key,
            Err(error) => {
                db.close().await;
                return Err(error);
            }
        };
    let request_id = format!("cli-{}", uuid::Uuid::new_v4());
    let author = Author {
        tenant,
        actor,
        request_id: &request_id,
        key: &key,
        clock,
    };
    let result = async {
        let upload = db::snapshot::Upload {
            sha256: &crate::bundle::sha256(&bytes),
            bytes: bytes.len(),
        };
        db::snapshot::import(&db.app, &author, uuid::Uuid::new_v4(), upload, &parsed).await?;
        if freeze {
            let id: i64 = db::snapshot::history(&db.app, tenant)
                .await?
                .imports
                .first()
                .map(|i| i.id)
                .ok_or(WriteError::NotFound)?;
            db::snapshot::freeze(&db.app, &author, uuid::Uuid::new_v4(), id).await?;
        }
        Ok::<_, WriteError>(())
    }
    .await;
    db.close().await;
    match result {
        Ok(()) => {}
        Err(WriteError::Forbidden) => {
            anyhow::bail!(
                "{actor} may not import snapshots of {tenant}: only the managing director and the dispatcher may"
            )
        }
        Err(WriteError::NotFound) => anyhow::bail!("there is no tenant {tenant}"),
        Err(WriteError::WithdrawUnconfirmed) => anyhow::bail!(
            "the import was stored, but freezing it would withdraw the GO signature of {tenant}: \
             freeze it from the snapshot page, which asks to confirm"
        ),
        Err(error) => return Err(error.into()),
    }
    writeln!(
        std::io::stdout(),
        "{}: {} rows imported for {tenant}, checksum {}{}",
        file.display(),
        parsed.rows(),
        parsed.checksum(),
        if freeze {
            ", frozen as a new snapshot version"
        } else {
            ""
        }
    )?;
    Ok(())
}

/// `rehearse`: the same run as the page's button, awaited, with its steps printed.
async fn rehearse(
    cli: &Cli,
    clock: &Clock,
    kind: RehearsalKind,
    tenant: &str,
    actor: &str,
) -> anyhow::Result<()> {
    use crate::db::rehearsal::{Runner, StartError};
    use std::io::Write as _;
    let db = Database::open(cli, Setup::tool(2)).await?;
    let result = async {
        db.prepare(cli, clock).await?;
        let runner = Runner {
            tenant: tenant.to_owned(),
            actor: actor.to_owned(),
            request_id: format!("cli-{}", uuid::Uuid::new_v4()),
            key: Arc::new(CheckpointKey::load_or_create(&cli.audit_key_path())?),
            clock: clock.clone(),
            secrets: Arc::new(cli.secret_policy()),
        };
        let limits = cli.rehearsal_limits();
        match db::rehearsal::start(&db.app, &runner, kind, limits).await {
            Ok((_, work)) => work.await,
            Err(StartError::Refused(refusal)) => {
                anyhow::bail!("the {kind} run was refused: {}", refusal.as_str())
            }
            Err(StartError::Forbidden) => anyhow::bail!(
                "{actor} may not run rehearsals of {tenant}: only the managing director and the dispatcher may"
            ),
            Err(StartError::WithdrawUnconfirmed) => anyhow::bail!(
                "production of {tenant} is signed GO and this run could withdraw the signature: \
                 run it from the rehearsal page, which asks to confirm"
            ),
            Err(error) => return Err(error.into()),
        }
        let run = db::rehearsal::run_row(&db.app, tenant, None, Some(kind))
            .await?
            .context("the run was not recorded")?;
        let mut out = std::io::stdout();
        for step in &run.transcript.0 {
            writeln!(
                out,
                "{:<36} {:<7} {} ({} ms)",
                step.item,
                RunState::finished(step.passed).as_str(),
                step.reason,
                step.duration_ms
            )?;
        }
        writeln!(out, "{kind} run #{}: {}", run.id, run.state)?;
        if run.state == RunState::Passed {
            Ok(())
        } else {
            anyhow::bail!("the {kind} run did not pass")
        }
    }
    .await;
    db.close().await;
    result
}

/// What the reader of `verify-bundle` and `verify-audit` demands beyond an intact chain.
#[derive(Debug, Clone, Copy)]
struct Demands<'a> {
    /// The key to trust, as shown on the audit page.
    public_key: Option<&'a str>,
    /// The head itself must be covered by a signed checkpoint.
    require_signed_head: bool,
}

/// `verify-bundle`: needs no database.
fn verify_bundle(file: &std::path::Path, demands: Demands<'_>) -> anyhow::Result<()> {
    use std::io::Write as _;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut report = crate::bundle::verify(&bytes, demands.public_key);
    if demands.require_signed_head {
        report.require_signed_head();
    }
    let mut out = std::io::stdout();
    writeln!(
        out,
        "{}: {} files match SHA256SUMS",
        file.display(),
        report.files_ok
    )?;
    if let Some(chain @ Verification::Intact { signatures, .. }) = &report.chain {
        writeln!(out, "{}", chain_sentence("audit chain", chain))?;
        let key = match demands.public_key {
            Some(key) => format!("the public key given, {key}"),
            None => format!(
                "the public key the bundle carries, {} (pass --public-key with the key shown \
                 on the audit page: a forger who re-signs passes under their own key)",
                report.carried_key
            ),
        };
        writeln!(out, "{}", signatures_sentence(*signatures, &key))?;
        if let Some(sentence) = coverage_sentence(chain) {
            writeln!(out, "{sentence}")?;
        }
    }
    if report.ok() {
        writeln!(out, "{} passed", file.display())?;
        return Ok(());
    }
    for problem in &report.problems {
        writeln!(std::io::stderr(), "{problem}")?;
    }
    anyhow::bail!(
        "{} does not verify ({} problems)",
        file.display(),
        report.problems.len()
    )
}

/// What became of the chain `subject` names: intact (with its events, head, signed
/// checkpoints and any unsigned events) or broken (where, and why).
fn chain_sentence(subject: &str, chain: &Verification) -> String {
    match chain {
        Verification::Intact {
            events,
            head_hash,
            checkpoints,
            unsigned,
            ..
        } => format!(
            "{subject} intact: {events} events, head {}, {checkpoints} signed checkpoints{}",
            if head_hash.is_empty() { "-" } else { head_hash },
            unsigned_note(*unsigned)
        ),
        Verification::Broken { seq, reason } => {
            format!("{subject} broken at event #{seq}: {reason}")
        }
    }
}

/// How many signatures (events' and checkpoints') were checked, and under which key.
fn signatures_sentence(signatures: i64, key: &str) -> String {
    if signatures == 0 {
        format!("no signature was checked under {key}")
    } else {
        format!("{signatures} signatures checked under {key}")
    }
}

/// Whether the head is checkpointed, or which events no checkpoint covers.
fn coverage_sentence(chain: &Verification) -> Option<String> {
    match (chain.unpinned(), chain) {
        (Some((first, last)), _) => Some(crate::chain::unpinned_sentence(first, last)),
        (None, Verification::Intact { events, .. }) if *events > 0 => Some(format!(
            "the head, event #{events}, is covered by a signed checkpoint"
        )),
        _ => None,
    }
}

/// `verify-audit`: the chain against itself, its head, its checkpoints and any kept elsewhere,
/// under the public key given or that of the configured signing key; and every record of the
/// state against its event. On the embedded default it reads through the running console's
/// server when one serves the data directory.
async fn verify_audit(
    cli: &Cli,
    clock: &Clock,
    tenant: &str,
    kept: Option<&std::path::Path>,
    demands: Demands<'_>,
) -> anyhow::Result<()> {
    use std::io::Write as _;
    let kept = match kept {
        Some(path) => crate::bundle::read_checkpoints(
            &std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?,
        )
        .map_err(|e| anyhow::anyhow!("{} is not a checkpoints file: {e}", path.display()))?,
        None => Vec::new(),
    };
    let key_path = cli.audit_key_path();
    let db = Database::open_or_attach(cli).await?;
    let pool = db.owner.clone().unwrap_or_else(|| db.app.clone());
    let result = async {
        // Preparing a new embedded cluster seeds the demo, creating the key: read it after.
        db.prepare(cli, clock).await?;
        let trusted = match demands.public_key {
            Some(key) => Some((key.to_owned(), "the public key given".to_owned())),
            None if key_path.exists() => Some((
                CheckpointKey::load_or_create(&key_path)?.public_hex(),
                format!("the public key of {}", key_path.display()),
            )),
            None => None,
        };
        let trusted_key = trusted.as_ref().map(|(key, _)| key.as_str());
        let verdict = db::audit::verify_with_records(&pool, tenant, trusted_key, &kept).await?;
        Ok::<_, anyhow::Error>((verdict, trusted))
    }
    .await;
    db.close().await;
    let (verdict, trusted) = result?;
    let Some(verdict) = verdict else {
        anyhow::bail!("there is no tenant {tenant}");
    };
    let mut out = std::io::stdout();
    let mut failures = Vec::new();
    match &verdict.chain {
        chain @ Verification::Intact { signatures, .. } => {
            writeln!(
                out,
                "{}{}",
                chain_sentence(&format!("audit chain of {tenant}"), chain),
                if trusted.is_some() {
                    ""
                } else {
                    " (no signing key here: checkpoints checked against their own key, event \
                     signatures only for being there)"
                }
            )?;
            if let Some((key, whose)) = &trusted {
                writeln!(
                    out,
                    "{}",
                    signatures_sentence(*signatures, &format!("{whose}, {key}"))
                )?;
                if *signatures == 0 {
                    failures.push(format!(
                        "nothing in the audit chain of {tenant} is signed: no signature to \
                         check under {whose}"
                    ));
                }
            }
            if let Some(sentence) = coverage_sentence(chain) {
                writeln!(out, "{sentence}")?;
            }
            if demands.require_signed_head && !chain.head_is_signed() {
                failures.push(match chain.unpinned() {
                    Some((first, last)) => format!(
                        "the head of {tenant}, event #{last}, is covered by no signed checkpoint: \
                         {}",
                        crate::chain::unpinned_sentence(first, last)
                    ),
                    None => format!("the audit chain of {tenant} has no events: no head is signed"),
                });
            }
        }
        broken @ Verification::Broken { .. } => {
            failures.push(chain_sentence(&format!("audit chain of {tenant}"), broken));
        }
    }
    if verdict.unaccounted.is_empty() {
        writeln!(
            out,
            "every acceptance, decision, revocation, probe result and sign-off of {tenant} has \
             its audit event, and every such event its record"
        )?;
    } else {
        let listed: Vec<String> = verdict
            .unaccounted
            .iter()
            .map(ToString::to_string)
            .collect();
        failures.push(format!(
            "records of {tenant} the audit chain does not account for: {}",
            listed.join(", ")
        ));
    }
    if failures.is_empty() {
        return Ok(());
    }
    anyhow::bail!("{}", failures.join("; "))
}

/// `verify-audit --platform`: the platform chain of tenant events, under the public key given
/// or that of the configured signing key. Reads through a serving console's server like
/// `verify-audit`.
async fn verify_platform(cli: &Cli, clock: &Clock, public_key: Option<&str>) -> anyhow::Result<()> {
    use std::io::Write as _;
    let key_path = cli.audit_key_path();
    let db = Database::open_or_attach(cli).await?;
    let result = async {
        db.prepare(cli, clock).await?;
        let pool = db.owner()?;
        let trusted = match public_key {
            Some(key) => Some(key.to_owned()),
            None if key_path.exists() => {
                Some(CheckpointKey::load_or_create(&key_path)?.public_hex())
            }
            None => None,
        };
        Ok::<_, anyhow::Error>((
            db::platform::verify(pool, trusted.as_deref()).await?,
            trusted,
        ))
    }
    .await;
    db.close().await;
    let (verdict, trusted) = result?;
    match verdict {
        Verification::Intact {
            events,
            head_hash,
            signatures,
            ..
        } => {
            let mut out = std::io::stdout();
            writeln!(
                out,
                "platform chain intact: {events} events, head {}",
                if head_hash.is_empty() {
                    "-"
                } else {
                    &head_hash
                }
            )?;
            match trusted {
                Some(key) => writeln!(
                    out,
                    "{}",
                    signatures_sentence(signatures, &format!("the public key {key}"))
                )?,
                None => writeln!(
                    out,
                    "no signing key here: event signatures were checked only for being there"
                )?,
            }
            Ok(())
        }
        Verification::Broken { seq, reason } => {
            anyhow::bail!("platform chain broken at tenant event #{seq}: {reason}")
        }
    }
}

/// What a verdict adds about events recorded before events were signed.
fn unsigned_note(unsigned: i64) -> String {
    if unsigned == 0 {
        String::new()
    } else {
        format!(
            "; events #1 to #{unsigned} were recorded before events were signed: only the hash \
             chain and the checkpoints vouch for them"
        )
    }
}

async fn serve(cli: &Cli, args: &ServeArgs, clock: Clock) -> anyhow::Result<()> {
    let config = cli.serve_config(args);
    let mut db = Database::open(cli, Setup::serve(args)).await?;
    db.supervise();
    let result = serve_on(cli, &db, args, &config, clock).await;
    db.close().await;
    result
}

async fn serve_on(
    cli: &Cli,
    db: &Database,
    args: &ServeArgs,
    config: &ServeConfig,
    clock: Clock,
) -> anyhow::Result<()> {
    db.prepare(cli, &clock).await?;
    wait_for_database(&db.app).await;
    db::ensure_app_role_is_safe(&db.app).await?;

    let key = Arc::new(CheckpointKey::load_or_create(&cli.audit_key_path())?);
    tracing::info!(public_key = %key.public_hex(), "audit checkpoints are signed with this key");
    // The owner's pool too: the platform operator's lifecycle commands run as the owner, as
    // the `tenant` command line does (none without MIGRATION_DATABASE_URL: the page says so).
    let state = AppState::with_owner(
        db.app.clone(),
        db.owner.clone(),
        key.clone(),
        config,
        clock.clone(),
    );
    // Expired sessions are deleted every so often; an expired one is never accepted meanwhile.
    let cleanup = tokio::spawn(
        tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
            tower_sessions_sqlx_store::PostgresStore::new(db.app.clone()),
            config.session_cleanup_every,
        ),
    );
    // Webhooks: the outbox's deliveries, at least once, by any number of instances.
    let webhooks = crate::webhook::Worker::start(
        db.app.clone(),
        &config.webhooks.settings()?,
        key.clone(),
        clock.clone(),
    )
    .context("cannot build the webhooks' HTTP client")?;
    // Email, only with `--smtp-url`: the database's switch follows this instance, so that
    // without a sender no mail is queued (see src/mail.rs).
    let mail = match &config.mail {
        Some(mail) => Some(
            crate::mail::Worker::start(
                db.app.clone(),
                mail.settings(&config.secrets)?,
                key.clone(),
                clock.clone(),
            )
            .await?,
        ),
        None => {
            db::mail::set_enabled(&db.app, false).await?;
            None
        }
    };
    // Checkpoints: every thousandth event and every sign-off are signed as they are appended;
    // this signs the head of any chain that has moved and was last signed over an hour ago.
    let checkpoints = tokio::spawn(sign_checkpoints(
        db.app.clone(),
        key,
        clock,
        config.checkpoint_every,
    ));
    // Without the listener the cache never goes live: every request loads and evaluates.
    let listener_task = config.state_cache.then(|| state.spawn_listener());
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    tracing::info!(
        "serving the console on http://{}/t/{}",
        args.bind,
        crate::readiness::demo::SLUG
    );
    web::serve(listener, state, shutdown_signal()).await?;
    cleanup.abort();
    checkpoints.abort();
    // The tries in flight finish and are recorded; none is started after this.
    webhooks.stop(config.webhooks.timeout).await;
    if let Some(mail) = mail {
        mail.stop(crate::mail::DEFAULT_TIMEOUT).await;
    }
    if let Some(task) = listener_task {
        task.abort();
    }
    tracing::info!("stopped serving");
    Ok(())
}

async fn sign_checkpoints(pool: PgPool, key: Arc<CheckpointKey>, clock: Clock, every: Duration) {
    let mut every = tokio::time::interval(every);
    loop {
        every.tick().await;
        match db::audit::checkpoint_due(&pool, &key, &clock).await {
            Ok(0) => {}
            Ok(signed) => tracing::info!(signed, "audit checkpoints signed"),
            Err(error) => tracing::warn!(%error, "audit checkpoints not signed this time"),
        }
    }
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
