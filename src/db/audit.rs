//! The append-only audit chain.
//!
//! Each event's `hash` is the SHA-256 of the previous event's hash, a newline, and the event's
//! **canonical text**, which is stored exactly as hashed. The canonical text is one `key=value`
//! per line in a fixed order (see [`canonical`]), so it can also be re-derived from the row's
//! columns: verification checks both, which catches a row edited behind the app's back even if
//! the editor left the canonical text alone.

use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::DbError;

/// What an event records.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// Who acted.
    pub actor: &'a str,
    /// What they did, e.g. `accept`.
    pub action: &'a str,
    /// On what, e.g. an item key.
    pub target: &'a str,
    /// SHA-256 of the evidence, if any.
    pub evidence_digest: Option<&'a str>,
    /// The request's id.
    pub request_id: &'a str,
}

/// The canonical text of an event: the exact bytes its hash covers.
#[expect(clippy::too_many_arguments, reason = "one argument per recorded field")]
pub fn canonical(
    tenant: Uuid,
    seq: i64,
    actor: &str,
    action: &str,
    target: &str,
    evidence_digest: Option<&str>,
    request_id: &str,
    at: OffsetDateTime,
) -> String {
    let at = at
        .to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_default();
    format!(
        "v1\ntenant={tenant}\nseq={seq}\nactor={actor}\naction={action}\ntarget={target}\n\
         evidence={}\nrequest={request_id}\nat={at}\n",
        evidence_digest.unwrap_or("-")
    )
}

/// SHA-256 of the previous hash, a newline, and the canonical text, in lowercase hex.
pub fn chain_hash(prev_hash: &str, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Appends an event inside the caller's transaction (the tenant context already set).
/// Locks the tenant's head row first, so concurrent appends queue up instead of forking.
/// Returns the event's sequence number.
pub async fn append(
    tx: &mut PgConnection,
    tenant: Uuid,
    event: &NewEvent<'_>,
) -> Result<i64, DbError> {
    let (seq, prev_hash): (i64, String) = sqlx::query_as(
        "update audit_heads set seq = seq + 1 where tenant_id = $1 returning seq, hash",
    )
    .bind(tenant)
    .fetch_one(&mut *tx)
    .await?;
    // Microseconds: what PostgreSQL stores, so the canonical text can be re-derived exactly.
    let now = OffsetDateTime::now_utc();
    let at = now
        .replace_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now);
    let text = canonical(
        tenant,
        seq,
        event.actor,
        event.action,
        event.target,
        event.evidence_digest,
        event.request_id,
        at,
    );
    let hash = chain_hash(&prev_hash, &text);
    sqlx::query(
        "insert into audit_events (tenant_id, seq, actor_id, action, target, evidence_digest,
                                   request_id, at, canonical, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(tenant)
    .bind(seq)
    .bind(event.actor)
    .bind(event.action)
    .bind(event.target)
    .bind(event.evidence_digest)
    .bind(event.request_id)
    .bind(at)
    .bind(&text)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    sqlx::query("update audit_heads set hash = $2 where tenant_id = $1")
        .bind(tenant)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    Ok(seq)
}

/// The outcome of verifying a tenant's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Every event links to the previous one and matches its hash and columns.
    Intact {
        /// Events checked.
        events: i64,
        /// The head's hash (empty when there are no events).
        head_hash: String,
    },
    /// The first event that does not verify, and why.
    Broken {
        /// Its sequence number.
        seq: i64,
        /// What is wrong.
        reason: &'static str,
    },
}

#[derive(sqlx::FromRow)]
struct EventRow {
    seq: i64,
    actor_id: Option<String>,
    action: String,
    target: String,
    evidence_digest: Option<String>,
    request_id: Option<String>,
    at: OffsetDateTime,
    canonical: String,
    prev_hash: String,
    hash: String,
}

/// Recomputes a tenant's chain from its first event. Returns `None` for an unknown tenant.
pub async fn verify(pool: &PgPool, slug: &str) -> Result<Option<Verification>, DbError> {
    let mut tx = pool.begin().await?;
    let tenant: Option<Uuid> = sqlx::query_scalar(
        "select set_config('app.tenant_id', id::text, true)::uuid from tenants where slug = $1",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(tenant) = tenant else {
        return Ok(None);
    };
    let rows: Vec<EventRow> = sqlx::query_as(
        "select seq, actor_id, action, target, evidence_digest, request_id, at, canonical,
                prev_hash, hash
         from audit_events order by seq",
    )
    .fetch_all(&mut *tx)
    .await?;
    let head: Option<(i64, String)> =
        sqlx::query_as("select seq, hash from audit_heads where tenant_id = $1")
            .bind(tenant)
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Some(check(tenant, &rows, head)))
}

fn check(tenant: Uuid, rows: &[EventRow], head: Option<(i64, String)>) -> Verification {
    let mut prev = String::new();
    for (i, row) in rows.iter().enumerate() {
        let expected_seq = i64::try_from(i).unwrap_or(i64::MAX) + 1;
        let broken = |reason| Verification::Broken {
            seq: row.seq,
            reason,
        };
        if row.seq != expected_seq {
            return Verification::Broken {
                seq: expected_seq,
                reason: "missing",
            };
        }
        if row.prev_hash != prev {
            return broken("prev_hash_mismatch");
        }
        let derived = canonical(
            tenant,
            row.seq,
            row.actor_id.as_deref().unwrap_or_default(),
            &row.action,
            &row.target,
            row.evidence_digest.as_deref(),
            row.request_id.as_deref().unwrap_or_default(),
            row.at,
        );
        if derived != row.canonical {
            return broken("columns_differ_from_canonical");
        }
        if chain_hash(&prev, &row.canonical) != row.hash {
            return broken("hash_mismatch");
        }
        prev.clone_from(&row.hash);
    }
    let events = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    match head {
        Some((seq, hash)) if seq != events || hash != prev => Verification::Broken {
            seq: events + 1,
            reason: "head_mismatch",
        },
        _ => Verification::Intact {
            events,
            head_hash: prev,
        },
    }
}
