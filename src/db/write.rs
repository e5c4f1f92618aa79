//! Writes: accepting and revoking owner checks. Each is one transaction — authorise, check the
//! version the form was drawn from, apply, withdraw a standing GO signature if an item's status
//! moved (only with the writer's consent), append the audit event, remember the idempotency key
//! — so a failure leaves nothing behind.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::DbError;
use super::audit::{self, NewEvent};
use super::signature::{self, Consent, Withdraws};
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::readiness::evidence::{DecisionValue, Evidence, EvidenceNote};
use crate::readiness::permissions::{self, Action, Target};
use crate::readiness::signature::{
    self as signature_rule, Basis, CosignRefused, WithdrawingAction, state_digest,
};
use crate::readiness::state::AuditHead;
use crate::readiness::state::Role;
use crate::readiness::{AuditAction, AuditTarget, ItemKind, SignoffDecision};

/// Who writes, from where, and when.
#[derive(Debug, Clone)]
pub struct Author<'a> {
    /// The tenant's slug.
    pub tenant: &'a str,
    /// The signed-in actor.
    pub actor: &'a str,
    /// The request id, recorded in the audit event.
    pub request_id: &'a str,
    /// Signs the audit chain's checkpoints.
    pub key: &'a CheckpointKey,
    /// When: stamps the audit event and any checkpoint.
    pub clock: &'a Clock,
}

/// What to do to an owner check or a decision.
#[derive(Debug, Clone)]
pub enum CheckCommand {
    /// Accept an owner check with evidence.
    Accept(Evidence),
    /// Record and accept a decision's value, with evidence.
    Decide(DecisionValue, Evidence),
    /// Revoke the standing acceptance or decision, saying why.
    Revoke(EvidenceNote),
}

impl CheckCommand {
    /// The action the permission table knows this command as.
    pub fn action(&self) -> Action {
        match self {
            Self::Accept(_) => Action::Accept,
            Self::Decide(..) => Action::Decide,
            Self::Revoke(_) => Action::Revoke,
        }
    }
}

/// A write that went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Applied now, as this audit event.
    Applied(i64),
    /// The same form was submitted before: nothing new was applied.
    Replayed(i64),
}

/// Why a write was refused. Nothing was saved.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// No such tenant or item.
    #[error("not found")]
    NotFound,
    /// This actor may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The item changed since the form was drawn.
    #[error("stale")]
    Stale,
    /// Accepting what is already accepted.
    #[error("already accepted")]
    AlreadyAccepted,
    /// Revoking what is not accepted.
    #[error("not accepted")]
    NotAccepted,
    /// GO was asked for while the ladder stands at this decision, not at the sign-off.
    #[error("not ready for GO: {0:?}")]
    NotReady(crate::readiness::DecisionCode),
    /// This managing director has already signed GO in the round that stands: a person's
    /// signature counts once.
    #[error("already signed GO on this state")]
    AlreadySigned,
    /// The write would withdraw a standing GO signature and the writer did not confirm it.
    #[error("would withdraw the GO signature without confirmation")]
    WithdrawUnconfirmed,
    /// An API request's idempotency key came with another request before.
    #[error("the idempotency key was used with another request")]
    KeyReused,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for WriteError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            // The partial unique index allows one standing acceptance per item.
            sqlx::Error::Database(e) if e.constraint() == Some("acceptances_one_standing") => {
                Self::AlreadyAccepted
            }
            _ => Self::Db(error.into()),
        }
    }
}

/// The answer an API write gives, remembered with its idempotency key: a replay of the same
/// request gets it again, and another request under the same key is refused.
pub struct ApiCall<'a> {
    /// The SHA-256 (hex) of the request: its action, item, version and body.
    pub request_sha256: &'a str,
    /// The answer, given the write's audit event.
    pub answer: &'a (dyn Fn(i64) -> String + Sync),
}

impl std::fmt::Debug for ApiCall<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiCall")
            .field("request_sha256", &self.request_sha256)
            .finish_non_exhaustive()
    }
}

/// A write's idempotency key: a form's, or an API request's with what it must remember.
#[derive(Debug, Clone, Copy)]
pub struct IdempotencyKey<'a> {
    /// The key.
    pub key: Uuid,
    /// For an API request: its digest and its answer.
    pub api: Option<&'a ApiCall<'a>>,
}

impl From<Uuid> for IdempotencyKey<'_> {
    fn from(key: Uuid) -> Self {
        Self { key, api: None }
    }
}

/// The audit event a form's idempotency key already produced, if any. A key belongs to the
/// form of one actor: another actor presenting it is refused. An API request's key belongs to
/// one request too: the same key with another request is refused ([`WriteError::KeyReused`]).
pub(crate) async fn replayed(
    tx: &mut PgConnection,
    key: IdempotencyKey<'_>,
    actor: &str,
) -> Result<Option<i64>, WriteError> {
    let seen: Option<(i64, String, Option<String>)> = sqlx::query_as(
        "select audit_seq, actor_id, request_sha256 from idempotency_keys where key = $1",
    )
    .bind(key.key)
    .fetch_optional(&mut *tx)
    .await?;
    match seen {
        Some((seq, owner, digest)) if owner == actor => match key.api {
            Some(api) if digest.as_deref() != Some(api.request_sha256) => {
                Err(WriteError::KeyReused)
            }
            _ => Ok(Some(seq)),
        },
        Some(_) => Err(WriteError::Forbidden),
        None => Ok(None),
    }
}

/// What an API request's idempotency key remembered, if anything: the digest of its request
/// and its answer.
pub async fn remembered_answer(
    pool: &PgPool,
    slug: &str,
    key: Uuid,
) -> Result<Option<(Option<String>, Option<String>)>, WriteError> {
    let mut tx = pool.begin().await?;
    enter(&mut tx, slug).await?;
    let remembered: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("select request_sha256, answer from idempotency_keys where key = $1")
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(remembered)
}

/// Remembers that a form's key produced this audit event (and, for an API request, its digest
/// and answer).
pub(crate) async fn remember(
    tx: &mut PgConnection,
    tenant: Uuid,
    key: IdempotencyKey<'_>,
    actor: &str,
    seq: i64,
) -> Result<(), WriteError> {
    sqlx::query(
        "insert into idempotency_keys (tenant_id, key, actor_id, audit_seq, request_sha256, answer)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant)
    .bind(key.key)
    .bind(actor)
    .bind(seq)
    .bind(key.api.map(|a| a.request_sha256))
    .bind(key.api.map(|a| (a.answer)(seq)))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Enters the tenant in this transaction; its id.
pub(crate) async fn enter(tx: &mut PgConnection, slug: &str) -> Result<Uuid, WriteError> {
    super::enter_active_tenant(tx, slug)
        .await?
        .ok_or(WriteError::NotFound)
}

/// What a write ends with besides its audit event; nothing more by default.
#[derive(Default)]
pub(crate) struct Ending<'a> {
    /// The standing GO signature the write withdraws, and the action withdrawing it.
    pub(crate) withdraws: Option<(&'a Withdraws, WithdrawingAction)>,
    /// Sign a checkpoint of the head the event becomes (with the author's key, in the same
    /// transaction): for the writes a reader keeps a proof bundle for, which must not wait for
    /// the hourly checkpoint.
    pub(crate) checkpoint: bool,
    /// A watched write ([`signature::watch`]) names the sign-off it saw: once the append holds
    /// the head, a later one refuses the write ([`signature::settle`]).
    pub(crate) watched: Option<Option<i64>>,
}

impl Ending<'static> {
    /// The audit event alone: what most writes end with.
    pub(crate) const PLAIN: Self = Self {
        withdraws: None,
        checkpoint: false,
        watched: None,
    };
}

impl<'a> Author<'a> {
    /// The audit event a write by this author appends.
    pub(crate) fn event(
        &self,
        action: AuditAction,
        target: &'a str,
        evidence_digest: Option<&'a str>,
    ) -> NewEvent<'a> {
        NewEvent {
            actor: self.actor,
            action,
            target,
            evidence_digest,
            request_id: self.request_id,
        }
    }
}

/// Ends a write: appends its audit event, settles a watched write, records the GO signature it
/// withdraws (if it does) against that event, remembers the form's idempotency key against it,
/// signs the head if asked, and commits. Returns the event's sequence number.
pub(crate) async fn conclude(
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    tenant: Uuid,
    author: &Author<'_>,
    idempotency_key: impl Into<IdempotencyKey<'_>>,
    event: &NewEvent<'_>,
    ending: Ending<'_>,
) -> Result<i64, WriteError> {
    let seq = audit::append(&mut tx, tenant, event, author.key, author.clock).await?;
    if let Some(seen) = ending.watched {
        signature::settle(&mut tx, seen).await?;
    }
    if let Some((withdraws, action)) = ending.withdraws {
        signature::record(&mut tx, tenant, withdraws, seq, author.actor, action).await?;
    }
    remember(&mut tx, tenant, idempotency_key.into(), author.actor, seq).await?;
    if ending.checkpoint {
        audit::checkpoint_head(&mut tx, tenant, author.key, author.clock).await?;
    }
    super::summary::refresh(&mut tx, tenant, author.tenant, author.clock).await?;
    tx.commit().await?;
    Ok(seq)
}

/// The role of `actor` in the entered tenant.
pub(crate) async fn role_of(
    tx: &mut PgConnection,
    actor: &str,
) -> Result<Option<Role>, sqlx::Error> {
    let role: Option<String> = sqlx::query_scalar("select role from actors where actor_id = $1")
        .bind(actor)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// Loads the role of `actor` in the entered tenant and asks the permission table whether it may
/// do `action` to `target`: [`WriteError::Forbidden`] unless it may. An actor the tenant does
/// not know, or whose stored role cannot be read, has no role and so may do nothing.
/// A write to the tenant as a whole, begun: its transaction inside the tenant, or the event a
/// replay of the same form already wrote.
pub(crate) enum Begun<'c> {
    /// Go on in this transaction, in this tenant.
    Fresh(sqlx::Transaction<'c, sqlx::Postgres>, Uuid),
    /// The form was sent before: this is what it wrote.
    Replayed(i64),
}

/// The start of every write to the tenant as a whole: a transaction in the tenant, a replayed
/// form answered with what it wrote, then the actor's permission asked of the table.
pub(crate) async fn begin<'c>(
    pool: &'c PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    action: Action,
) -> Result<Begun<'c>, WriteError> {
    let mut tx = pool.begin().await?;
    let tenant = enter(&mut tx, author.tenant).await?;
    if let Some(seq) = replayed(&mut tx, idempotency_key.into(), author.actor).await? {
        return Ok(Begun::Replayed(seq));
    }
    authorise(&mut tx, author.actor, action, Target::Tenant).await?;
    Ok(Begun::Fresh(tx, tenant))
}

/// Enters the tenant and asks the permission table whether `actor` may do `action` to the
/// tenant as a whole: the start of a write that has no form to replay.
pub(crate) async fn enter_allowed(
    tx: &mut PgConnection,
    slug: &str,
    actor: &str,
    action: Action,
) -> Result<Uuid, WriteError> {
    let tenant = enter(tx, slug).await?;
    authorise(tx, actor, action, Target::Tenant).await?;
    Ok(tenant)
}

pub(crate) async fn authorise(
    tx: &mut PgConnection,
    actor: &str,
    action: Action,
    target: Target,
) -> Result<(), WriteError> {
    match role_of(tx, actor).await? {
        Some(role) if permissions::allows(role, action, target) => Ok(()),
        _ => Err(WriteError::Forbidden),
    }
}

/// Accepts or revokes the owner check `item` as `author`, if the item is still at `version`.
/// A write that would withdraw a standing GO signature is refused
/// ([`WriteError::WithdrawUnconfirmed`]) unless the writer consented to it: the withdrawal is
/// then recorded in the same transaction, naming the write's audit event.
pub async fn owner_check<'k>(
    pool: &PgPool,
    author: &Author<'_>,
    item: &str,
    version: i32,
    idempotency_key: impl Into<IdempotencyKey<'k>>,
    command: &CheckCommand,
    consent: Consent,
) -> Result<Written, WriteError> {
    let idempotency_key = idempotency_key.into();
    let mut tx = pool.begin().await?;
    let tenant = enter(&mut tx, author.tenant).await?;

    if let Some(seq) = replayed(&mut tx, idempotency_key, author.actor).await? {
        return Ok(Written::Replayed(seq));
    }
    // Without a role nothing is allowed: refused before the item is looked up, so that an
    // unknown actor learns nothing of which items exist.
    let role = role_of(&mut tx, author.actor)
        .await?
        .ok_or(WriteError::Forbidden)?;
    let row: Option<(String, Option<String>, i32)> = sqlx::query_as(
        "select kind, owner_actor_id, version from catalogue_items
             where key = $1 and retired_in is null",
    )
    .bind(item)
    .fetch_optional(&mut *tx)
    .await?;
    let (kind, owner, current) = row.ok_or(WriteError::NotFound)?;
    let target = Target::item(
        ItemKind::parse(&kind),
        owner.as_deref() == Some(author.actor),
    );
    if !permissions::allows(role, command.action(), target) {
        return Err(WriteError::Forbidden);
    }
    if current != version {
        return Err(WriteError::Stale);
    }
    // While a GO may stand the head is held from here, so that no sign-off interleaves between
    // the evaluations before and after; otherwise only from the append on, as every write.
    let (seen, guard) = signature::watch(&mut tx, tenant, author.tenant).await?;
    // Moving the version first takes the item's row lock: concurrent writers of the same item
    // queue here, and all but the first find the version moved.
    let bumped = sqlx::query(
        "update catalogue_items set version = version + 1 where key = $1 and version = $2",
    )
    .bind(item)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if bumped.rows_affected() != 1 {
        return Err(WriteError::Stale);
    }
    let standing: Option<i64> =
        sqlx::query_scalar("select id from acceptances where item_key = $1 and revoked_at is null")
            .bind(item)
            .fetch_optional(&mut *tx)
            .await?;

    let (action, digest) = match command {
        CheckCommand::Accept(evidence) | CheckCommand::Decide(_, evidence) => {
            if standing.is_some() {
                return Err(WriteError::AlreadyAccepted);
            }
            let value = match command {
                CheckCommand::Decide(value, _) => Some(value.as_str()),
                _ => None,
            };
            sqlx::query(
                "insert into acceptances (tenant_id, item_key, actor_id, value, evidence_note,
                                          evidence_url, evidence_checksum)
                 values ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(tenant)
            .bind(item)
            .bind(author.actor)
            .bind(value)
            .bind(evidence.note.as_str())
            .bind(evidence.url.as_ref().map(|u| u.as_str()))
            .bind(evidence.checksum.as_ref().map(|c| c.as_str()))
            .execute(&mut *tx)
            .await?;
            match command {
                CheckCommand::Decide(value, _) => {
                    (WithdrawingAction::Decide, evidence.digest_with_value(value))
                }
                _ => (WithdrawingAction::Accept, evidence.digest()),
            }
        }
        CheckCommand::Revoke(reason) => {
            let id = standing.ok_or(WriteError::NotAccepted)?;
            sqlx::query(
                "update acceptances set revoked_at = now(), revoked_by = $2, revoke_reason = $3
                 where id = $1",
            )
            .bind(id)
            .bind(author.actor)
            .bind(reason.as_str())
            .execute(&mut *tx)
            .await?;
            let digest = Evidence {
                note: reason.clone(),
                url: None,
                checksum: None,
            }
            .digest();
            (WithdrawingAction::Revoke, digest)
        }
    };
    let withdraws = match &guard {
        Some(guard) => {
            guard
                .check(&mut tx, author.tenant, &[item], consent)
                .await?
        }
        None => None,
    };
    let event = author.event(action.into(), item, Some(&digest));
    let ending = Ending {
        withdraws: withdraws.as_ref().map(|w| (w, action)),
        watched: Some(seen),
        ..Ending::default()
    };
    let seq = conclude(tx, tenant, author, idempotency_key, &event, ending).await?;
    Ok(Written::Applied(seq))
}

/// The managing director's sign-off.
#[derive(Debug, Clone)]
pub enum Signoff {
    /// Production may go ahead, on the state the form was drawn from.
    Go {
        /// The [`state_digest`](crate::readiness::signature::state_digest) the form carried.
        drawn_from: String,
    },
    /// Production may not, for this reason.
    NoGo(EvidenceNote),
}

/// Records a sign-off. GO is refused unless the ladder, evaluated inside this transaction with
/// the audit head locked (so no other write interleaves), stands at `BLOCKED_PENDING_SIGNOFF`,
/// and answers [`WriteError::Stale`] unless that state is the one the form was drawn from (its
/// digest). A GO records the digest and the head it was given on; its audit event carries the
/// digest as its evidence, so the chain pins what was signed. Where the programme requires
/// more than one signature and partial ones stand, a GO joins their round: it is given on the
/// round's state (its first signature's digest and head, recomputed now from the state as it
/// stands), and refused ([`WriteError::AlreadySigned`]) from a managing director who signed the
/// round already. The caller has checked the password.
pub async fn signoff(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    signoff: &Signoff,
) -> Result<Written, WriteError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::SignOff).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
    };
    // Every other write appends to the chain, so holding the head holds them all off.
    sqlx::query("select seq from audit_heads where tenant_id = $1 for update")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    // For a GO: the digest of the state it is given on, and that state's audit head.
    let mut signed_state: Option<(String, Option<i64>)> = None;
    if let Signoff::Go { drawn_from } = signoff {
        let console = super::load_console(&mut *tx, author.tenant)
            .await?
            .ok_or(WriteError::NotFound)?;
        let evaluation = crate::readiness::evaluate(&console.catalogue, &console.state);
        if evaluation.decision != crate::readiness::DecisionCode::BlockedPendingSignoff {
            return Err(WriteError::NotReady(evaluation.decision));
        }
        let (digest, seq) = match signature_rule::basis(&console.state, author.actor)
            .map_err(|CosignRefused::AlreadySigned| WriteError::AlreadySigned)?
        {
            Basis::Fresh => {
                let head = console.state.audit_head.as_ref();
                (state_digest(&evaluation, head), head.map(|h| h.seq))
            }
            Basis::Join(first) => {
                // The state as it stands, at the round's head: the round's digest exactly when
                // every item's status and the decision are what the first signer signed.
                let head = match first.state_seq {
                    Some(seq) => Some(AuditHead {
                        seq,
                        hash: sqlx::query_scalar("select hash from audit_events where seq = $1")
                            .bind(seq)
                            .fetch_one(&mut *tx)
                            .await?,
                    }),
                    None => None,
                };
                let digest = state_digest(&evaluation, head.as_ref());
                if first.state_digest.as_deref() != Some(digest.as_str()) {
                    return Err(WriteError::Stale);
                }
                (digest, first.state_seq)
            }
        };
        if &digest != drawn_from {
            return Err(WriteError::Stale);
        }
        signed_state = Some((digest, seq));
    }
    let (decision, reason) = match signoff {
        Signoff::Go { .. } => (SignoffDecision::Go, None),
        Signoff::NoGo(reason) => (SignoffDecision::NoGo, Some(reason.as_str())),
    };
    sqlx::query(
        "insert into signoffs (tenant_id, actor_id, decision, reason, state_digest, state_seq)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant)
    .bind(author.actor)
    .bind(decision)
    .bind(reason)
    .bind(signed_state.as_ref().map(|(digest, _)| digest.as_str()))
    .bind(signed_state.as_ref().and_then(|(_, seq)| *seq))
    .execute(&mut *tx)
    .await?;
    let digest = match &signed_state {
        Some((state, _)) => Some(state.clone()),
        None => reason
            .and_then(|r| EvidenceNote::parse(r).ok())
            .map(|note| {
                Evidence {
                    note,
                    url: None,
                    checksum: None,
                }
                .digest()
            }),
    };
    // A sign-off is what a reader keeps a bundle for: its head is checkpointed as it commits.
    let target = AuditTarget::Production.as_str();
    let event = author.event(decision.audit_action(), target, digest.as_deref());
    let ending = Ending {
        checkpoint: true,
        ..Ending::default()
    };
    let seq = conclude(tx, tenant, author, idempotency_key, &event, ending).await?;
    Ok(Written::Applied(seq))
}
