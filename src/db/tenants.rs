//! Tenants as the platform sees them: the directory a request reads its tenant's status from,
//! the lifecycle commands (each a transition of [`crate::readiness::lifecycle`] recorded on the
//! platform chain in the transaction that makes it), the purge, and the managing director's
//! one-time invitation.
//!
//! Everything but [`directory`], [`invitation`] and [`accept_invitation`] runs as the owner
//! role: the app role reads the directory and accepts invitations, nothing else of this.

use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use super::platform::{self, PlatformEvent};
use super::seed::{self, TenantRow};
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::readiness::demo;
use crate::readiness::lifecycle::{
    self, Command, NewSlug, Refused, SlugError, TenantEventKind, TenantStatus,
};
use crate::readiness::state::{Actor, Role};

/// How long an invitation is valid.
pub const INVITATION_VALID: time::Duration = time::Duration::hours(72);

/// What an invitation token begins with.
pub const INVITATION_PREFIX: &str = "rc_inv_";

/// Why a tenant command did nothing.
#[derive(Debug, thiserror::Error)]
pub enum TenantError {
    /// The slug cannot be a tenant's.
    #[error(transparent)]
    Slug(#[from] SlugError),
    /// Another tenant that is not deleted has this slug (in any case).
    #[error("a tenant with the slug {0} exists already")]
    Exists(String),
    /// No tenant that is not deleted has this slug.
    #[error("there is no tenant {0}")]
    Unknown(String),
    /// The lifecycle does not allow the command.
    #[error("{slug}: {refused}")]
    Refused {
        /// The tenant.
        slug: String,
        /// What the lifecycle said.
        refused: Refused,
    },
    /// The input cannot be used (said in one sentence).
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for TenantError {
    fn from(error: sqlx::Error) -> Self {
        Self::Db(error.into())
    }
}

/// A programme's version as the tenants table stores it.
fn version(programme: &crate::readiness::programme::Programme) -> i32 {
    i32::try_from(programme.version).unwrap_or(i32::MAX)
}

/// Who gives a command, and the request id its events carry.
#[derive(Debug, Clone, Copy)]
pub struct Operator<'a> {
    /// The operator's name, as the platform chain records it.
    pub name: &'a str,
    /// The command's request id.
    pub request_id: &'a str,
    /// Signs the platform events.
    pub key: &'a CheckpointKey,
    /// Stamps them.
    pub clock: &'a Clock,
}

/// A request's view of its tenant: its status, and why it is suspended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directory {
    /// Where the tenant is in its life.
    pub status: TenantStatus,
    /// The operator's reason, when suspended.
    pub suspended_reason: Option<String>,
}

/// The status of the tenant with this slug, as the app role sees it (a purged tenant is not
/// there); `None` when there is none.
pub async fn directory(pool: &PgPool, slug: &str) -> Result<Option<Directory>, DbError> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("select status, suspended_reason from tenants where slug = $1")
            .bind(slug)
            .fetch_optional(pool)
            .await?;
    row.map(|(status, suspended_reason)| {
        // The column's check constraint allows only known codes; a build that does not know
        // one reads the row as damaged rather than guessing.
        let status = status
            .parse()
            .map_err(|e: crate::readiness::code::UnknownCode| {
                DbError::Shape(serde::de::Error::custom(e))
            })?;
        Ok(Directory {
            status,
            suspended_reason,
        })
    })
    .transpose()
}

/// A tenant to create.
#[derive(Debug, Clone)]
pub struct NewTenant<'a> {
    /// Its slug.
    pub slug: NewSlug,
    /// Its display name.
    pub name: &'a str,
    /// The programme it runs.
    pub programme: &'a crate::readiness::programme::Programme,
    /// The managing director's name.
    pub md_name: &'a str,
    /// The managing director's e-mail, the tenant's contact.
    pub md_email: &'a str,
}

/// What [`create`] made.
#[derive(Debug, Clone)]
pub struct Created {
    /// The tenant's id.
    pub tenant: Uuid,
    /// The managing director's actor id.
    pub md_actor: String,
    /// The invitation token, shown once: only its SHA-256 is stored.
    pub invitation: String,
    /// Until when it may be used.
    pub expires_at: OffsetDateTime,
}

/// Creates a tenant: its row in `provisioning` with its programme's profile under the name
/// typed (committed, with its event), then in one more transaction its programme rows (with
/// the programme's providers), its managing director and their invitation, and the
/// transition to `active`. A tenant whose second step failed stays in `provisioning`, which
/// its pages say.
pub async fn create(
    owner: &PgPool,
    new: &NewTenant<'_>,
    by: &Operator<'_>,
) -> Result<Created, TenantError> {
    let slug = new.slug.as_str();
    // The programme's profile (and, below, its providers), under the name typed.
    let profile = new.programme.profile.named(new.name);
    let mut tx = owner.begin().await?;
    let inserted = seed::insert_tenant(
        &mut tx,
        &TenantRow {
            slug,
            profile: &profile,
            status: TenantStatus::Provisioning,
            contact_email: Some(new.md_email),
            programme: Some((&new.programme.name, version(new.programme))),
        },
    )
    .await;
    let tenant = match inserted {
        Ok(tenant) => tenant,
        Err(DbError::Sqlx(sqlx::Error::Database(e)))
            if e.constraint() == Some("tenants_slug_live") =>
        {
            return Err(TenantError::Exists(slug.to_owned()));
        }
        Err(error) => return Err(error.into()),
    };
    record(
        &mut tx,
        by,
        tenant,
        TenantEventKind::StatusChanged,
        serde_json::json!({ "from": null, "to": TenantStatus::Provisioning, "slug": slug,
                            "programme": { "name": new.programme.name,
                                          "version": new.programme.version } }),
    )
    .await?;
    tx.commit().await?;

    let mut tx = owner.begin().await?;
    lock(&mut tx, slug).await?;
    sqlx::query("select set_config('app.tenant_id', $1::text, true)")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    let md_actor = format!("user_md_{}", &Uuid::new_v4().simple().to_string()[..8]);
    // A managing director's permissions are the role's, the same in every programme: the
    // demo's managing director's.
    let permissions = demo::state(by.clock.now())
        .actors
        .iter()
        .find(|a| a.role == Role::ManagingDirector)
        .map(|a| a.permissions.clone())
        .unwrap_or_default();
    let md = Actor {
        id: md_actor.clone(),
        name: new.md_name.to_owned(),
        unit: "direction".to_owned(),
        role: Role::ManagingDirector,
        permissions,
    };
    seed::insert_actors(&mut tx, tenant, std::slice::from_ref(&md)).await?;
    // The managing director's email is the tenant's contact: a person of the tenant, once.
    sqlx::query("update actors set email = lower($2) where actor_id = $1")
        .bind(&md_actor)
        .bind(new.md_email.trim())
        .execute(&mut *tx)
        .await?;
    // Until the tenant has other actors, the managing director owns every check.
    seed::insert_programme(
        &mut tx,
        tenant,
        new.programme.profile.providers(),
        &new.programme.catalogue,
        |item| item.owner.as_ref().map(|_| md_actor.clone()),
    )
    .await?;
    super::programmes::store(&mut tx, tenant, new.programme).await?;
    sqlx::query("insert into audit_heads (tenant_id) values ($1)")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    let invitation = invitation_token()?;
    let expires_at = by.clock.now() + INVITATION_VALID;
    sqlx::query(
        "insert into tenant_invitations (tenant_id, actor_id, token_sha256, expires_at, purpose)
         values ($1, $2, $3, $4, 'invite')",
    )
    .bind(tenant)
    .bind(&md_actor)
    .bind(crate::bundle::sha256(invitation.as_bytes()))
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    // With mail configured, the managing director's link is mailed too.
    super::mail::queue_link(
        &mut tx,
        (tenant, None),
        &md_actor,
        super::mail::MailKind::Invite,
        &format!("/t/{slug}/invite/{invitation}"),
        by.clock,
    )
    .await?;
    transition(
        &mut tx,
        by,
        (tenant, slug, TenantStatus::Provisioning),
        &Command::ProvisionComplete,
    )
    .await?;
    super::summary::refresh(&mut tx, tenant, slug, by.clock).await?;
    tx.commit().await?;
    Ok(Created {
        tenant,
        md_actor,
        invitation,
        expires_at,
    })
}

/// Gives `command` to the tenant with this slug: the lifecycle's transition, recorded on the
/// platform chain. Returns the new status.
pub async fn command(
    owner: &PgPool,
    slug: &str,
    command: &Command,
    by: &Operator<'_>,
) -> Result<TenantStatus, TenantError> {
    let mut tx = owner.begin().await?;
    let (tenant, status) = lock(&mut tx, slug).await?;
    let to = transition(&mut tx, by, (tenant, slug, status), command).await?;
    tx.commit().await?;
    Ok(to)
}

/// What [`change_programme`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeChanged {
    /// The version the tenant ran.
    pub from: u32,
    /// The version it runs now.
    pub to: u32,
    /// The items the new version no longer has (retired: their history stays).
    pub retired: Vec<String>,
    /// The items it brings.
    pub added: Vec<String>,
}

/// Moves the tenant with this slug to `programme`, a later version of the programme it runs,
/// in one transaction: its sections and items become the new version's (an item that stays
/// keeps its acceptances, its probe results and its history; one that goes is retired, not
/// deleted; every kept item's version moves, so a form drawn before is refused as stale), its
/// stored programme is replaced, and a `programme_changed` event with both versions is
/// appended to the platform chain.
pub async fn change_programme(
    owner: &PgPool,
    slug: &str,
    programme: &crate::readiness::programme::Programme,
    by: &Operator<'_>,
) -> Result<ProgrammeChanged, TenantError> {
    let mut tx = owner.begin().await?;
    let (tenant, status) = lock(&mut tx, slug).await?;
    if !matches!(status, TenantStatus::Active | TenantStatus::Suspended) {
        return Err(TenantError::Invalid(format!(
            "tenant {slug} is {status}: only an active or suspended tenant changes its programme"
        )));
    }
    sqlx::query("select set_config('app.tenant_id', $1::text, true)")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    let current: Option<(String, i32, String)> =
        sqlx::query_as("select name, version, sha256 from tenant_programmes")
            .fetch_optional(&mut *tx)
            .await?;
    // A tenant stored before programmes were runs the demo's.
    let (runs, current, sha256) = match current {
        Some((name, version, sha)) => (name, u32::try_from(version).unwrap_or(0), sha),
        None => {
            let demo = crate::readiness::programme::demo();
            (
                demo.name.clone(),
                demo.version,
                crate::bundle::sha256(demo.source.as_bytes()),
            )
        }
    };
    crate::readiness::programme::check_move(&runs, current, programme)
        .map_err(|refused| TenantError::Invalid(format!("{slug}: {refused}")))?;

    let before: Vec<String> =
        sqlx::query_scalar("select key from catalogue_items where retired_in is null order by key")
            .fetch_all(&mut *tx)
            .await?;
    let rows = super::people::people_locked(&mut tx).await?;
    let everyone = super::people::as_people(&rows);
    let defaults: Vec<(String, String)> = sqlx::query_as("select role, actor_id from role_owners")
        .fetch_all(&mut *tx)
        .await?;
    // An item's owner is the person pinned to it (kept by `upsert_catalogue` while they hold
    // its owner role); else the rule of an item nobody is pinned to: its role's default person,
    // else the programme's, else (as when a tenant is created) its managing director.
    let director = everyone
        .iter()
        .find(|p| p.role == Role::ManagingDirector)
        .map(|p| p.id);
    let owner_of = |item: &crate::readiness::catalogue::ItemDef| {
        let default = item.owner_role.and_then(|role| {
            defaults
                .iter()
                .find(|(r, _)| r == role.as_str())
                .map(|(_, actor)| actor.as_str())
        });
        crate::readiness::people::default_owner(
            item.owner_role,
            item.owner.as_deref(),
            default,
            &everyone,
            director,
        )
        .map(str::to_owned)
    };
    let version = super::programmes::version(programme);
    seed::upsert_catalogue(&mut tx, tenant, &programme.catalogue, owner_of, version).await?;
    let after: Vec<String> =
        sqlx::query_scalar("select key from catalogue_items where retired_in is null order by key")
            .fetch_all(&mut *tx)
            .await?;
    super::programmes::store(&mut tx, tenant, programme).await?;
    sqlx::query(
        "update tenants set programme_name = $2, programme_version = $3, updated_at = $4
         where id = $1",
    )
    .bind(tenant)
    .bind(&programme.name)
    .bind(version)
    .bind(by.clock.now())
    .execute(&mut *tx)
    .await?;
    let retired: Vec<String> = before
        .iter()
        .filter(|k| !after.contains(k))
        .cloned()
        .collect();
    let added: Vec<String> = after
        .iter()
        .filter(|k| !before.contains(k))
        .cloned()
        .collect();
    record(
        &mut tx,
        by,
        tenant,
        TenantEventKind::ProgrammeChanged,
        serde_json::json!({
            "name": programme.name,
            "from": { "version": current, "sha256": sha256 },
            "to": { "version": programme.version,
                    "sha256": crate::bundle::sha256(programme.source.as_bytes()) },
            "retired": retired,
            "added": added,
        }),
    )
    .await?;
    super::summary::refresh(&mut tx, tenant, slug, by.clock).await?;
    tx.commit().await?;
    Ok(ProgrammeChanged {
        from: current,
        to: programme.version,
        retired,
        added,
    })
}

/// Locks the row of the tenant with this slug that is not deleted: its id and status.
async fn lock(tx: &mut PgConnection, slug: &str) -> Result<(Uuid, TenantStatus), TenantError> {
    let row: Option<(Uuid, String)> = sqlx::query_as(
        "select id, status from tenants where slug = $1 and deleted_at is null for update",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await?;
    let (id, status) = row.ok_or_else(|| TenantError::Unknown(slug.to_owned()))?;
    let status = status
        .parse()
        .map_err(|e: crate::readiness::code::UnknownCode| TenantError::Invalid(e.to_string()))?;
    Ok((id, status))
}

/// Applies the lifecycle's answer to `command`: the row's new status (and reason), the event
/// of the transition and a `status_changed` event, in the caller's transaction.
pub(super) async fn transition(
    tx: &mut PgConnection,
    by: &Operator<'_>,
    (tenant, slug, status): (Uuid, &str, TenantStatus),
    command: &Command,
) -> Result<TenantStatus, TenantError> {
    let step = lifecycle::transition(status, command).map_err(|refused| TenantError::Refused {
        slug: slug.to_owned(),
        refused,
    })?;
    let reason = match command {
        Command::Suspend { reason } => Some(reason.as_str()),
        _ => None,
    };
    let now = by.clock.now();
    sqlx::query(
        "update tenants set status = $2, suspended_reason = $3, updated_at = $4,
                            deleted_at = case when $2 = 'deleted' then $4 end
         where id = $1",
    )
    .bind(tenant)
    .bind(step.to.as_str())
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let payload = match reason {
        Some(reason) => serde_json::json!({ "reason": reason }),
        None => serde_json::json!({}),
    };
    record(tx, by, tenant, step.event, payload).await?;
    // Suspending and resuming are domain events too: the tenant's webhooks hear of them.
    if let Some(mut event) = crate::readiness::outbox::of_lifecycle(step.event, reason) {
        if let Some(data) = event.data.as_object_mut() {
            data.insert("actor".into(), by.name.into());
        }
        super::outbox::store(tx, tenant, &[event], by.clock).await?;
    }
    record(
        tx,
        by,
        tenant,
        TenantEventKind::StatusChanged,
        serde_json::json!({ "from": status, "to": step.to }),
    )
    .await?;
    Ok(step.to)
}

pub(super) async fn record(
    tx: &mut PgConnection,
    by: &Operator<'_>,
    tenant: Uuid,
    kind: TenantEventKind,
    payload: serde_json::Value,
) -> Result<i64, DbError> {
    platform::append(
        tx,
        &PlatformEvent {
            tenant,
            kind,
            actor: by.name,
            payload,
            request_id: by.request_id,
        },
        by.key,
        by.clock,
    )
    .await
}

/// One line of `tenant list`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Listed {
    /// The slug.
    pub slug: String,
    /// The display name.
    pub name: String,
    /// The status, as stored.
    pub status: String,
    /// Why it is suspended.
    pub suspended_reason: Option<String>,
    /// The programme's name.
    pub programme_name: Option<String>,
    /// The programme's version.
    pub programme_version: Option<i32>,
    /// The last change.
    pub updated_at: OffsetDateTime,
}

/// Every tenant, purged ones too, by slug.
pub async fn list(owner: &PgPool) -> Result<Vec<Listed>, DbError> {
    Ok(sqlx::query_as(
        "select slug, name, status, suspended_reason, programme_name, programme_version,
                updated_at
         from tenants order by slug, deleted_at nulls first, created_at",
    )
    .fetch_all(owner)
    .await?)
}

/// One purged tenant: its slug and its audit chain's final head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purged {
    /// The slug it had.
    pub slug: String,
    /// The final head: sequence number and hash.
    pub head: (i64, String),
    /// How many rows were removed.
    pub rows: i64,
}

/// Purges every tenant deleted longer than `older_than` ago (by `by.clock`): first records its
/// audit chain's final head on the platform chain (`deleted`, and the status change), then
/// removes its rows from every tenant table, in one transaction per tenant. Its own row stays,
/// soft-deleted, for the platform chain to name.
pub async fn purge(
    owner: &PgPool,
    older_than: time::Duration,
    by: &Operator<'_>,
) -> Result<Vec<Purged>, TenantError> {
    let cutoff = by.clock.now() - older_than;
    let due: Vec<String> = sqlx::query_scalar(
        "select slug from tenants where status = 'deleting' and updated_at < $1 order by slug",
    )
    .bind(cutoff)
    .fetch_all(owner)
    .await?;
    let mut purged = Vec::new();
    for slug in due {
        let mut tx = owner.begin().await?;
        let (tenant, status) = lock(&mut tx, &slug).await?;
        sqlx::query("select set_config('app.tenant_id', $1::text, true)")
            .bind(tenant)
            .execute(&mut *tx)
            .await?;
        let head: (i64, String) =
            sqlx::query_as("select seq, hash from audit_heads where tenant_id = $1")
                .bind(tenant)
                .fetch_optional(&mut *tx)
                .await?
                .unwrap_or_default();
        let step = lifecycle::transition(status, &Command::FinishDelete).map_err(|refused| {
            TenantError::Refused {
                slug: slug.clone(),
                refused,
            }
        })?;
        record(
            &mut tx,
            by,
            tenant,
            step.event,
            serde_json::json!({ "slug": slug, "audit_head": { "seq": head.0, "hash": head.1 } }),
        )
        .await?;
        let rows: i64 = sqlx::query_scalar("select purge_tenant_rows($1)")
            .bind(tenant)
            .fetch_one(&mut *tx)
            .await?;
        let now = by.clock.now();
        sqlx::query(
            "update tenants set status = $2, updated_at = $3, deleted_at = $3 where id = $1",
        )
        .bind(tenant)
        .bind(step.to.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            by,
            tenant,
            TenantEventKind::StatusChanged,
            serde_json::json!({ "from": status, "to": step.to }),
        )
        .await?;
        tx.commit().await?;
        purged.push(Purged { slug, head, rows });
    }
    Ok(purged)
}

/// A fresh invitation token: [`INVITATION_PREFIX`] and 32 random bytes in unpadded base64url.
fn invitation_token() -> Result<String, TenantError> {
    token(INVITATION_PREFIX).map_err(|e| TenantError::Invalid(e.to_string()))
}

/// A fresh one-time token: `prefix` and 32 random bytes in unpadded base64url.
pub(crate) fn token(prefix: &str) -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(format!("{prefix}{}", base64url(&bytes)))
}

/// Unpadded base64url (RFC 4648 §5).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let digits = chunk.len() + 1;
        for i in 0..digits {
            let index = usize::try_from((n >> (18 - 6 * i)) & 63).unwrap_or(0);
            out.push(char::from(ALPHABET[index]));
        }
    }
    out
}

/// Whether a path segment can be an invitation token at all (anything else is answered as an
/// unknown one without asking the database).
pub fn plausible_token(token: &str) -> bool {
    plausible(token, INVITATION_PREFIX)
}

/// Whether a path segment can be a token with this prefix at all.
pub(crate) fn plausible(token: &str, prefix: &str) -> bool {
    token.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == 43
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// What an invitation link finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invitation {
    /// It may be used now.
    Valid,
    /// Its 72 hours are over.
    Expired,
    /// It was used.
    Used,
    /// No invitation of this tenant has this token.
    Unknown,
}

/// What the token finds in the tenant with this slug, at `now`.
pub async fn invitation(
    pool: &PgPool,
    slug: &str,
    token: &str,
    now: OffsetDateTime,
) -> Result<Invitation, DbError> {
    one_time(pool, slug, token, now, Purpose::Invite).await
}

/// What a one-time link is for: an account to create, or an account's new password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// An invitation (`rc_inv_…`).
    Invite,
    /// A password reset (`rc_rst_…`).
    Reset,
}

impl Purpose {
    /// As stored in `tenant_invitations.purpose`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Reset => "reset",
        }
    }

    /// What its tokens begin with.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Invite => INVITATION_PREFIX,
            Self::Reset => RESET_PREFIX,
        }
    }
}

/// What a password-reset token begins with.
pub const RESET_PREFIX: &str = "rc_rst_";

/// What a one-time link of this purpose finds in the tenant with this slug, at `now`.
pub async fn one_time(
    pool: &PgPool,
    slug: &str,
    token: &str,
    now: OffsetDateTime,
    purpose: Purpose,
) -> Result<Invitation, DbError> {
    if !plausible(token, purpose.prefix()) {
        return Ok(Invitation::Unknown);
    }
    let mut tx = pool.begin().await?;
    if super::enter_tenant(&mut tx, slug).await?.is_none() {
        return Ok(Invitation::Unknown);
    }
    let found = find_invitation(&mut tx, token, now, purpose).await?;
    tx.commit().await?;
    Ok(found)
}

async fn find_invitation(
    tx: &mut PgConnection,
    token: &str,
    now: OffsetDateTime,
    purpose: Purpose,
) -> Result<Invitation, DbError> {
    let row: Option<(OffsetDateTime, Option<OffsetDateTime>)> = sqlx::query_as(
        "select expires_at, used_at from tenant_invitations
         where token_sha256 = $1 and purpose = $2",
    )
    .bind(crate::bundle::sha256(token.as_bytes()))
    .bind(purpose.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    Ok(match row {
        None => Invitation::Unknown,
        Some((_, Some(_))) => Invitation::Used,
        Some((expires_at, None)) if expires_at <= now => Invitation::Expired,
        Some(_) => Invitation::Valid,
    })
}

/// Why accepting an invitation did nothing.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    /// The token is not (or no longer) valid.
    #[error("the invitation is {0:?}")]
    Invalid(Invitation),
    /// Another account of the tenant has this username.
    #[error("the username is taken")]
    UsernameTaken,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for AcceptError {
    fn from(error: sqlx::Error) -> Self {
        Self::Db(error.into())
    }
}

/// What stamps the audit event of a link's use: the audit key, the clock, the request.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    /// Signs the event.
    pub key: &'a CheckpointKey,
    /// Stamps it, and is the `now` the link's expiry is checked against.
    pub clock: &'a Clock,
    /// The request's id.
    pub request_id: &'a str,
}

impl Stamp<'_> {
    /// Appends, inside `tx`, the event of `actor` doing `action` to `target`, signed and stamped
    /// with this request's.
    pub(crate) async fn append(
        &self,
        tx: &mut PgConnection,
        tenant: Uuid,
        actor: &str,
        (action, target): (crate::readiness::AuditAction, &str),
    ) -> Result<i64, DbError> {
        let event = super::audit::NewEvent {
            actor,
            action,
            target,
            evidence_digest: None,
            request_id: self.request_id,
        };
        super::audit::append(tx, tenant, &event, self.key, self.clock).await
    }
}

/// Marks the valid one-time link of this purpose used, in `tx`: the person it is for, or why
/// it cannot be used. Marking it used first locks it: a second use waits, then finds it used.
async fn use_link(
    tx: &mut PgConnection,
    token: &str,
    now: OffsetDateTime,
    purpose: Purpose,
) -> Result<Result<String, Invitation>, DbError> {
    let actor: Option<String> = sqlx::query_scalar(
        "update tenant_invitations set used_at = $2
         where token_sha256 = $1 and purpose = $3 and used_at is null and expires_at > $2
         returning actor_id",
    )
    .bind(crate::bundle::sha256(token.as_bytes()))
    .bind(now)
    .bind(purpose.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    match actor {
        Some(actor) => Ok(Ok(actor)),
        None => Ok(Err(find_invitation(tx, token, now, purpose).await?)),
    }
}

/// Uses the invitation: creates the invited person's account with `username` and the
/// argon2id `password_hash`, marks the invitation used and appends an `accept_invitation`
/// event (by the person, on themselves), in one transaction, once. Any invited person accepts
/// this way, the tenant's first managing director as everyone after. Returns the actor.
pub async fn accept_invitation(
    pool: &PgPool,
    slug: &str,
    token: &str,
    username: &str,
    password_hash: &str,
    stamp: &Stamp<'_>,
) -> Result<String, AcceptError> {
    if !plausible_token(token) {
        return Err(AcceptError::Invalid(Invitation::Unknown));
    }
    let mut tx = pool.begin().await?;
    let Some(tenant) = super::enter_tenant(&mut tx, slug).await? else {
        return Err(AcceptError::Invalid(Invitation::Unknown));
    };
    let actor = match use_link(&mut tx, token, stamp.clock.now(), Purpose::Invite).await? {
        Ok(actor) => actor,
        Err(found) => return Err(AcceptError::Invalid(found)),
    };
    let created = sqlx::query(
        "insert into accounts (tenant_id, actor_id, username, password_hash)
         values ($1, $2, $3, $4)",
    )
    .bind(tenant)
    .bind(&actor)
    .bind(username)
    .bind(password_hash)
    .execute(&mut *tx)
    .await;
    match created {
        Ok(_) => {}
        Err(sqlx::Error::Database(e))
            if e.constraint() == Some("accounts_tenant_id_username_key") =>
        {
            return Err(AcceptError::UsernameTaken);
        }
        Err(error) => return Err(error.into()),
    }
    let own = (
        crate::readiness::AuditAction::AcceptInvitation,
        actor.as_str(),
    );
    stamp.append(&mut tx, tenant, &actor, own).await?;
    tx.commit().await?;
    Ok(actor)
}

/// Uses the password-reset link: the account's new argon2id `password_hash` (its sessions from
/// before end: `sessions_valid_from` moves), the link marked used and a `reset_password` event
/// appended (by the person, on themselves), in one transaction, once. Returns the actor and
/// their username.
pub async fn reset_password(
    pool: &PgPool,
    slug: &str,
    token: &str,
    password_hash: &str,
    stamp: &Stamp<'_>,
) -> Result<String, AcceptError> {
    if !plausible(token, RESET_PREFIX) {
        return Err(AcceptError::Invalid(Invitation::Unknown));
    }
    let mut tx = pool.begin().await?;
    let Some(tenant) = super::enter_tenant(&mut tx, slug).await? else {
        return Err(AcceptError::Invalid(Invitation::Unknown));
    };
    let now = stamp.clock.now();
    let actor = match use_link(&mut tx, token, now, Purpose::Reset).await? {
        Ok(actor) => actor,
        Err(found) => return Err(AcceptError::Invalid(found)),
    };
    let changed = sqlx::query(
        "update accounts set password_hash = $2, sessions_valid_from = $3, updated_at = $3
         where actor_id = $1",
    )
    .bind(&actor)
    .bind(password_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(AcceptError::Invalid(Invitation::Unknown));
    }
    let own = (crate::readiness::AuditAction::ResetPassword, actor.as_str());
    stamp.append(&mut tx, tenant, &actor, own).await?;
    tx.commit().await?;
    Ok(actor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_is_rfc_4648_without_padding() {
        let cases: [(&[u8], &str); 5] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (&[0xfb, 0xff, 0xbf], "-_-_"),
        ];
        for (bytes, encoded) in cases {
            assert_eq!(base64url(bytes), encoded);
        }
    }

    #[test]
    fn an_invitation_token_is_the_prefix_and_43_characters_and_plausible() {
        let token = invitation_token().unwrap();
        assert!(token.starts_with(INVITATION_PREFIX), "{token}");
        assert_eq!(token.len(), INVITATION_PREFIX.len() + 43);
        assert!(plausible_token(&token));
        assert!(!plausible_token("rc_inv_short"));
        assert!(!plausible_token(
            &token.replace(INVITATION_PREFIX, "xx_inv_")
        ));
    }
}
