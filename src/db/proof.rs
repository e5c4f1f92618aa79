//! What the proof path shows of one item: every acceptance and revocation with its evidence,
//! and the audit events that name it.

use sqlx::PgPool;
use time::OffsetDateTime;

use super::DbError;
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;

/// One acceptance (or decision), standing or revoked.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AcceptanceRecord {
    /// Who accepted.
    pub actor_id: String,
    /// The decided value, for decisions.
    pub value: Option<String>,
    /// The evidence note.
    pub evidence_note: String,
    /// The evidence link.
    pub evidence_url: Option<String>,
    /// The evidence checksum.
    pub evidence_checksum: Option<String>,
    /// When.
    pub accepted_at: OffsetDateTime,
    /// When it was revoked, if it was.
    pub revoked_at: Option<OffsetDateTime>,
    /// Who revoked it.
    pub revoked_by: Option<String>,
    /// Why.
    pub revoke_reason: Option<String>,
}

/// An acceptance with the item it is about, for the evidence list.
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct EvidenceRecord {
    /// The item.
    pub item_key: String,
    /// Who accepted.
    pub actor_id: String,
    /// The decided value, for decisions.
    pub value: Option<String>,
    /// The evidence note.
    pub evidence_note: String,
    /// The evidence link.
    pub evidence_url: Option<String>,
    /// The evidence checksum.
    pub evidence_checksum: Option<String>,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub accepted_at: OffsetDateTime,
    /// When it was revoked, if it was.
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    /// Who revoked it.
    pub revoked_by: Option<String>,
    /// Why.
    pub revoke_reason: Option<String>,
}

/// Everything a proof bundle holds, read in one consistent snapshot: the packets and the
/// summary name exactly the chain head the bundle carries.
#[derive(Debug)]
pub struct BundleSource {
    /// Catalogue and state.
    pub console: super::TenantConsole,
    /// The whole audit chain.
    pub chain: super::audit::Chain,
    /// Every acceptance and revocation, oldest first.
    pub evidence: Vec<EvidenceRecord>,
}

/// Reads a bundle's source, its chain's head always checkpointed under `key` (signed now if
/// no checkpoint names it yet, at `clock`'s time; see [`super::audit::pin_head`]). `None` for an
/// unknown tenant.
pub async fn bundle_source(
    pool: &PgPool,
    slug: &str,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<Option<BundleSource>, DbError> {
    let mut tx = pool.begin().await?;
    sqlx::query("set transaction isolation level repeatable read, read only")
        .execute(&mut *tx)
        .await?;
    let Some(console) = super::load_console(&mut *tx, slug).await? else {
        return Ok(None);
    };
    let mut chain = super::audit::read_chain_in(&mut tx, console.tenant_id).await?;
    let evidence = sqlx::query_as(
        "select item_key, actor_id, value, evidence_note, evidence_url, evidence_checksum,
                accepted_at, revoked_at, revoked_by, revoke_reason
         from acceptances order by accepted_at, id",
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    super::audit::pin_head(pool, &mut chain, key, clock).await?;
    Ok(Some(BundleSource {
        console,
        chain,
        evidence,
    }))
}

/// One audit event.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRecord {
    /// Sequence number.
    pub seq: i64,
    /// Who.
    pub actor_id: Option<String>,
    /// What.
    pub action: String,
    /// When.
    pub at: OffsetDateTime,
    /// The request that wrote it ([`super::SEED_REQUEST`] for the demo seed's).
    pub request_id: Option<String>,
    /// Its hash.
    pub hash: String,
    /// The previous event's hash.
    pub prev_hash: String,
}

impl AuditRecord {
    /// Whether the demo seed wrote it, not a form.
    pub fn seeded(&self) -> bool {
        self.request_id.as_deref() == Some(super::SEED_REQUEST)
    }
}

/// An item's history.
#[derive(Debug, Clone, Default)]
pub struct ItemHistory {
    /// Acceptances, newest first.
    pub acceptances: Vec<AcceptanceRecord>,
    /// Audit events naming the item, newest first.
    pub events: Vec<AuditRecord>,
}

/// The history of `item` in the tenant with this slug (empty for an unknown tenant).
pub async fn item_history(pool: &PgPool, tenant: &str, item: &str) -> Result<ItemHistory, DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, tenant).await?.is_none() {
        return Ok(ItemHistory::default());
    }
    let acceptances = sqlx::query_as(
        "select actor_id, value, evidence_note, evidence_url, evidence_checksum, accepted_at,
                revoked_at, revoked_by, revoke_reason
         from acceptances where item_key = $1 order by accepted_at desc, id desc",
    )
    .bind(item)
    .fetch_all(&mut *tx)
    .await?;
    let events = sqlx::query_as(
        "select seq, actor_id, action, at, request_id, hash, prev_hash
         from audit_events where target = $1 order by seq desc",
    )
    .bind(item)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(ItemHistory {
        acceptances,
        events,
    })
}
