//! Rehearsal runs in the console's database: the target reference, one run at a time, and each
//! step's result stored as a probe result with its audit event, in one transaction.

use std::sync::Arc;

use sqlx::PgPool;
use time::OffsetDateTime;

use super::DbError;
use super::audit::{self, NewEvent};
use super::signature::{self, Consent};
use super::write::{WriteError, enter, enter_allowed};
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
// `Target` here is the rehearsal's target database; the permission table's is spelled out.
use crate::readiness::permissions::Action;
use crate::readiness::signature::WithdrawingAction;
use crate::readiness::{AuditAction, AuditTarget, RehearsalKind, RunState};
use crate::rehearsal::dry_run::{self, Frozen};
use crate::rehearsal::probes;
use crate::rehearsal::{
    Limits, Outcome, Reason, Refusal, RunReason, SecretPolicy, SecretRef, Target, own_identity,
};

/// Who runs the rehearsal, owned so the run can outlive the request.
#[derive(Debug, Clone)]
pub struct Runner {
    /// The tenant's slug.
    pub tenant: String,
    /// The actor.
    pub actor: String,
    /// The request (or CLI invocation) id, recorded in the audit events.
    pub request_id: String,
    /// Signs checkpoints when events are appended.
    pub key: Arc<CheckpointKey>,
    /// Stamps the audit events the run appends.
    pub clock: Clock,
    /// Where the target's secret reference may point.
    pub secrets: Arc<SecretPolicy>,
}

impl Runner {
    /// Begins the runner's transaction in the tenant (its id), once the permission table lets
    /// the runner do `action` to the tenant.
    async fn begin(
        &self,
        pool: &PgPool,
        action: Action,
    ) -> Result<(sqlx::Transaction<'static, sqlx::Postgres>, uuid::Uuid), StartError> {
        let mut tx = pool.begin().await?;
        let tenant = enter_allowed(&mut tx, &self.tenant, &self.actor, action).await?;
        Ok((tx, tenant))
    }

    /// Appends the runner's audit event: `action` on `target`, with the digest of its
    /// evidence. Returns its sequence number.
    async fn append(
        &self,
        tx: &mut sqlx::PgConnection,
        tenant: uuid::Uuid,
        action: AuditAction,
        target: &str,
        evidence_digest: &str,
    ) -> Result<i64, DbError> {
        let event = NewEvent {
            actor: &self.actor,
            action,
            target,
            evidence_digest: Some(evidence_digest),
            request_id: &self.request_id,
        };
        audit::append(tx, tenant, &event, &self.key, &self.clock).await
    }
}

/// A started run's work, to spawn (the page) or await (the CLI).
pub type RunWork = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Not the managing director or the dispatcher.
    #[error("forbidden")]
    Forbidden,
    /// No such tenant.
    #[error("not found")]
    NotFound,
    /// Refused before touching the target (recorded as a refused run, except `Busy`).
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// A GO signature stands and the runner did not confirm that the run may withdraw it.
    /// Nothing was recorded.
    #[error("would withdraw the GO signature without confirmation")]
    WithdrawUnconfirmed,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for StartError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(e) if e.constraint() == Some("rehearsal_one_running") => {
                Self::Refused(Refusal::Busy)
            }
            _ => Self::Db(error.into()),
        }
    }
}

impl From<WriteError> for StartError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Forbidden => Self::Forbidden,
            WriteError::Db(e) => Self::Db(e),
            WriteError::WithdrawUnconfirmed => Self::WithdrawUnconfirmed,
            _ => Self::NotFound,
        }
    }
}

/// Records the tenant's target reference (validated by the caller's [`SecretRef::parse`]).
pub async fn set_target(
    pool: &PgPool,
    runner: &Runner,
    reference: &SecretRef,
) -> Result<(), StartError> {
    let (mut tx, tenant) = runner.begin(pool, Action::SetRehearsalTarget).await?;
    let text = reference.as_text();
    sqlx::query(
        "insert into rehearsal_targets (tenant_id, reference, actor_id) values ($1, $2, $3)",
    )
    .bind(tenant)
    .bind(&text)
    .bind(&runner.actor)
    .execute(&mut *tx)
    .await?;
    let digest = crate::bundle::sha256(text.as_bytes());
    runner
        .append(
            &mut tx,
            tenant,
            AuditAction::SetTarget,
            AuditTarget::Connection.as_str(),
            &digest,
        )
        .await?;
    super::summary::refresh(&mut tx, tenant, &runner.tenant, &runner.clock).await?;
    tx.commit().await?;
    Ok(())
}

/// Starts a run of `kind`: checks the role, that nothing else runs, that the target resolves
/// and is not the console's own database, and (for the dry-run) that a snapshot is frozen. On
/// success the run is recorded as running and its work is returned, to be spawned or awaited.
/// While a GO signature stands, a run (whose results may withdraw it) is refused; see
/// [`start_with`].
pub async fn start(
    pool: &PgPool,
    runner: &Runner,
    kind: RehearsalKind,
    limits: Limits,
) -> Result<(i64, RunWork), StartError> {
    start_with(pool, runner, kind, limits, Consent::Withheld).await
}

/// [`start`], with the runner's consent that the run's results withdraw a standing GO
/// signature if they change an item's status.
pub async fn start_with(
    pool: &PgPool,
    runner: &Runner,
    kind: RehearsalKind,
    limits: Limits,
    consent: Consent,
) -> Result<(i64, RunWork), StartError> {
    let (mut tx, tenant) = runner.begin(pool, Action::StartRehearsal).await?;
    // Whether the results would change a status is known only once the run ends: while a GO
    // stands, every run asks first.
    if consent != Consent::Given && signature::guard(&mut tx, &runner.tenant).await?.is_some() {
        return Err(StartError::WithdrawUnconfirmed);
    }
    // A run that outlived its limit by far (the process stopped under it) no longer blocks.
    let abandoned = RunReason::TimedOut;
    sqlx::query(
        "update rehearsal_runs set state = $2, reason = $3, finished_at = now()
         where state = $4 and started_at < now() - $1::interval",
    )
    .bind(format!("{} seconds", limits.run.as_secs() * 2 + 30))
    .bind(abandoned.state())
    .bind(abandoned)
    .bind(RunState::Running)
    .execute(&mut *tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "insert into rehearsal_runs (tenant_id, kind, state, actor_id) values ($1, $2, $3, $4)
         returning id",
    )
    .bind(tenant)
    .bind(kind)
    .bind(RunState::Running)
    .bind(&runner.actor)
    .fetch_one(&mut *tx)
    .await?;
    let reference: Option<String> =
        sqlx::query_scalar("select reference from rehearsal_targets order by id desc limit 1")
            .fetch_optional(&mut *tx)
            .await?;
    // What the gap analysis expects is the tenant's programme's (a tenant that stores none
    // runs the demo's).
    let expected = match super::programmes::target(&mut tx).await? {
        Some(target) => target,
        None => crate::readiness::programme::demo().target.clone(),
    };
    tx.commit().await?;

    let prepared = prepare(pool, runner, kind, reference.as_deref(), limits).await;
    let (target, frozen) = match prepared {
        Ok(ready) => ready,
        Err(refusal) => {
            let reason = RunReason::Refused(refusal);
            finish(
                pool,
                runner,
                id,
                reason.state(),
                Some(reason),
                &Outcome::default(),
            )
            .await?;
            return Err(StartError::Refused(refusal));
        }
    };
    let pool = pool.clone();
    let runner = runner.clone();
    let work = async move {
        let actors = scenario_actors(&pool, &runner.tenant)
            .await
            .unwrap_or_default();
        let job = async {
            match kind {
                RehearsalKind::Connection => probes::connection(&target, limits, &expected).await,
                RehearsalKind::Gap => probes::gap_run(&target, limits, &expected).await,
                RehearsalKind::DryRun => match &frozen {
                    Some(frozen) => dry_run::run(&target, limits, &actors, frozen, &expected).await,
                    None => Outcome::default(),
                },
            }
        };
        // A run passes when the steps of its own section do (the connection run also records
        // whether live credentials may be used, which needs TLS).
        let (state, reason, outcome) = match tokio::time::timeout(limits.run, job).await {
            Ok(outcome) => (
                RunState::finished(outcome.passed(kind.section())),
                None,
                outcome,
            ),
            Err(_) => {
                let reason = RunReason::TimedOut;
                (reason.state(), Some(reason), Outcome::default())
            }
        };
        if let Err(error) = finish(&pool, &runner, id, state, reason, &outcome).await {
            tracing::error!(%error, run = id, "a rehearsal run could not be recorded");
        }
        tracing::info!(
            run = id,
            kind = kind.as_str(),
            state = state.as_str(),
            "rehearsal run finished"
        );
    };
    Ok((id, Box::pin(work)))
}

/// Resolves the target, refuses the console's own database, and loads the frozen snapshot a
/// dry-run needs.
async fn prepare(
    pool: &PgPool,
    runner: &Runner,
    kind: RehearsalKind,
    reference: Option<&str>,
    limits: Limits,
) -> Result<(Target, Option<Frozen>), Refusal> {
    let reference = reference
        .and_then(|r| SecretRef::parse(r).ok())
        .ok_or(Refusal::NoTarget)?;
    let url = reference.resolve(&runner.secrets)?;
    let target = Target::new(&url, limits)?;
    if let Ok(mut conn) = target.connect(limits).await {
        let theirs = crate::rehearsal::identity(&mut conn).await.ok();
        let ours = own_identity(pool).await.ok();
        let _ = sqlx::Connection::close(conn).await;
        if theirs.is_some() && theirs == ours {
            return Err(Refusal::OwnDatabase);
        }
    }
    let frozen = if kind == RehearsalKind::DryRun {
        Some(
            frozen(pool, &runner.tenant)
                .await
                .ok()
                .flatten()
                .ok_or(Refusal::NoSnapshot)?,
        )
    } else {
        None
    };
    Ok((target, frozen))
}

/// Records a run's end: its steps as probe results with their audit events, then the run. If
/// the results change an item's status while a GO signature stands, they withdraw it, naming
/// the event of the step that changed it (consent was given when the run started; a GO signed
/// while it ran was signed on a state the run was about to change).
async fn finish(
    pool: &PgPool,
    runner: &Runner,
    id: i64,
    state: RunState,
    reason: Option<RunReason>,
    outcome: &Outcome,
) -> Result<(), StartError> {
    let mut tx = pool.begin().await?;
    let tenant = enter(&mut tx, &runner.tenant).await?;
    signature::lock_head(&mut tx, tenant).await?;
    let guard = signature::guard(&mut tx, &runner.tenant).await?;
    // Each step's item, audit event and action, for naming the withdrawal.
    let mut events: Vec<(&str, i64, WithdrawingAction)> = Vec::new();
    for step in &outcome.steps {
        let detail = serde_json::json!({
            "run": id, "reason": step.reason, "detail": step.detail,
        });
        sqlx::query(
            "insert into probe_results (tenant_id, item_key, passed, found, detail, duration_ms)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(tenant)
        .bind(step.item)
        .bind(step.passed)
        .bind(step.found)
        .bind(&detail)
        .bind(i32::try_from(step.duration_ms).unwrap_or(i32::MAX))
        .execute(&mut *tx)
        .await?;
        let action = if step.passed {
            WithdrawingAction::ProbePassed
        } else {
            WithdrawingAction::ProbeFailed
        };
        let digest = crate::bundle::sha256(detail.to_string().as_bytes());
        let seq = runner
            .append(&mut tx, tenant, action.into(), step.item, &digest)
            .await?;
        events.push((step.item, seq, action));
    }
    if let Some(guard) = guard {
        let items: Vec<&str> = events.iter().map(|(item, _, _)| *item).collect();
        let withdraws = guard
            .check(&mut tx, &runner.tenant, &items, Consent::Given)
            .await?;
        // The step that changed the item, else (a derived item moved) the run's first step.
        let named = withdraws.as_ref().and_then(|w| {
            events
                .iter()
                .find(|(item, _, _)| *item == w.item)
                .or(events.first())
                .map(|&(_, seq, action)| (w, seq, action))
        });
        if let Some((withdraws, seq, action)) = named {
            signature::record(&mut tx, tenant, withdraws, seq, &runner.actor, action).await?;
        }
    }
    let transcript = serde_json::to_value(&outcome.steps).unwrap_or_default();
    sqlx::query(
        "update rehearsal_runs set state = $2, reason = $3, endpoint = $4, tls = $5,
                transcript = $6, summary = $7, finished_at = now()
         where id = $1",
    )
    .bind(id)
    .bind(state)
    .bind(reason)
    .bind(&outcome.endpoint)
    .bind(&outcome.tls)
    .bind(&transcript)
    .bind(sqlx::types::Json(&outcome.summary))
    .execute(&mut *tx)
    .await?;
    super::summary::refresh(&mut tx, tenant, &runner.tenant, &runner.clock).await?;
    tx.commit().await?;
    Ok(())
}

async fn scenario_actors(
    pool: &PgPool,
    slug: &str,
) -> Result<Vec<crate::readiness::state::Actor>, DbError> {
    Ok(super::load_console(pool, slug)
        .await?
        .map(|c| c.state.scenario_actors().cloned().collect())
        .unwrap_or_default())
}

/// The newest frozen snapshot's records.
pub async fn frozen(pool: &PgPool, slug: &str) -> Result<Option<Frozen>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    let latest: Option<(i32, Option<String>, Option<i64>)> = sqlx::query_as(
        "select version, sha256, import_id from scenario_snapshots order by version desc limit 1",
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some((version, Some(sha256), Some(import))) = latest else {
        return Ok(None);
    };
    let records = sqlx::query_as(
        "select kind, record_id, canonical from scenario_records where import_id = $1
         order by kind collate \"C\", record_id collate \"C\"",
    )
    .bind(import)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(Frozen {
        version,
        sha256,
        records,
    }))
}

/// A run as the page polls it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RunRow {
    /// Its id.
    pub id: i64,
    /// Its kind.
    pub kind: RehearsalKind,
    /// Its state.
    pub state: RunState,
    /// Why, when refused or timed out.
    pub reason: Option<RunReason>,
    /// Each step.
    pub transcript: sqlx::types::Json<Vec<StepRow>>,
    /// When it started.
    pub started_at: OffsetDateTime,
}

/// A step as stored in a transcript.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct StepRow {
    /// The item.
    pub item: String,
    /// Passed.
    pub passed: bool,
    /// Found objects.
    pub found: Option<i32>,
    /// `ok`, or why not.
    pub reason: Reason,
    /// Measures.
    pub detail: serde_json::Value,
    /// Timing.
    pub duration_ms: i64,
}

/// One run of the tenant, or the latest of a kind.
pub async fn run_row(
    pool: &PgPool,
    slug: &str,
    id: Option<i64>,
    kind: Option<RehearsalKind>,
) -> Result<Option<RunRow>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    let row = sqlx::query_as(
        "select id, kind, state, reason, transcript, started_at from rehearsal_runs
         where ($1::bigint is null or id = $1) and ($2::text is null or kind = $2)
         order by id desc limit 1",
    )
    .bind(id)
    .bind(kind)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(row)
}
