//! A person's visits, as the audit chain records them, and what changed since the last one.
//!
//! Viewing the inbox writes nothing: a visit is a sign-in, whose `sign_in` event (target: the
//! actor) the chain already holds. The "last visit" is the latest such event from before the
//! current session began (its `sign_ins` row's start): the previous sign-in, wherever it was
//! made.

use sqlx::PgPool;
use time::OffsetDateTime;

use super::DbError;
use crate::readiness::AuditAction;
use crate::readiness::inbox::VISITS;

/// A previous visit: the `sign_in` event that began it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Visit {
    /// The event's sequence number: the changes since are the events after it.
    pub seq: i64,
    /// When it began.
    pub at: OffsetDateTime,
}

/// One audit event since a visit.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Change {
    /// Sequence number.
    pub seq: i64,
    /// Who, if anyone (a refused sign-in has nobody).
    pub actor_id: Option<String>,
    /// What: an [`AuditAction`]'s code as recorded.
    pub action: String,
    /// On what: an item key, an audit target's code, or a People event's subject.
    pub target: String,
    /// When.
    pub at: OffsetDateTime,
}

/// The visit of `actor` before their current sign-in `sign_in`: the latest `sign_in` event
/// targeting them from before that sign-in began. `None` on their first visit (or when the
/// tenant or the sign-in is not there).
pub async fn previous(
    pool: &PgPool,
    tenant: &str,
    actor: &str,
    sign_in: &str,
) -> Result<Option<Visit>, DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, tenant).await?.is_none() {
        return Ok(None);
    }
    let visit = sqlx::query_as::<_, Visit>(
        "select e.seq, e.at from audit_events e
         where e.tenant_id = current_setting('app.tenant_id')::uuid
           and e.target = $1 and e.action = $2
           and e.at < (select s.started_at from sign_ins s where s.id = $3 and s.actor_id = $1)
         order by e.seq desc limit 1",
    )
    .bind(actor)
    .bind(AuditAction::SignIn.as_str())
    .bind(sign_in)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(visit)
}

/// The changes after the event `after`, newest first: at most `limit` of them, and whether
/// there are more. Sign-ins and sign-outs ([`VISITS`]) are visits, not changes, and left out.
pub async fn changes_since(
    pool: &PgPool,
    tenant: &str,
    after: i64,
    limit: usize,
) -> Result<(Vec<Change>, bool), DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, tenant).await?.is_none() {
        return Ok((Vec::new(), false));
    }
    let visits: Vec<&str> = VISITS.iter().map(|a| a.as_str()).collect();
    let mut changes = sqlx::query_as::<_, Change>(
        "select seq, actor_id, action, target, at from audit_events
         where tenant_id = current_setting('app.tenant_id')::uuid
           and seq > $1 and action <> all($2)
         order by seq desc limit $3",
    )
    .bind(after)
    .bind(&visits)
    .bind(i64::try_from(limit).unwrap_or(i64::MAX).saturating_add(1))
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let more = changes.len() > limit;
    changes.truncate(limit);
    Ok((changes, more))
}
