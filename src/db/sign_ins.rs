//! Sign-ins and what a person does to their own account: each sign-in's row (for "your active
//! sessions"), its end, a changed password, the other sessions ended — each in one transaction
//! with its audit event — and the refused sign-ins the audit chain records.
//!
//! A session stops counting when its account is disabled or its sign-in began before the
//! account's `sessions_valid_from` (the check is `web::session::load`'s, on the cached state):
//! ending the other sessions, and a password change, move that instant; a sign-out destroys
//! its own session. `ended_at` records the end for the list.

use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

use super::DbError;
use super::audit::{self, NewEvent};
use super::write::{Author, WriteError};
use crate::readiness::AuditAction;

/// How a person signed in (the `sign_ins.method` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Username and password.
    Password,
    /// The tenant's identity provider.
    Oidc,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::Oidc => "oidc",
        }
    }
}

/// One of a person's sign-ins that still counts.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SignIn {
    /// Its id (the session holds it).
    pub id: String,
    /// When it began.
    pub started_at: OffsetDateTime,
    /// The browser's `User-Agent`, truncated.
    pub user_agent: String,
}

/// The longest `User-Agent` kept.
pub const USER_AGENT_KEPT: usize = 256;

/// A `User-Agent` as kept: its printable characters, at most [`USER_AGENT_KEPT`] of them.
pub fn kept_user_agent(user_agent: &str) -> String {
    user_agent
        .chars()
        .filter(|c| !c.is_control())
        .take(USER_AGENT_KEPT)
        .collect()
}

/// Enters the active tenant of the author, or fails as not found.
async fn enter(tx: &mut PgConnection, tenant: &str) -> Result<uuid::Uuid, WriteError> {
    super::enter_active_tenant(tx, tenant)
        .await?
        .ok_or(WriteError::NotFound)
}

/// Appends `action` by the author, on their own account.
async fn record(
    tx: &mut PgConnection,
    tenant: uuid::Uuid,
    by: &Author<'_>,
    action: AuditAction,
) -> Result<i64, WriteError> {
    let event = NewEvent {
        actor: by.actor,
        action,
        target: by.actor,
        evidence_digest: None,
        request_id: by.request_id,
    };
    Ok(audit::append(tx, tenant, &event, by.key, by.clock).await?)
}

/// Records that the author signed in at `started` (their sign-in `id`, from this browser):
/// the sign-in's row, the account's last sign-in and language (`lang`, the tag negotiated for
/// the sign-in, which their mails are written in), the `sign_in` event.
pub async fn signed_in(
    pool: &PgPool,
    by: &Author<'_>,
    id: &str,
    (method, lang): (Method, &str),
    user_agent: &str,
    started: OffsetDateTime,
) -> Result<(), WriteError> {
    let mut tx = pool.begin().await?;
    let tenant = enter(&mut tx, by.tenant).await?;
    sqlx::query(
        "insert into sign_ins (id, tenant_id, actor_id, method, user_agent, started_at)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(tenant)
    .bind(by.actor)
    .bind(method.as_str())
    .bind(kept_user_agent(user_agent))
    .bind(started)
    .execute(&mut *tx)
    .await?;
    sqlx::query("update accounts set last_sign_in_at = $2 where actor_id = $1")
        .bind(by.actor)
        .bind(started)
        .execute(&mut *tx)
        .await?;
    crate::db::mail::set_lang(&mut tx, by.actor, lang).await?;
    record(&mut tx, tenant, by, AuditAction::SignIn).await?;
    tx.commit().await?;
    Ok(())
}

/// Records that the author signed out of their sign-in `id`.
pub async fn signed_out(pool: &PgPool, by: &Author<'_>, id: &str) -> Result<(), WriteError> {
    let mut tx = pool.begin().await?;
    let tenant = enter(&mut tx, by.tenant).await?;
    sqlx::query(
        "update sign_ins set ended_at = $3
         where id = $1 and actor_id = $2 and ended_at is null",
    )
    .bind(id)
    .bind(by.actor)
    .bind(by.clock.now())
    .execute(&mut *tx)
    .await?;
    record(&mut tx, tenant, by, AuditAction::SignOut).await?;
    tx.commit().await?;
    Ok(())
}

/// Records a refused sign-in: `target` is the account's actor id, or the username as typed
/// (see [`failed_target`]). Nobody is its actor.
pub async fn failed(
    pool: &PgPool,
    tenant: &str,
    target: &str,
    request_id: &str,
    key: &crate::checkpoint::CheckpointKey,
    clock: &crate::clock::Clock,
) -> Result<(), DbError> {
    let mut tx = pool.begin().await?;
    let Some(id) = super::enter_active_tenant(&mut tx, tenant).await? else {
        return Ok(());
    };
    let event = NewEvent {
        actor: "",
        action: AuditAction::SignInFailed,
        target,
        evidence_digest: None,
        request_id,
    };
    audit::append(&mut tx, id, &event, key, clock).await?;
    tx.commit().await?;
    Ok(())
}

/// What a refused sign-in of an unknown username records: `unknown:` and the first 16 hex
/// digits of the SHA-256 of the username trimmed and lowercased. Never what was typed: the
/// audit trail is read by reviewers, and a password typed into the username field would
/// otherwise be shown there; the digest still tells repeated tries of one name apart.
pub fn failed_target(typed: &str) -> String {
    let digest = crate::bundle::sha256(typed.trim().to_lowercase().as_bytes());
    format!("unknown:{}", &digest[..16])
}

/// The sign-ins of `actor` that still count at `now`: `this` one (re-stamped when the others
/// ended) and those not ended, begun at or after the account's `sessions_valid_from`, and
/// younger than `lifetime`; newest first. (A session that idled out
/// stays listed until its lifetime is over: the store does not say which sign-in it held.)
pub async fn active(
    pool: &PgPool,
    tenant: &str,
    actor: &str,
    this: &str,
    now: OffsetDateTime,
    lifetime: std::time::Duration,
) -> Result<Vec<SignIn>, DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, tenant).await?.is_none() {
        return Ok(Vec::new());
    }
    let oldest = now - lifetime;
    let rows = sqlx::query_as::<_, SignIn>(
        "select s.id, s.started_at, s.user_agent
         from sign_ins s join accounts a using (tenant_id, actor_id)
         where s.actor_id = $1 and s.ended_at is null and s.started_at >= $2
           and (s.id = $3 or s.started_at >= coalesce(a.sessions_valid_from, '-infinity'))
         order by s.started_at desc, s.id",
    )
    .bind(actor)
    .bind(oldest)
    .bind(this)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows)
}

/// What ending the other sessions, or changing the password, does.
#[derive(Debug, Clone)]
pub enum Cut<'a> {
    /// End the other sessions.
    EndSessions,
    /// Set this new password hash (argon2id PHC) and end the other sessions.
    ChangePassword(&'a str),
}

/// Ends every session of the author but their sign-in `keep` at `now` (which becomes the
/// account's `sessions_valid_from`: the kept session is re-stamped with it by the caller), and
/// for [`Cut::ChangePassword`] sets the new password, with its audit event.
pub async fn cut(
    pool: &PgPool,
    by: &Author<'_>,
    keep: &str,
    cut: Cut<'_>,
    now: OffsetDateTime,
) -> Result<(), WriteError> {
    let mut tx = pool.begin().await?;
    let tenant = enter(&mut tx, by.tenant).await?;
    let action = match cut {
        Cut::EndSessions => {
            sqlx::query(
                "update accounts set sessions_valid_from = $2, updated_at = $2
                 where actor_id = $1",
            )
            .bind(by.actor)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            AuditAction::EndSessions
        }
        Cut::ChangePassword(phc) => {
            sqlx::query(
                "update accounts set password_hash = $3, sessions_valid_from = $2,
                        updated_at = $2
                 where actor_id = $1",
            )
            .bind(by.actor)
            .bind(now)
            .bind(phc)
            .execute(&mut *tx)
            .await?;
            AuditAction::ChangePassword
        }
    };
    sqlx::query(
        "update sign_ins set ended_at = $3
         where actor_id = $1 and id <> $2 and ended_at is null",
    )
    .bind(by.actor)
    .bind(keep)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    record(&mut tx, tenant, by, action).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_username_is_recorded_as_a_digest_never_as_typed() {
        let target = failed_target("  Anna-Go-No-Go ");
        assert_eq!(
            target,
            failed_target("anna-go-no-go"),
            "trimmed, lowercased"
        );
        assert!(target.starts_with("unknown:"), "{target}");
        assert_eq!(target.len(), "unknown:".len() + 16);
        assert!(!target.contains("anna"), "{target}");
        assert_ne!(failed_target("anna"), failed_target("marek"));
    }

    #[test]
    fn a_user_agent_is_kept_without_control_characters_and_truncated() {
        assert_eq!(kept_user_agent("Firefox\r\n/1"), "Firefox/1");
        assert_eq!(kept_user_agent(&"u".repeat(400)).len(), USER_AGENT_KEPT);
    }
}
