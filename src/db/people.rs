//! A tenant's people, as the People page reads and changes them: the roster (each person, their
//! account, their pending invitation), invitations, roles, disabling and enabling, password
//! resets, and the owners of items and of roles (named, and given back).
//!
//! Every write is one transaction that begins as every write to the tenant as a whole
//! ([`super::write::begin`]: the tenant, a replayed form, the permission table), asks the pure
//! rules of [`crate::readiness::people`] on the rows it has locked, changes them, and ends with
//! its audit event ([`super::write::conclude`]). A refusal writes nothing.

use std::collections::{HashMap, HashSet};

use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use super::mail::MailKind;
use super::tenants::{self, Purpose};
use super::write::{Author, Begun, Ending, WriteError, Written, begin, conclude};
use crate::readiness::AuditAction;
use crate::readiness::ItemKind;
use crate::readiness::people::{
    self, AccountStatus, Email, Person, PersonName, PersonStatus, Refusal, SignInMethod,
};
use crate::readiness::permissions::Action;
use crate::readiness::state::Role;

/// How long an invitation is valid.
pub const INVITATION_VALID: time::Duration = tenants::INVITATION_VALID;

/// How long a password-reset link is valid.
pub const RESET_VALID: time::Duration = time::Duration::hours(24);

/// One person of the tenant, as the People page lists them.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Their actor id.
    pub actor: String,
    /// Their name.
    pub name: String,
    /// Their role; `None` when the stored code cannot be read.
    pub role: Option<Role>,
    /// The email they were invited with.
    pub email: Option<String>,
    /// Their account's username, once they have one.
    pub username: Option<String>,
    /// How they sign in.
    pub method: SignInMethod,
    /// Where they stand.
    pub status: PersonStatus,
    /// When they last signed in.
    pub last_sign_in_at: Option<OffsetDateTime>,
    /// Until when their pending invitation may be used.
    pub invitation_expires_at: Option<OffsetDateTime>,
}

/// A person's account status (`status`): their account's, or none yet (invited). A service
/// account has no account: it is active while a live `attest` key acts as it (only then may it
/// own a check), else disabled.
macro_rules! person_status {
    () => {
        "case when a.role = 'service' then
             case when exists (select from api_keys k
                               where k.actor_id = a.actor_id and k.revoked_at is null
                                 and k.scope = 'attest'
                                 and (k.expires_at is null or k.expires_at > now()))
                  then 'active' else 'disabled' end
         else c.status end as status"
    };
}

/// The tenant's people and who owns what.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// Everyone, in the tenant's order.
    pub people: Vec<Listed>,
    /// The items assigned to a person by hand.
    pub pinned: HashSet<String>,
    /// Each role's default person.
    pub role_owners: HashMap<Role, String>,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    actor_id: String,
    name: String,
    role: String,
    email: Option<String>,
    username: Option<String>,
    has_password: Option<bool>,
    status: Option<String>,
    last_sign_in_at: Option<OffsetDateTime>,
    invitation_expires_at: Option<OffsetDateTime>,
}

/// The people of the tenant with this slug; `None` for an unknown tenant.
pub async fn roster(pool: &PgPool, slug: &str) -> Result<Option<Roster>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    let rows: Vec<PersonRow> = sqlx::query_as(concat!(
        "select a.actor_id, a.name, a.role, a.email, c.username,
                c.password_hash is not null as has_password, ",
        person_status!(),
        ", c.last_sign_in_at,
                (select max(i.expires_at) from tenant_invitations i
                 where i.actor_id = a.actor_id and i.purpose = 'invite' and i.used_at is null)
                    as invitation_expires_at
         from actors a
         left join accounts c on c.tenant_id = a.tenant_id and c.actor_id = a.actor_id
         order by a.position, a.actor_id"
    ))
    .fetch_all(&mut *tx)
    .await?;
    let pinned: Vec<String> = sqlx::query_scalar(
        "select key from catalogue_items where owner_pinned and retired_in is null",
    )
    .fetch_all(&mut *tx)
    .await?;
    let defaults: Vec<(String, String)> = sqlx::query_as("select role, actor_id from role_owners")
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    let people = rows
        .into_iter()
        .map(|r| {
            let account = r.status.as_deref().map(AccountStatus::parse);
            Ok(Listed {
                role: Role::parse(&r.role),
                status: people::status(account.map(|s| s.unwrap_or(AccountStatus::Disabled))),
                method: people::sign_in_method(r.username.as_ref().and(r.has_password)),
                actor: r.actor_id,
                name: r.name,
                email: r.email,
                username: r.username,
                last_sign_in_at: r.last_sign_in_at,
                invitation_expires_at: r.invitation_expires_at,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(Some(Roster {
        people,
        pinned: pinned.into_iter().collect(),
        role_owners: defaults
            .into_iter()
            .filter_map(|(role, actor)| Role::parse(&role).map(|r| (r, actor)))
            .collect(),
    }))
}

/// Why a People write did nothing.
#[derive(Debug, thiserror::Error)]
pub enum PeopleError {
    /// A rule refused it.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// The write itself was refused (permission, tenant) or failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl From<Refusal> for PeopleError {
    fn from(refusal: Refusal) -> Self {
        Self::Refused(refusal)
    }
}

impl From<sqlx::Error> for PeopleError {
    fn from(error: sqlx::Error) -> Self {
        Self::Write(error.into())
    }
}

impl From<DbError> for PeopleError {
    fn from(error: DbError) -> Self {
        Self::Write(error.into())
    }
}

/// Everyone of the entered tenant as the rules see them, their rows locked until the commit
/// (so two directors demoting each other at once cannot both pass the last-director rule).
pub(super) async fn people_locked(
    tx: &mut PgConnection,
) -> Result<Vec<(String, Role, PersonStatus)>, DbError> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(concat!(
        "select a.actor_id, a.role, ",
        person_status!(),
        " from actors a
         left join accounts c on c.tenant_id = a.tenant_id and c.actor_id = a.actor_id
         order by a.actor_id
         for update of a"
    ))
    .fetch_all(&mut *tx)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, role, status)| {
            let role = Role::parse(&role)?;
            let account =
                status.map(|s| AccountStatus::parse(&s).unwrap_or(AccountStatus::Disabled));
            Some((id, role, people::status(account)))
        })
        .collect())
}

pub(super) fn as_people(rows: &[(String, Role, PersonStatus)]) -> Vec<Person<'_>> {
    rows.iter()
        .map(|(id, role, status)| Person {
            id,
            role: *role,
            status: *status,
        })
        .collect()
}

fn find<'a>(rows: &'a [(String, Role, PersonStatus)], actor: &str) -> Result<Person<'a>, Refusal> {
    as_people(rows)
        .into_iter()
        .find(|p| p.id == actor)
        .ok_or(Refusal::UnknownPerson)
}

/// Ends a People write: its audit event `action` on `target`, appended and committed in the
/// write's transaction.
async fn recorded(
    tx: sqlx::Transaction<'_, sqlx::Postgres>,
    tenant: Uuid,
    author: &Author<'_>,
    idempotency_key: Uuid,
    (action, target): (AuditAction, &str),
) -> Result<Written, PeopleError> {
    let event = author.event(action, target, None);
    let ending = Ending::default();
    let seq = conclude(tx, tenant, author, idempotency_key, &event, ending).await?;
    Ok(Written::Applied(seq))
}

/// A person to invite.
#[derive(Debug, Clone)]
pub struct NewPerson {
    /// Their name.
    pub name: PersonName,
    /// Their email.
    pub email: Email,
    /// Their role.
    pub role: Role,
}

/// What an invitation made.
#[derive(Debug, Clone)]
pub enum Invited {
    /// The person and their one-time link, shown once.
    Fresh {
        /// Their actor id.
        actor: String,
        /// The token (only its SHA-256 is stored).
        token: String,
        /// Until when it may be used.
        expires_at: OffsetDateTime,
    },
    /// The same form was sent before: its link was shown then.
    Replayed,
}

/// Invites a person: their actor row (with their email, unique in the tenant whatever its
/// case), an invitation valid [`INVITATION_VALID`] naming who invited them, and an
/// `invite_person` event on the new actor.
pub async fn invite(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    new: &NewPerson,
) -> Result<Invited, PeopleError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::ManagePeople).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(_) => return Ok(Invited::Replayed),
    };
    let taken: bool =
        sqlx::query_scalar("select exists (select from actors where lower(email) = $1)")
            .bind(new.email.as_str())
            .fetch_one(&mut *tx)
            .await?;
    if taken {
        return Err(Refusal::EmailTaken.into());
    }
    let random = Uuid::new_v4().simple().to_string();
    let actor = people::new_actor_id(new.role, &random);
    // The permissions a person of this role carries in the demo: every scenario actor carries
    // at least one (the `actors_claimed` fact reads them).
    // The unit, too, is the demo's for the role (the pages name units in every language).
    let (unit, permissions) = crate::readiness::demo::state(author.clock.now())
        .actors
        .into_iter()
        .find(|a| a.role == new.role)
        .map(|a| (a.unit, a.permissions))
        .unwrap_or_else(|| {
            (
                new.role.as_str().to_owned(),
                vec!["scenario.read".to_owned()],
            )
        });
    let inserted = sqlx::query(
        "insert into actors (tenant_id, actor_id, name, unit, role, permissions, position, email)
         select $1, $2, $3, $4, $5, $6, coalesce(max(position) + 1, 0), $7 from actors",
    )
    .bind(tenant)
    .bind(&actor)
    .bind(new.name.as_str())
    .bind(&unit)
    .bind(new.role.as_str())
    .bind(&permissions)
    .bind(new.email.as_str())
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        // Two invitations of the same address at once: the second finds the first's row.
        Err(sqlx::Error::Database(e)) if e.constraint() == Some("actors_email") => {
            return Err(Refusal::EmailTaken.into());
        }
        Err(error) => return Err(error.into()),
    }
    let (token, expires_at) = link(&mut tx, tenant, author, &actor, Purpose::Invite).await?;
    recorded(
        tx,
        tenant,
        author,
        idempotency_key,
        (AuditAction::InvitePerson, &actor),
    )
    .await?;
    tracing::info!(person = %actor, "person invited");
    Ok(Invited::Fresh {
        actor,
        token,
        expires_at,
    })
}

/// A one-time link of this purpose for `actor`, valid from now: its token and expiry.
async fn link(
    tx: &mut PgConnection,
    tenant: Uuid,
    author: &Author<'_>,
    actor: &str,
    purpose: Purpose,
) -> Result<(String, OffsetDateTime), PeopleError> {
    let token = tenants::token(purpose.prefix())
        .map_err(|e| PeopleError::Write(WriteError::Db(DbError::Seed(e.to_string()))))?;
    let valid = match purpose {
        Purpose::Invite => INVITATION_VALID,
        Purpose::Reset => RESET_VALID,
    };
    let expires_at = author.clock.now() + valid;
    sqlx::query(
        "insert into tenant_invitations
            (tenant_id, actor_id, token_sha256, expires_at, purpose, invited_by)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant)
    .bind(actor)
    .bind(crate::bundle::sha256(token.as_bytes()))
    .bind(expires_at)
    .bind(purpose.as_str())
    .bind(author.actor)
    .execute(&mut *tx)
    .await?;
    // With mail configured, the link is mailed too (queued in this transaction).
    let (kind, segment) = match purpose {
        Purpose::Invite => (MailKind::Invite, "invite"),
        Purpose::Reset => (MailKind::Reset, "reset"),
    };
    let path = format!("/t/{}/{segment}/{token}", author.tenant);
    super::mail::queue_link(
        tx,
        (tenant, Some(author.actor)),
        actor,
        kind,
        &path,
        author.clock,
    )
    .await?;
    Ok((token, expires_at))
}

/// Changes `actor`'s role, unless that leaves the tenant without an active managing director.
/// The items they owned under the role they leave go back to that role's default person, else
/// to the director making the change (pinned no more), and they stop being that role's
/// default: an item is owned only by a person holding its owner role.
pub async fn change_role(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    actor: &str,
    role: Role,
) -> Result<Written, PeopleError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::ManagePeople).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
    };
    let rows = people_locked(&mut tx).await?;
    let person = find(&rows, actor)?;
    people::keeps_a_director(&as_people(&rows), actor, (role, person.status))?;
    sqlx::query("update actors set role = $2 where actor_id = $1")
        .bind(actor)
        .bind(role.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from role_owners where actor_id = $1 and role <> $2")
        .bind(actor)
        .bind(role.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "update catalogue_items i set owner_pinned = false, version = i.version + 1,
            owner_actor_id = coalesce(
                (select o.actor_id from role_owners o where o.role = i.owner_role), $2)
         where i.owner_actor_id = $1 and i.owner_role is distinct from $3
           and i.retired_in is null",
    )
    .bind(actor)
    .bind(author.actor)
    .bind(role.as_str())
    .execute(&mut *tx)
    .await?;
    let target = people::role_change_target(actor, role);
    recorded(
        tx,
        tenant,
        author,
        idempotency_key,
        (AuditAction::ChangeRole, &target),
    )
    .await
}

/// Disables (`enabled` false) or enables `actor`'s account. Disabling the last active
/// managing director is refused; the account's sessions end at their next request (the
/// session layer reads the status).
pub async fn set_enabled(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    actor: &str,
    enabled: bool,
) -> Result<Written, PeopleError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::ManagePeople).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
    };
    let rows = people_locked(&mut tx).await?;
    let person = find(&rows, actor)?;
    if person.status == PersonStatus::Invited {
        return Err(Refusal::NoAccount.into());
    }
    let (status, after, action) = if enabled {
        (
            AccountStatus::Active,
            PersonStatus::Active,
            AuditAction::EnableAccount,
        )
    } else {
        (
            AccountStatus::Disabled,
            PersonStatus::Disabled,
            AuditAction::DisableAccount,
        )
    };
    people::keeps_a_director(&as_people(&rows), actor, (person.role, after))?;
    // Disabling also moves the instant before which sessions no longer count, so that enabling
    // the account again does not bring back the sessions it had.
    sqlx::query(
        "update accounts set status = $2, updated_at = $3,
             sessions_valid_from = case when $2 = 'disabled' then $3 else sessions_valid_from end
         where actor_id = $1",
    )
    .bind(actor)
    .bind(status.as_str())
    .bind(crate::checkpoint::to_micros(author.clock.now()))
    .execute(&mut *tx)
    .await?;
    recorded(tx, tenant, author, idempotency_key, (action, actor)).await
}

/// What issuing a password reset made.
#[derive(Debug, Clone)]
pub enum ResetIssued {
    /// The one-time link's token and expiry, shown once.
    Fresh {
        /// What the link is for: a new password, or (for a person who has no account yet) a
        /// new invitation.
        purpose: Purpose,
        /// The token (only its SHA-256 is stored).
        token: String,
        /// Until when it may be used.
        expires_at: OffsetDateTime,
    },
    /// The same form was sent before: its link was shown then.
    Replayed,
}

/// Issues a password-reset link for `actor`'s account, valid [`RESET_VALID`], and appends an
/// `issue_password_reset` event. A person who has not accepted their invitation yet (it may
/// have expired) is sent a new invitation instead, valid [`INVITATION_VALID`], recorded as
/// `invite_person` again.
pub async fn issue_reset(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    actor: &str,
) -> Result<ResetIssued, PeopleError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::ManagePeople).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(_) => return Ok(ResetIssued::Replayed),
    };
    let rows = people_locked(&mut tx).await?;
    let person = find(&rows, actor)?;
    let (purpose, action) = if person.status == PersonStatus::Invited {
        (Purpose::Invite, AuditAction::InvitePerson)
    } else {
        (Purpose::Reset, AuditAction::IssuePasswordReset)
    };
    let (token, expires_at) = link(&mut tx, tenant, author, actor, purpose).await?;
    let event = author.event(action, actor, None);
    conclude(
        tx,
        tenant,
        author,
        idempotency_key,
        &event,
        Ending::default(),
    )
    .await?;
    Ok(ResetIssued::Fresh {
        purpose,
        token,
        expires_at,
    })
}

/// Assigns `item` to `actor` (pinned: a role default no longer moves it), when they hold the
/// item's owner role. The item's version moves, so a form drawn for its former owner is
/// refused as stale; acceptances already made stay, with who made them.
pub async fn assign_owner(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    item: &str,
    actor: &str,
) -> Result<Written, PeopleError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::AssignOwner).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
    };
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "select kind, owner_role from catalogue_items
         where key = $1 and retired_in is null for update",
    )
    .bind(item)
    .fetch_optional(&mut *tx)
    .await?;
    let (kind, owner_role) = row.ok_or(Refusal::UnknownItem)?;
    let kind = ItemKind::parse(&kind).ok_or(Refusal::UnknownItem)?;
    let rows = people_locked(&mut tx).await?;
    let person = find(&rows, actor)?;
    people::may_own(person, kind, owner_role.as_deref().and_then(Role::parse))?;
    let target = give_item(&mut tx, item, Some(actor), true).await?;
    recorded(
        tx,
        tenant,
        author,
        idempotency_key,
        (AuditAction::AssignOwner, &target),
    )
    .await
}

/// Gives `item` to `owner`, pinned to them or not. Its version moves, so a form drawn for its
/// former owner is refused as stale. The event's target.
async fn give_item(
    tx: &mut PgConnection,
    item: &str,
    owner: Option<&str>,
    pinned: bool,
) -> Result<String, PeopleError> {
    sqlx::query(
        "update catalogue_items set owner_actor_id = $2, owner_pinned = $3, version = version + 1
         where key = $1",
    )
    .bind(item)
    .bind(owner)
    .bind(pinned)
    .execute(&mut *tx)
    .await?;
    Ok(people::assignment_target(item, owner.unwrap_or_default()))
}

/// Names `actor` the default owner of `role`'s items: every item of that owner role not pinned
/// to a person is theirs from now on, and so are the items of later programme versions.
pub async fn set_role_owner(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    role: Role,
    actor: &str,
) -> Result<Written, PeopleError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::AssignOwner).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
    };
    let rows = people_locked(&mut tx).await?;
    let person = find(&rows, actor)?;
    people::may_own_role(person, role)?;
    sqlx::query(
        "insert into role_owners (tenant_id, role, actor_id, updated_at) values ($1, $2, $3, $4)
         on conflict (tenant_id, role) do update
            set actor_id = excluded.actor_id, updated_at = excluded.updated_at",
    )
    .bind(tenant)
    .bind(role.as_str())
    .bind(actor)
    .bind(author.clock.now())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "update catalogue_items set owner_actor_id = $2, version = version + 1
         where owner_role = $1 and not owner_pinned and retired_in is null
           and owner_actor_id is distinct from $2",
    )
    .bind(role.as_str())
    .bind(actor)
    .execute(&mut *tx)
    .await?;
    let target = people::role_owner_target(role, actor);
    recorded(
        tx,
        tenant,
        author,
        idempotency_key,
        (AuditAction::SetRoleOwner, &target),
    )
    .await
}

/// Gives `item` back to its role: no person is pinned to it any more, and it is owned as after
/// a programme change ([`people::default_owner`]: its role's default person, else the person
/// the programme names, else the director making the change). Its version moves, so a form
/// drawn for its former owner is refused as stale. An item no person is pinned to is refused.
pub async fn unpin_owner(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    item: &str,
) -> Result<Written, PeopleError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::AssignOwner).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
    };
    let row: Option<(Option<String>, bool)> = sqlx::query_as(
        "select owner_role, owner_pinned from catalogue_items
         where key = $1 and retired_in is null for update",
    )
    .bind(item)
    .fetch_optional(&mut *tx)
    .await?;
    let (owner_role, pinned) = row.ok_or(Refusal::UnknownItem)?;
    if !pinned {
        return Err(Refusal::NotPinned.into());
    }
    let owner_role = owner_role.as_deref().and_then(Role::parse);
    let role_default: Option<String> = match owner_role {
        Some(role) => {
            sqlx::query_scalar("select actor_id from role_owners where role = $1")
                .bind(role.as_str())
                .fetch_optional(&mut *tx)
                .await?
        }
        None => None,
    };
    let named = super::programmes::owners(&mut tx, author.tenant).await?;
    let rows = people_locked(&mut tx).await?;
    let owner = people::default_owner(
        owner_role,
        named.get(item).map(String::as_str),
        role_default.as_deref(),
        &as_people(&rows),
        Some(author.actor),
    );
    let target = give_item(&mut tx, item, owner, false).await?;
    recorded(
        tx,
        tenant,
        author,
        idempotency_key,
        (AuditAction::UnpinOwner, &target),
    )
    .await
}

/// Clears `role`'s default owner: each of its items no person is pinned to is owned as after
/// a programme change without a default ([`people::default_owner`]: the person the programme
/// names, else the director making the change), and so are the items of later programme
/// versions. A role without a default is refused.
pub async fn clear_role_owner(
    pool: &PgPool,
    author: &Author<'_>,
    idempotency_key: Uuid,
    role: Role,
) -> Result<Written, PeopleError> {
    let (mut tx, tenant) = match begin(pool, author, idempotency_key, Action::AssignOwner).await? {
        Begun::Fresh(tx, tenant) => (tx, tenant),
        Begun::Replayed(seq) => return Ok(Written::Replayed(seq)),
    };
    let rows = people_locked(&mut tx).await?;
    let former: Option<String> =
        sqlx::query_scalar("delete from role_owners where role = $1 returning actor_id")
            .bind(role.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let former = former.ok_or(Refusal::NoDefault)?;
    let named = super::programmes::owners(&mut tx, author.tenant).await?;
    let items: Vec<String> = sqlx::query_scalar(
        "select key from catalogue_items
         where owner_role = $1 and not owner_pinned and retired_in is null
         order by key for update",
    )
    .bind(role.as_str())
    .fetch_all(&mut *tx)
    .await?;
    let everyone = as_people(&rows);
    let owners: Vec<Option<&str>> = items
        .iter()
        .map(|key| {
            people::default_owner(
                Some(role),
                named.get(key).map(String::as_str),
                None,
                &everyone,
                Some(author.actor),
            )
        })
        .collect();
    sqlx::query(
        "update catalogue_items i set owner_actor_id = u.owner, version = i.version + 1
         from unnest($1::text[], $2::text[]) as u(key, owner)
         where i.key = u.key and i.owner_actor_id is distinct from u.owner",
    )
    .bind(&items)
    .bind(&owners)
    .execute(&mut *tx)
    .await?;
    let target = people::role_owner_target(role, &former);
    recorded(
        tx,
        tenant,
        author,
        idempotency_key,
        (AuditAction::ClearRoleOwner, &target),
    )
    .await
}

/// Who a one-time link is for, as its pages name them.
#[derive(Debug, Clone, Default)]
pub struct LinkFor {
    /// Their name.
    pub name: String,
    /// Their role; `None` when the stored code cannot be read.
    pub role: Option<Role>,
    /// Their account's username, once they have one.
    pub username: Option<String>,
    /// Whether a person of the tenant made the link (not the platform's `tenant create`).
    pub by_a_person: bool,
}

/// The person a one-time link of this purpose is for (whether or not it may still be used);
/// `None` when no link of the tenant has this token.
pub async fn link_for(
    pool: &PgPool,
    slug: &str,
    token: &str,
    purpose: Purpose,
) -> Result<Option<LinkFor>, DbError> {
    if !tenants::plausible(token, purpose.prefix()) {
        return Ok(None);
    }
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    let row: Option<(String, String, Option<String>, bool)> = sqlx::query_as(
        "select a.name, a.role, c.username, i.invited_by is not null
         from tenant_invitations i
         join actors a on a.tenant_id = i.tenant_id and a.actor_id = i.actor_id
         left join accounts c on c.tenant_id = i.tenant_id and c.actor_id = i.actor_id
         where i.token_sha256 = $1 and i.purpose = $2",
    )
    .bind(crate::bundle::sha256(token.as_bytes()))
    .bind(purpose.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(row.map(|(name, role, username, by_a_person)| LinkFor {
        name,
        role: Role::parse(&role),
        username,
        by_a_person,
    }))
}
