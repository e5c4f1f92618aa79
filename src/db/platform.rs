//! The platform chain: every tenant's lifecycle events in one append-only chain, hashed,
//! signed and verified by the tenant audit chain's own rules ([`crate::chain`]) and key.
//!
//! An event is written down as a tenant audit event whose tenant is [`PLATFORM`], whose actor
//! is the operator, whose action is the event's kind, whose target is the event's tenant and
//! whose evidence is the SHA-256 of its payload as PostgreSQL prints the stored `jsonb`. So the
//! canonical text, the hash and the signature are made and checked by the same code; an edited
//! payload no longer matches its digest and is named like an edited column.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::DbError;
use crate::chain::{self, Event, Fault, Verification, canonical, chain_hash};
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::readiness::lifecycle::TenantEventKind;

/// The id the platform chain's canonical texts name as their tenant.
pub const PLATFORM: Uuid = Uuid::nil();

/// One platform event to append.
#[derive(Debug, Clone)]
pub struct PlatformEvent<'a> {
    /// The tenant it is about.
    pub tenant: Uuid,
    /// What happened.
    pub kind: TenantEventKind,
    /// Who did it (the operator).
    pub actor: &'a str,
    /// What else it records.
    pub payload: serde_json::Value,
    /// The command's request id.
    pub request_id: &'a str,
}

/// Appends `event` to the platform chain inside the caller's transaction, under the head's
/// lock, signed with `key` and stamped by `clock`. Returns its sequence number.
pub async fn append(
    tx: &mut PgConnection,
    event: &PlatformEvent<'_>,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<i64, DbError> {
    let (seq, prev_hash): (i64, String) =
        sqlx::query_as("update platform_head set seq = seq + 1 returning seq, hash")
            .fetch_one(&mut *tx)
            .await?;
    // The digest covers the payload as it will be read back, not as serde wrote it.
    let payload: String = sqlx::query_scalar("select $1::jsonb::text")
        .bind(sqlx::types::Json(&event.payload))
        .fetch_one(&mut *tx)
        .await?;
    let digest = crate::bundle::sha256(payload.as_bytes());
    let at = crate::checkpoint::to_micros(clock.now());
    let text = canonical(
        PLATFORM,
        seq,
        event.actor,
        event.kind.as_str(),
        &event.tenant.to_string(),
        Some(&digest),
        event.request_id,
        at,
    );
    let hash = chain_hash(&prev_hash, &text);
    sqlx::query(
        "insert into tenant_events (seq, tenant_id, kind, actor, payload, payload_digest,
                                    request_id, at, canonical, prev_hash, hash, signature)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(seq)
    .bind(event.tenant)
    .bind(event.kind.as_str())
    .bind(event.actor)
    .bind(&payload)
    .bind(&digest)
    .bind(event.request_id)
    .bind(at)
    .bind(&text)
    .bind(&prev_hash)
    .bind(&hash)
    .bind(key.sign_event(&hash))
    .execute(&mut *tx)
    .await?;
    sqlx::query("update platform_head set hash = $1")
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    Ok(seq)
}

/// The platform chain's events as [`Event`]s of the tenant audit chain's shape.
const EVENTS: &str = "select seq, actor as actor_id, kind as action, tenant_id::text as target,
                             payload_digest as evidence_digest, request_id, at, canonical,
                             prev_hash, hash, signature
                      from tenant_events order by seq";

/// Checks the whole platform chain in one read-only snapshot: each event against its
/// predecessor, its canonical text, its hash, its signature under `trusted` (every platform
/// event is signed) and its payload's digest; and the head against the last event. Streams
/// the events, so a long chain is checked in constant memory.
pub async fn verify(pool: &PgPool, trusted: Option<&str>) -> Result<Verification, DbError> {
    use futures_util::TryStreamExt as _;
    let mut tx = pool.begin().await?;
    sqlx::query("set transaction isolation level repeatable read, read only")
        .execute(&mut *tx)
        .await?;
    let head: (i64, String) = sqlx::query_as("select seq, hash from platform_head")
        .fetch_one(&mut *tx)
        .await?;
    // A payload edited behind the app's back no longer hashes to its digest.
    let edited: Option<i64> = sqlx::query_scalar(
        "select min(seq) from tenant_events
         where encode(sha256(convert_to(payload::text, 'UTF8')), 'hex') <> payload_digest",
    )
    .fetch_one(&mut *tx)
    .await?;
    let mut checker = chain::Checker::new(PLATFORM, &[], trusted, 1);
    {
        let mut events = sqlx::query_as::<_, Event>(EVENTS).fetch(&mut *tx);
        while let Some(event) = events.try_next().await? {
            if edited.is_some_and(|seq| seq <= event.seq) {
                break;
            }
            if !checker.push(&event) {
                break;
            }
        }
    }
    tx.commit().await?;
    let verdict = checker.finish(Some((head.0, &head.1)));
    Ok(match (edited, verdict) {
        // The chain up to the edited event held: the edit is the first fault.
        (Some(seq), Verification::Intact { .. }) => Verification::Broken {
            seq,
            reason: Fault::ColumnsDifferFromCanonical,
        },
        (Some(seq), Verification::Broken { seq: at, .. }) if at >= seq => Verification::Broken {
            seq,
            reason: Fault::ColumnsDifferFromCanonical,
        },
        (_, verdict) => verdict,
    })
}
