//! Withdrawing a standing GO signature: every write that can change an item's status takes a
//! [`Guard`] before it applies anything and asks it afterwards which item it changed, all inside
//! its own transaction with the audit head locked (so no sign-off interleaves). Owner checks,
//! the hot path, lock the head early only while a GO may stand ([`watch`]) and otherwise check,
//! once their append holds the head, that no sign-off came in between ([`settle`]). The rule — which
//! signature stands, what counts as a change — is the core's ([`crate::readiness::signature`]).

use sqlx::PgConnection;
use uuid::Uuid;

use super::write::WriteError;
use crate::readiness::signature::{self, SignoffDecision, WithdrawingAction};
use crate::readiness::{Evaluation, evaluate};

/// Whether the writer confirmed that the write may withdraw a standing GO signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Consent {
    /// Not confirmed: a write that would withdraw the signature is refused, nothing written.
    #[default]
    Withheld,
    /// Confirmed in the form.
    Given,
}

impl Consent {
    /// From a form's checkbox.
    pub fn from_checkbox(checked: bool) -> Self {
        if checked { Self::Given } else { Self::Withheld }
    }
}

/// Locks the tenant's audit head for the rest of the transaction. Every write appends to the
/// chain and the sign-off takes the same lock, so a guarded write and a sign-off never
/// interleave.
pub(crate) async fn lock_head(tx: &mut PgConnection, tenant: Uuid) -> Result<(), WriteError> {
    sqlx::query("select seq from audit_heads where tenant_id = $1 for update")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// A GO signature that stood before the write, with the evaluation it stood on.
pub(crate) struct Guard {
    signoff_id: i64,
    before: Evaluation,
}

/// A withdrawal to record with the write's audit event.
#[derive(Debug, Clone)]
pub(crate) struct Withdraws {
    signoff_id: i64,
    /// The item whose status the write changed.
    pub(crate) item: String,
}

/// The latest sign-off: its id and decision.
async fn latest(tx: &mut PgConnection) -> Result<Option<(i64, SignoffDecision)>, WriteError> {
    Ok(
        sqlx::query_as(
            "select id, decision from signoffs order by signed_at desc, id desc limit 1",
        )
        .fetch_optional(&mut *tx)
        .await?,
    )
}

/// For a write that holds the head only from its append on (an owner check: the hot path, run
/// concurrently on different items): when the latest sign-off is a GO, the head is locked now
/// and the write is guarded as [`guard`] says; either way, which sign-off was the latest, for
/// [`settle`].
pub(crate) async fn watch(
    tx: &mut PgConnection,
    tenant: Uuid,
    slug: &str,
) -> Result<(Option<i64>, Option<Guard>), WriteError> {
    let seen = latest(tx).await?;
    if seen
        .as_ref()
        .is_none_or(|(_, decision)| *decision != SignoffDecision::Go)
    {
        return Ok((seen.map(|(id, _)| id), None));
    }
    lock_head(tx, tenant).await?;
    // Read again now that no sign-off can be recorded until this write commits.
    let seen = latest(tx).await?.map(|(id, _)| id);
    Ok((seen, guard(tx, slug).await?))
}

/// Once a watched write's append holds the head (no sign-off can be recorded until it commits):
/// a sign-off recorded since [`watch`] looked was given on a state without this write, which it
/// may change — the write is refused as stale (rolled back, nothing written) and its form drawn
/// again.
pub(crate) async fn settle(tx: &mut PgConnection, seen: Option<i64>) -> Result<(), WriteError> {
    if latest(tx).await?.map(|(id, _)| id) != seen {
        return Err(WriteError::Stale);
    }
    Ok(())
}

/// Before a write (the head locked): the GO signature it could withdraw, if one stands.
pub(crate) async fn guard(tx: &mut PgConnection, slug: &str) -> Result<Option<Guard>, WriteError> {
    // Most writes happen with no GO at all: only then is the whole state loaded.
    let latest = latest(tx).await?;
    let Some((signoff_id, decision)) = latest else {
        return Ok(None);
    };
    if decision != SignoffDecision::Go {
        return Ok(None);
    }
    let console = super::load_console(&mut *tx, slug)
        .await?
        .ok_or(WriteError::NotFound)?;
    if signature::withdrawable(&console.state).is_none() {
        return Ok(None);
    }
    Ok(Some(Guard {
        signoff_id,
        before: evaluate(&console.catalogue, &console.state),
    }))
}

impl Guard {
    /// After the write's changes, before its audit event: what it withdraws, if it changed any
    /// item's status (`written` are the items the write itself named, preferred). Without the
    /// writer's consent such a write is refused; the caller's transaction then rolls back.
    pub(crate) async fn check(
        &self,
        tx: &mut PgConnection,
        slug: &str,
        written: &[&str],
        consent: Consent,
    ) -> Result<Option<Withdraws>, WriteError> {
        let console = super::load_console(&mut *tx, slug)
            .await?
            .ok_or(WriteError::NotFound)?;
        let after = evaluate(&console.catalogue, &console.state);
        let Some(item) = signature::changed_item(&self.before, &after, written) else {
            return Ok(None);
        };
        if consent != Consent::Given {
            return Err(WriteError::WithdrawUnconfirmed);
        }
        Ok(Some(Withdraws {
            signoff_id: self.signoff_id,
            item,
        }))
    }
}

/// Records a withdrawal naming the event `seq` the write appended: of the latest GO and of every
/// partial signature of its round (the standing GO signatures on the same state digest, which
/// `console_state` returns as its `cosignatures`), one row each.
pub(crate) async fn record(
    tx: &mut PgConnection,
    tenant: Uuid,
    withdraws: &Withdraws,
    seq: i64,
    actor: &str,
    action: WithdrawingAction,
) -> Result<(), WriteError> {
    let withdrawn = sqlx::query(
        "insert into signoff_withdrawals (tenant_id, signoff_id, audit_seq, actor_id, action,
                                          item_key)
         select $1, s.id, $3, $4, $5, $6
         from signoffs s, signoffs latest
         where latest.id = $2
           and (s.id = latest.id
                or (s.decision = 'GO' and s.state_digest = latest.state_digest
                    and not exists (select from signoff_withdrawals w
                                    where w.signoff_id = s.id)))
         order by s.id",
    )
    .bind(tenant)
    .bind(withdraws.signoff_id)
    .bind(seq)
    .bind(actor)
    .bind(action.as_str())
    .bind(&withdraws.item)
    .execute(&mut *tx)
    .await?;
    tracing::info!(
        audit.seq = seq,
        signatures = withdrawn.rows_affected(),
        item = %withdraws.item,
        action = action.as_str(),
        "GO signature withdrawn"
    );
    Ok(())
}
