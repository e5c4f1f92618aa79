//! The append-only audit chain in PostgreSQL: appending (and signing) events under the head's
//! lock, signing checkpoints, reading pages and the whole chain back, and verifying it (the
//! rules are in [`crate::chain`]).

use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use crate::chain::{self, Event, canonical, chain_hash};
pub use crate::chain::{Fault, Record, Unaccounted, Verification};
use crate::checkpoint::{self, Checkpoint, CheckpointKey};
use crate::clock::Clock;
use crate::readiness::{AuditAction, AuditTarget, SignoffDecision};

/// What an event records.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// Who acted.
    pub actor: &'a str,
    /// What they did.
    pub action: AuditAction,
    /// On what: an item key, or an [`AuditTarget`]'s code.
    pub target: &'a str,
    /// SHA-256 of the evidence, if any.
    pub evidence_digest: Option<&'a str>,
    /// The request's id.
    pub request_id: &'a str,
}

/// Appends an event inside the caller's transaction (the tenant context already set).
/// Locks the tenant's head row first, so concurrent appends queue up instead of forking. The
/// event is stored with `key`'s signature of its hash (in the same insert: no extra round
/// trip), and every [`checkpoint::EVERY_EVENTS`]th event is checkpointed in the same
/// transaction. The event's time is read from `clock` once the head is locked, so events are
/// stamped in the order they are chained. Returns the event's sequence number.
pub async fn append(
    tx: &mut PgConnection,
    tenant: Uuid,
    event: &NewEvent<'_>,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<i64, DbError> {
    let (seq, prev_hash): (i64, String) = sqlx::query_as(
        "update audit_heads set seq = seq + 1 where tenant_id = $1 returning seq, hash",
    )
    .bind(tenant)
    .fetch_one(&mut *tx)
    .await?;
    let row = Chained::new(tenant, seq, &prev_hash, event, clock.now(), key);
    sqlx::query(
        "insert into audit_events (tenant_id, seq, actor_id, action, target, evidence_digest,
                                   request_id, at, canonical, prev_hash, hash, signature)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(tenant)
    .bind(seq)
    .bind(event.actor)
    .bind(event.action.as_str())
    .bind(event.target)
    .bind(event.evidence_digest)
    .bind(event.request_id)
    .bind(row.at)
    .bind(&row.canonical)
    .bind(&prev_hash)
    .bind(&row.hash)
    .bind(&row.signature)
    .execute(&mut *tx)
    .await?;
    sqlx::query("update audit_heads set hash = $2 where tenant_id = $1")
        .bind(tenant)
        .bind(&row.hash)
        .execute(&mut *tx)
        .await?;
    if seq % checkpoint::EVERY_EVENTS == 0 {
        store_checkpoint(tx, tenant, &key.sign(tenant, seq, &row.hash, row.at)).await?;
    }
    Ok(seq)
}

/// An event chained after `prev_hash` at `seq`: its time (in microseconds, what PostgreSQL
/// stores, so the canonical text can be re-derived exactly), canonical text, hash and
/// signature.
struct Chained {
    at: OffsetDateTime,
    canonical: String,
    hash: String,
    signature: String,
}

impl Chained {
    fn new(
        tenant: Uuid,
        seq: i64,
        prev_hash: &str,
        event: &NewEvent<'_>,
        at: OffsetDateTime,
        key: &CheckpointKey,
    ) -> Self {
        let at = crate::checkpoint::to_micros(at);
        let canonical = canonical(
            tenant,
            seq,
            event.actor,
            event.action.as_str(),
            event.target,
            event.evidence_digest,
            event.request_id,
            at,
        );
        let hash = chain_hash(prev_hash, &canonical);
        let signature = key.sign_event(&hash);
        Self {
            at,
            canonical,
            hash,
            signature,
        }
    }
}

/// Appends `events`, each stamped with its own time (a seeded history, oldest first), in one
/// statement inside the caller's transaction (the tenant context already set): chained and
/// signed exactly as [`append`] chains and signs one, with the head locked and moved once and
/// the due checkpoints stored. Returns the last sequence number.
pub async fn append_dated(
    tx: &mut PgConnection,
    tenant: Uuid,
    events: &[(NewEvent<'_>, OffsetDateTime)],
    key: &CheckpointKey,
) -> Result<i64, DbError> {
    let count = i64::try_from(events.len()).unwrap_or(i64::MAX);
    let (mut seq, mut prev_hash): (i64, String) = sqlx::query_as(
        "update audit_heads set seq = seq + $2 where tenant_id = $1 returning seq - $2, hash",
    )
    .bind(tenant)
    .bind(count)
    .fetch_one(&mut *tx)
    .await?;
    let mut rows = Columns::default();
    let mut checkpoints = Vec::new();
    for (event, at) in events {
        seq += 1;
        let row = Chained::new(tenant, seq, &prev_hash, event, *at, key);
        if seq % checkpoint::EVERY_EVENTS == 0 {
            checkpoints.push(key.sign(tenant, seq, &row.hash, row.at));
        }
        rows.seq.push(seq);
        rows.actor.push(event.actor.to_owned());
        rows.action.push(event.action.as_str().to_owned());
        rows.target.push(event.target.to_owned());
        rows.digest.push(event.evidence_digest.map(str::to_owned));
        rows.request.push(event.request_id.to_owned());
        rows.at.push(row.at);
        rows.canonical.push(row.canonical);
        rows.prev_hash
            .push(std::mem::replace(&mut prev_hash, row.hash.clone()));
        rows.hash.push(row.hash);
        rows.signature.push(row.signature);
    }
    sqlx::query(
        "insert into audit_events (tenant_id, seq, actor_id, action, target, evidence_digest,
                                   request_id, at, canonical, prev_hash, hash, signature)
         select $1, * from unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                                  $7::text[], $8::timestamptz[], $9::text[], $10::text[],
                                  $11::text[], $12::text[])",
    )
    .bind(tenant)
    .bind(&rows.seq)
    .bind(&rows.actor)
    .bind(&rows.action)
    .bind(&rows.target)
    .bind(&rows.digest)
    .bind(&rows.request)
    .bind(&rows.at)
    .bind(&rows.canonical)
    .bind(&rows.prev_hash)
    .bind(&rows.hash)
    .bind(&rows.signature)
    .execute(&mut *tx)
    .await?;
    sqlx::query("update audit_heads set hash = $2 where tenant_id = $1")
        .bind(tenant)
        .bind(&prev_hash)
        .execute(&mut *tx)
        .await?;
    for cp in &checkpoints {
        store_checkpoint(tx, tenant, cp).await?;
    }
    Ok(seq)
}

/// The columns of events appended in one statement.
#[derive(Default)]
struct Columns {
    seq: Vec<i64>,
    actor: Vec<String>,
    action: Vec<String>,
    target: Vec<String>,
    digest: Vec<Option<String>>,
    request: Vec<String>,
    at: Vec<OffsetDateTime>,
    canonical: Vec<String>,
    prev_hash: Vec<String>,
    hash: Vec<String>,
    signature: Vec<String>,
}

async fn store_checkpoint(
    tx: &mut PgConnection,
    tenant: Uuid,
    cp: &Checkpoint,
) -> Result<(), DbError> {
    sqlx::query(
        "insert into audit_checkpoints (tenant_id, seq, hash, at, public_key, statement, signature)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing",
    )
    .bind(tenant)
    .bind(cp.seq)
    .bind(&cp.hash)
    .bind(cp.at)
    .bind(&cp.public_key)
    .bind(&cp.statement)
    .bind(&cp.signature)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Signs a checkpoint of every tenant whose chain has moved since its last checkpoint, if one
/// is due (see [`checkpoint::due`]). One statement names the candidates (the database's
/// `checkpoint_candidates`), so idle tenants cost nothing; each candidate's head is then
/// locked while it is signed, so the checkpoint names an event that exists, and what is due is
/// judged at `clock`'s time then. Returns how many were signed.
pub async fn checkpoint_due(
    pool: &PgPool,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<usize, DbError> {
    let tenants: Vec<Uuid> =
        sqlx::query_scalar("select checkpoint_candidates($1, $2, make_interval(secs => $3))")
            .bind(clock.now())
            .bind(checkpoint::EVERY_EVENTS)
            .bind(checkpoint::EVERY.as_seconds_f64())
            .fetch_all(pool)
            .await?;
    let mut signed = 0;
    for tenant in tenants {
        let mut tx = pool.begin().await?;
        sqlx::query("select set_config('app.tenant_id', $1::text, true)")
            .bind(tenant)
            .execute(&mut *tx)
            .await?;
        let head = lock_head(&mut tx, tenant).await?;
        let last: Option<(i64, OffsetDateTime)> = sqlx::query_as(
            "select seq, at from audit_checkpoints where tenant_id = $1 order by seq desc limit 1",
        )
        .bind(tenant)
        .fetch_optional(&mut *tx)
        .await?;
        let now = clock.now();
        if let Some((seq, hash)) = head.filter(|(seq, _)| checkpoint::due(*seq, last, now)) {
            store_checkpoint(&mut tx, tenant, &key.sign(tenant, seq, &hash, now)).await?;
            signed += 1;
        }
        tx.commit().await?;
    }
    Ok(signed)
}

/// Signs a checkpoint of the tenant's head now, whatever is due (for operators and tests).
/// `None` for an unknown tenant or an empty chain.
pub async fn checkpoint_now(
    pool: &PgPool,
    slug: &str,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<Option<Checkpoint>, DbError> {
    let mut tx = pool.begin().await?;
    let tenant = super::enter_tenant(&mut tx, slug).await?;
    let Some(tenant) = tenant else {
        return Ok(None);
    };
    let cp = checkpoint_head(&mut tx, tenant, key, clock).await?;
    tx.commit().await?;
    Ok(cp)
}

/// Signs and stores a checkpoint of the head as the caller's transaction sees it (the tenant
/// entered), locking the head first. Inside a write's transaction — the sign-off's — the
/// checkpoint commits with the event it names or not at all, so what a reader keeps of a GO
/// is signed at once instead of within the hour. `None` for an empty chain.
pub async fn checkpoint_head(
    tx: &mut PgConnection,
    tenant: Uuid,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<Option<Checkpoint>, DbError> {
    let head = lock_head(tx, tenant).await?;
    let Some((seq, hash)) = head.filter(|(seq, _)| *seq > 0) else {
        return Ok(None);
    };
    let cp = key.sign(tenant, seq, &hash, clock.now());
    store_checkpoint(tx, tenant, &cp).await?;
    Ok(Some(cp))
}

/// The tenant's head (sequence number and hash), locked until the transaction ends.
async fn lock_head(tx: &mut PgConnection, tenant: Uuid) -> Result<Option<(i64, String)>, DbError> {
    let head = sqlx::query_as("select seq, hash from audit_heads where tenant_id = $1 for update")
        .bind(tenant)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(head)
}

/// A tenant's whole chain: its id, events in order, head and checkpoints.
#[derive(Debug, Clone)]
pub struct Chain {
    /// The tenant's id (the canonical texts name it).
    pub tenant: Uuid,
    /// Every event, oldest first.
    pub events: Vec<Event>,
    /// The recorded head: sequence number and hash.
    pub head: (i64, String),
    /// Events from this sequence number on must be signed; those before were recorded before
    /// events were signed.
    pub signed_from: i64,
    /// Every signed checkpoint, oldest first.
    pub checkpoints: Vec<Checkpoint>,
}

/// A tenant's row of `audit_heads`.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Head {
    seq: i64,
    hash: String,
    /// Events from this sequence number on must be signed; those before were recorded before
    /// events were signed (set by the migration that added signatures; the app role may not
    /// change it).
    signed_from: i64,
}

impl Default for Head {
    fn default() -> Self {
        Self {
            seq: 0,
            hash: String::new(),
            signed_from: 1,
        }
    }
}

/// The tenant's head, or the empty chain's if it has none.
async fn read_head(tx: &mut PgConnection, tenant: Uuid) -> Result<Head, DbError> {
    let head =
        sqlx::query_as("select seq, hash, signed_from from audit_heads where tenant_id = $1")
            .bind(tenant)
            .fetch_optional(&mut *tx)
            .await?;
    Ok(head.unwrap_or_default())
}

const EVENTS: &str = "select seq, actor_id, action, target, evidence_digest, request_id, at,
                             canonical, prev_hash, hash, signature
                      from audit_events order by seq";
const CHECKPOINTS: &str = "select seq, hash, at, public_key, statement, signature
                           from audit_checkpoints where tenant_id = $1 order by seq";

/// Reads the whole chain of the tenant entered in `tx` (its id `tenant`).
pub async fn read_chain_in(tx: &mut PgConnection, tenant: Uuid) -> Result<Chain, DbError> {
    let events = sqlx::query_as(EVENTS).fetch_all(&mut *tx).await?;
    let head = read_head(tx, tenant).await?;
    let checkpoints = sqlx::query_as(CHECKPOINTS)
        .bind(tenant)
        .fetch_all(&mut *tx)
        .await?;
    Ok(Chain {
        tenant,
        events,
        head: (head.seq, head.hash),
        signed_from: head.signed_from,
        checkpoints,
    })
}

/// Makes sure a checkpoint under `key` names the head of `chain` (read in one snapshot by the
/// caller): if none does, signs one now, stores it, and adds it to `chain`. A proof bundle
/// calls this, so the `checkpoints.jsonl` a reader keeps always pins the head it saw — which is
/// what later catches the newest events deleted and the head rewritten. A head that names
/// another event than the last one is left unsigned: the chain is broken already, and the
/// key never vouches for an event that is not there.
pub async fn pin_head(
    pool: &PgPool,
    chain: &mut Chain,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<(), DbError> {
    let (seq, hash) = &chain.head;
    let public_key = key.public_hex();
    let pinned = chain
        .checkpoints
        .iter()
        .any(|c| c.seq == *seq && c.hash == *hash && c.public_key == public_key);
    let last = chain.events.last().map(|e| (e.seq, e.hash.as_str()));
    if pinned || last != Some((*seq, hash.as_str())) {
        return Ok(());
    }
    // The event exists (the snapshot read it, and events are append-only), so signing it after
    // the snapshot ended is still a true statement.
    let cp = key.sign(chain.tenant, *seq, hash, clock.now());
    let mut tx = pool.begin().await?;
    sqlx::query("select set_config('app.tenant_id', $1::text, true)")
        .bind(chain.tenant)
        .execute(&mut *tx)
        .await?;
    store_checkpoint(&mut tx, chain.tenant, &cp).await?;
    tx.commit().await?;
    chain.checkpoints.push(cp);
    Ok(())
}

/// Recomputes a tenant's chain from its first event and checks it against its head, each
/// event's signature, its checkpoints and any `kept` elsewhere (from an earlier bundle; one
/// also stored counts once), under the `trusted` public key. The events stream through the
/// check in one read-only snapshot, so a chain of millions is checked in constant memory.
/// Returns `None` for an unknown tenant.
pub async fn verify(
    pool: &PgPool,
    slug: &str,
    trusted: Option<&str>,
    kept: &[Checkpoint],
) -> Result<Option<Verification>, DbError> {
    Ok(audit(pool, slug, trusted, kept, false)
        .await?
        .map(|verdict| verdict.chain))
}

/// What `verify-audit` and the audit page's "Verify the chain" find: the chain's verdict, and
/// where the records of the state and the chain do not account for each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The chain against itself, its head, its signatures and its checkpoints.
    pub chain: Verification,
    /// Rows no event records and events whose row is not there: at most
    /// [`UNACCOUNTED_LISTED`] of each kind of record, oldest first.
    pub unaccounted: Vec<Unaccounted>,
}

impl Verdict {
    /// Whether everything verifies.
    pub fn ok(&self) -> bool {
        matches!(self.chain, Verification::Intact { .. }) && self.unaccounted.is_empty()
    }
}

/// How many rows (or events) of one kind of record a verdict names at most.
pub const UNACCOUNTED_LISTED: i64 = 20;

/// [`verify`], and in the same snapshot, that every acceptance, revocation, decision, probe
/// result and sign-off has its audit event and every such event its record (see
/// [`unaccounted`]). `None` for an unknown tenant.
pub async fn verify_with_records(
    pool: &PgPool,
    slug: &str,
    trusted: Option<&str>,
    kept: &[Checkpoint],
) -> Result<Option<Verdict>, DbError> {
    audit(pool, slug, trusted, kept, true).await
}

async fn audit(
    pool: &PgPool,
    slug: &str,
    trusted: Option<&str>,
    kept: &[Checkpoint],
    records: bool,
) -> Result<Option<Verdict>, DbError> {
    use futures_util::TryStreamExt as _;
    let mut tx = pool.begin().await?;
    sqlx::query("set transaction isolation level repeatable read, read only")
        .execute(&mut *tx)
        .await?;
    let tenant = super::enter_tenant(&mut tx, slug).await?;
    let Some(tenant) = tenant else {
        return Ok(None);
    };
    let head = read_head(&mut tx, tenant).await?;
    let mut checkpoints: Vec<Checkpoint> = sqlx::query_as(CHECKPOINTS)
        .bind(tenant)
        .fetch_all(&mut *tx)
        .await?;
    checkpoints.extend_from_slice(kept);
    let mut checker = chain::Checker::new(tenant, &checkpoints, trusted, head.signed_from);
    {
        let mut events = sqlx::query_as::<_, Event>(EVENTS).fetch(&mut *tx);
        while let Some(event) = events.try_next().await? {
            if !checker.push(&event) {
                break;
            }
        }
    }
    let unaccounted = if records {
        unaccounted(&mut tx).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    Ok(Some(Verdict {
        chain: checker.finish(Some((head.seq, &head.hash))),
        unaccounted,
    }))
}

/// The SHA-256 (hex) of an evidence note with its link and checksum, as
/// `Evidence::digest` computes it: the three joined by newlines, absent ones empty.
macro_rules! evidence_digest_sql {
    ($note:literal, $url:literal, $checksum:literal) => {
        concat!(
            "encode(sha256(convert_to(coalesce(",
            $note,
            ", '') || E'\\n' || coalesce(",
            $url,
            ", '') || E'\\n' || coalesce(",
            $checksum,
            ", ''), 'UTF8')), 'hex')"
        )
    };
}

/// Each kind of record as rows of `(id, target, actor, action, digest)` that its event must
/// match (digests recomputed as the write path computes them, see `write.rs`), and what of
/// its events' evidence digest is compared. The codes come from their enums (plain ASCII
/// words, so quoting them into the SQL is safe): a renamed code cannot leave the check behind.
fn record_rows(record: Record) -> (String, String) {
    const EVENT_DIGEST: &str = "coalesce(evidence_digest, '')";
    let (go, no_go) = (SignoffDecision::Go, SignoffDecision::NoGo);
    match record {
        Record::Acceptance => (
            format!(
                "select id, item_key as target, actor_id as actor, '{}' as action, {} as digest
                 from acceptances where value is null",
                AuditAction::Accept,
                evidence_digest_sql!("evidence_note", "evidence_url", "evidence_checksum"),
            ),
            EVENT_DIGEST.to_owned(),
        ),
        // `Evidence::digest_with_value`: the value, a newline, and the evidence's digest.
        Record::Decision => (
            format!(
                "select id, item_key as target, actor_id as actor, '{}' as action,
                        encode(sha256(convert_to(value || E'\\n' || {}, 'UTF8')), 'hex') as digest
                 from acceptances where value is not null",
                AuditAction::Decide,
                evidence_digest_sql!("evidence_note", "evidence_url", "evidence_checksum"),
            ),
            EVENT_DIGEST.to_owned(),
        ),
        // A revocation's digest is its reason's, as evidence without a link or checksum.
        Record::Revocation => (
            format!(
                "select id, item_key as target, coalesce(revoked_by, '') as actor,
                        '{}' as action, {} as digest
                 from acceptances where revoked_at is not null",
                AuditAction::Revoke,
                evidence_digest_sql!("revoke_reason", "null", "null"),
            ),
            EVENT_DIGEST.to_owned(),
        ),
        // A step's detail is hashed as serialised before it is stored as jsonb, whose text is
        // not those bytes: probe results are matched by item, outcome and the run's actor.
        Record::ProbeResult => (
            format!(
                "select p.id, p.item_key as target, coalesce(r.actor_id, '') as actor,
                        case when p.passed then '{}' else '{}' end as action,
                        '' as digest
                 from probe_results p
                 left join rehearsal_runs r on r.id::text = p.detail ->> 'run'",
                AuditAction::ProbePassed,
                AuditAction::ProbeFailed,
            ),
            "''".to_owned(),
        ),
        // A NO-GO's digest is its reason's; what a GO's event carries is the sign-off's own
        // business, so GO is matched by actor and decision.
        Record::Signoff => (
            format!(
                "select id, '{}' as target, actor_id as actor,
                        case when decision = '{go}' then '{}' else '{}' end as action,
                        case when decision = '{go}' then '' else {} end as digest
                 from signoffs",
                AuditTarget::Production,
                go.audit_action(),
                no_go.audit_action(),
                evidence_digest_sql!("reason", "null", "null"),
            ),
            format!(
                "case when action = '{}' then coalesce(evidence_digest, '') else '' end",
                no_go.audit_action()
            ),
        ),
    }
}

/// Where the records of the tenant entered in `tx` and its chain do not account for each
/// other: one statement per kind of record, matching rows and events as multisets on what
/// links them — the item (or `production`), the actor, the action and the evidence digest —
/// so that the same acceptance made twice needs two events. A row edited behind the app's
/// back no longer matches its event: both are named.
pub async fn unaccounted(tx: &mut PgConnection) -> Result<Vec<Unaccounted>, DbError> {
    let mut found = Vec::new();
    for record in Record::ALL {
        let (rows, event_digest) = record_rows(record);
        let sql = format!(
            "with r as (
                 select id, target, actor, action, digest,
                        row_number() over (partition by target, actor, action, digest
                                           order by id) as n
                 from ({rows}) rows
             ), e as (
                 select seq, target, actor, action, digest,
                        row_number() over (partition by target, actor, action, digest
                                           order by seq) as n
                 from (select seq, target, coalesce(actor_id, '') as actor, action,
                              {event_digest} as digest
                       from audit_events where action = any($1)) events
             )
             select r.id, e.seq from r full join e using (target, actor, action, digest, n)
             where r.id is null or e.seq is null
             order by e.seq nulls first, r.id
             limit $2"
        );
        let actions: Vec<&str> = record.actions().iter().map(|a| a.as_str()).collect();
        let rows: Vec<(Option<i64>, Option<i64>)> = sqlx::query_as(&sql)
            .bind(&actions)
            .bind(UNACCOUNTED_LISTED)
            .fetch_all(&mut *tx)
            .await?;
        found.extend(rows.into_iter().filter_map(|(id, seq)| match (id, seq) {
            (Some(id), None) => Some(Unaccounted::Row { record, id }),
            (None, Some(seq)) => Some(Unaccounted::Event { record, seq }),
            _ => None,
        }));
    }
    Ok(found)
}

/// Which events a page of the audit trail shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageQuery {
    /// Events older than this sequence number (the "older" cursor).
    pub before: Option<i64>,
    /// Events newer than this sequence number (the "newer" cursor).
    pub after: Option<i64>,
    /// Only this actor's.
    pub actor: Option<String>,
    /// Only this action.
    pub action: Option<AuditAction>,
    /// Only events on this section's items.
    pub section: Option<String>,
    /// From this instant on.
    pub from: Option<OffsetDateTime>,
    /// Before this instant.
    pub to: Option<OffsetDateTime>,
}

/// Events per page.
pub const PAGE_SIZE: i32 = 50;

/// One page of the trail, newest first.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The head: sequence number and hash.
    pub head: (i64, String),
    /// The latest checkpoint: sequence number, hash, time.
    pub checkpoint: Option<(i64, String, OffsetDateTime)>,
    /// The events, newest first.
    pub events: Vec<PageEvent>,
    /// Whether older events match (beyond the last shown).
    pub older: bool,
    /// Whether newer events match (beyond the first shown).
    pub newer: bool,
}

/// One event of a page.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PageEvent {
    /// Sequence number.
    pub seq: i64,
    /// Who.
    pub actor_id: Option<String>,
    /// What: an [`AuditAction`]'s code as recorded (text, so that the trail shows every event,
    /// even one whose code this build does not know; verifying the chain judges it).
    pub action: String,
    /// On what: an item key, or an [`AuditTarget`]'s code.
    pub target: String,
    /// The evidence's SHA-256.
    pub evidence_digest: Option<String>,
    /// The request.
    pub request_id: Option<String>,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Its hash.
    pub hash: String,
    /// The previous event's hash.
    pub prev_hash: String,
}

impl PageEvent {
    /// Whether the demo seed wrote it, not a form.
    pub fn seeded(&self) -> bool {
        self.request_id.as_deref() == Some(super::SEED_REQUEST)
    }
}

#[derive(serde::Deserialize)]
struct PageDoc {
    head: Option<HeadDoc>,
    checkpoint: Option<CheckpointDoc>,
    events: Vec<PageEvent>,
}

#[derive(serde::Deserialize)]
struct HeadDoc {
    seq: i64,
    hash: String,
}

#[derive(serde::Deserialize)]
struct CheckpointDoc {
    seq: i64,
    hash: String,
    #[serde(with = "time::serde::rfc3339")]
    at: OffsetDateTime,
}

/// A page of the tenant's trail in one statement (see `audit_page` in the migrations).
/// `None` for an unknown tenant.
pub async fn page(pool: &PgPool, slug: &str, query: &PageQuery) -> Result<Option<Page>, DbError> {
    page_of(pool, slug, query, PAGE_SIZE).await
}

/// [`page`], of at most `size` events.
pub async fn page_of(
    pool: &PgPool,
    slug: &str,
    query: &PageQuery,
    size: i32,
) -> Result<Option<Page>, DbError> {
    let doc: Option<sqlx::types::Json<PageDoc>> =
        sqlx::query_scalar("select audit_page($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(slug)
            .bind(query.before)
            .bind(query.after)
            .bind(query.actor.as_deref())
            .bind(query.action.map(AuditAction::as_str))
            .bind(query.section.as_deref())
            .bind(query.from)
            .bind(query.to)
            .bind(size)
            .fetch_one(pool)
            .await?;
    let Some(sqlx::types::Json(doc)) = doc else {
        return Ok(None);
    };
    let mut events = doc.events;
    let more = events.len() > usize::try_from(size).unwrap_or(usize::MAX);
    let (older, newer) = if query.after.is_some() {
        // Oldest first from the cursor: the extra row is the newest.
        if more {
            events.remove(0);
        }
        (true, more)
    } else {
        if more {
            events.pop();
        }
        (more, query.before.is_some())
    };
    Ok(Some(Page {
        head: doc.head.map(|h| (h.seq, h.hash)).unwrap_or_default(),
        checkpoint: doc.checkpoint.map(|c| (c.seq, c.hash, c.at)),
        events,
        older,
        newer,
    }))
}
