//! The mail queue: mails stored in the transaction of what causes them (an invitation, a
//! password reset, an item that began to wait on its owner), only when this database's consoles
//! send mail; the worker's side (claiming due mails under a lease, settling each try); and each
//! person's mail settings (their language, whether they want reminders).

use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use crate::clock::Clock;
use crate::readiness::outbox::{DomainEvent, EventType};

/// The channel a new mail notifies, waking the senders of every instance.
pub const CHANNEL: &str = "readiness_mail";

crate::readiness::code::code_enum! {
    /// What a mail is.
    pub enum MailKind as "mail kind" {
        /// An invitation's one-time link.
        Invite => "invite",
        /// A password reset's one-time link.
        Reset => "reset",
        /// "Waiting on you": an item became actionable for its owner.
        Waiting => "waiting",
    }
}

crate::readiness::code::code_enum! {
    /// Where a mail stands.
    pub enum MailStatus as "mail status" {
        /// Not sent yet: due now or at its next try.
        Pending => "pending",
        /// The SMTP server accepted it.
        Sent => "sent",
        /// Every try failed.
        Dead => "dead",
    }
}

/// Turns the queueing of mail on or off for every console on this database: `serve` calls it
/// at start-up, on with an SMTP server configured, off without.
pub async fn set_enabled(pool: &PgPool, enabled: bool) -> Result<(), DbError> {
    sqlx::query("select set_mail_enabled($1)")
        .bind(enabled)
        .execute(pool)
        .await?;
    Ok(())
}

/// Queues, inside the caller's transaction (entered in `tenant`), the mail carrying the
/// one-time link `path` (`/t/…/invite/…` or `/t/…/reset/…`) to `actor`, in their account's
/// language, else the language of `by` (who issued it), else English. Nothing when mail is off
/// or the person has no email.
pub(crate) async fn queue_link(
    tx: &mut PgConnection,
    (tenant, by): (Uuid, Option<&str>),
    actor: &str,
    kind: MailKind,
    path: &str,
    clock: &Clock,
) -> Result<(), DbError> {
    sqlx::query(
        "insert into mail_queue
             (tenant_id, kind, actor_id, to_address, to_name, lang, content, next_attempt_at,
              created_at)
         select $1, $2, a.actor_id, a.email, a.name,
                coalesce((select lang from accounts where actor_id = a.actor_id),
                         (select lang from accounts where actor_id = $5), 'en'),
                jsonb_build_object('link', $4::text), $6, $6
         from actors a
         where a.actor_id = $3 and a.email is not null and mail_enabled()",
    )
    .bind(tenant)
    .bind(kind.as_str())
    .bind(actor)
    .bind(path)
    .bind(by)
    .bind(clock.now())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Queues, inside the caller's transaction, a "waiting on you" mail for each
/// `item.waiting_on_owner` event of `events`: to the item's owner, in their language, when
/// they have an active account with an email and have not unsubscribed. Nothing when mail is
/// off.
pub(crate) async fn queue_waiting(
    tx: &mut PgConnection,
    tenant: Uuid,
    events: &[DomainEvent],
    clock: &Clock,
) -> Result<(), DbError> {
    let (items, owners): (Vec<&str>, Vec<&str>) = events
        .iter()
        .filter(|e| e.kind == EventType::ItemWaitingOnOwner)
        .filter_map(|e| Some((e.data["item"].as_str()?, e.data["owner"].as_str()?)))
        .unzip();
    if items.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "insert into mail_queue
             (tenant_id, kind, actor_id, to_address, to_name, lang, content, next_attempt_at,
              created_at)
         select $1, 'waiting', a.actor_id, a.email, a.name, coalesce(c.lang, 'en'),
                jsonb_build_object('item', e.item, 'environment',
                                   (select environment from tenant_profiles)), $4, $4
         from unnest($2::text[], $3::text[]) as e (item, owner)
         join actors a on a.actor_id = e.owner and a.email is not null
         join accounts c on c.actor_id = e.owner and c.status = 'active' and c.reminders
         where mail_enabled()",
    )
    .bind(tenant)
    .bind(&items)
    .bind(&owners)
    .bind(clock.now())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A mail claimed by a worker: to whom, what, in which language.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    /// The mail.
    pub id: Uuid,
    /// Its tenant.
    pub tenant_id: Uuid,
    /// The tenant's slug, which its links name.
    pub slug: String,
    /// The tenant's name, which the mail names.
    pub tenant_name: String,
    /// What the mail is (its code).
    pub kind: String,
    /// The person it goes to.
    pub actor_id: String,
    /// Their name.
    pub name: String,
    /// Their address.
    pub to_address: String,
    /// Their language's tag.
    pub lang: String,
    /// What it says (a link, an item), until it is sent.
    pub content: Option<sqlx::types::Json<serde_json::Value>>,
    /// Which try this is, counting from 1.
    pub tries: i32,
}

impl Claimed {
    /// The mail's kind, if this build knows it.
    pub fn mail_kind(&self) -> Option<MailKind> {
        MailKind::parse(&self.kind)
    }

    /// A field of its content, if it has it.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.content.as_ref()?.0.get(name)?.as_str()
    }
}

/// Claims up to `limit` mails of any tenant due at `now`, each for `lease`.
pub async fn claim(
    pool: &PgPool,
    now: OffsetDateTime,
    lease: std::time::Duration,
    limit: i32,
) -> Result<Vec<Claimed>, DbError> {
    super::queue::claim(
        pool,
        "select * from claim_mail($1, $2, $3)",
        now,
        lease,
        limit,
    )
    .await
}

/// How a try ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// `sent`, `pending` (tried again at `next`) or `dead`.
    pub status: MailStatus,
    /// When the next try is due, for a pending mail.
    pub next: Option<OffsetDateTime>,
    /// The SMTP server's reply code, if it answered.
    pub code: Option<u16>,
    /// Why it failed, in a few words (the server's reply, never a credential).
    pub error: Option<String>,
}

/// Records the outcome of the try of mail `id` at `now` and ends its lease; a sent mail's
/// content (its one-time link) is blanked.
pub async fn settle(
    pool: &PgPool,
    id: Uuid,
    outcome: &Outcome,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query("select settle_mail($1, $2, $3, $4, $5, $6)")
        .bind(id)
        .bind(outcome.status.as_str())
        .bind(outcome.next)
        .bind(outcome.code.map(i32::from))
        .bind(outcome.error.as_deref())
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// Sets `actor`'s language, as they last used it (at sign-in), in the entered tenant.
pub(crate) async fn set_lang(
    tx: &mut PgConnection,
    actor: &str,
    lang: &str,
) -> Result<(), DbError> {
    sqlx::query("update accounts set lang = $2 where actor_id = $1 and lang is distinct from $2")
        .bind(actor)
        .bind(lang)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Whether `actor` of the tenant with this slug receives "waiting on you" reminders (`None`:
/// no such tenant or account).
pub async fn reminders(pool: &PgPool, slug: &str, actor: &str) -> Result<Option<bool>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    let on = sqlx::query_scalar("select reminders from accounts where actor_id = $1")
        .bind(actor)
        .fetch_optional(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(on)
}

/// Turns `actor`'s reminders on or off in the tenant with this slug; `false` when there is no
/// such account.
pub async fn set_reminders(
    pool: &PgPool,
    slug: &str,
    actor: &str,
    on: bool,
) -> Result<bool, DbError> {
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, slug).await?.is_none() {
        return Ok(false);
    }
    let done = sqlx::query("update accounts set reminders = $2 where actor_id = $1")
        .bind(actor)
        .bind(on)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    tx.commit().await?;
    Ok(done)
}
