//! A tenant's single sign-on: its identity provider's configuration (`tenant_sso`), and who a
//! sign-in through it is — the account linked to the provider's `sub`, an invited person
//! linked by email on their first sign-in, or a newcomer signed up with the default role —
//! with their role following the provider's claim (unless it would demote the tenant's last
//! active managing director).

use std::collections::BTreeMap;

use sqlx::PgPool;
use sqlx::types::Json;

use super::DbError;
use crate::readiness::AuditAction;
use crate::readiness::people::{self, PersonStatus};
use crate::readiness::sso::{self, Linking, SsoSettings};
use crate::readiness::state::Role;

/// The tenant's identity provider, if it has one.
pub async fn settings(pool: &PgPool, slug: &str) -> Result<Option<SsoSettings>, DbError> {
    let Some(mut tx) = super::begin_in(pool, slug).await? else {
        return Ok(None);
    };
    type Row = (
        String,
        String,
        String,
        String,
        Json<BTreeMap<String, String>>,
        bool,
        Option<String>,
        bool,
    );
    let row: Option<Row> = sqlx::query_as(
        "select issuer, client_id, client_secret_ref, role_claim, role_map, allow_sign_up,
                default_role, password_sign_in
         from tenant_sso",
    )
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    let Some((issuer, client_id, secret, claim, map, allow, default, password)) = row else {
        return Ok(None);
    };
    // Stored by `configure` from checked settings: a role it cannot read is reported, not
    // silently dropped.
    let unreadable = |role: &str| {
        DbError::Sqlx(sqlx::Error::Decode(
            format!("tenant_sso names the unknown role {role}").into(),
        ))
    };
    let mut role_map = BTreeMap::new();
    for (value, role) in map.0 {
        let parsed = Role::parse(&role).ok_or_else(|| unreadable(&role))?;
        role_map.insert(value, parsed);
    }
    let sign_up = match (allow, default) {
        (true, Some(role)) => Some(Role::parse(&role).ok_or_else(|| unreadable(&role))?),
        _ => None,
    };
    Ok(Some(SsoSettings {
        issuer,
        client_id,
        client_secret_ref: secret,
        role_claim: claim,
        role_map,
        sign_up,
        password_sign_in: password,
    }))
}

/// Whether the tenant's password form is on: no identity provider, or one that leaves it on.
pub async fn password_sign_in(pool: &PgPool, slug: &str) -> Result<bool, DbError> {
    Ok(settings(pool, slug)
        .await?
        .is_none_or(|s| s.password_sign_in))
}

/// Sets the tenant's identity provider (as the owner role, from the command line). `false`
/// when there is no live tenant with this slug.
pub async fn configure(pool: &PgPool, slug: &str, settings: &SsoSettings) -> Result<bool, DbError> {
    let mut tx = pool.begin().await?;
    let Some(tenant) = super::enter_active_tenant(&mut tx, slug).await? else {
        return Ok(false);
    };
    let map: BTreeMap<&str, &str> = settings
        .role_map
        .iter()
        .map(|(value, role)| (value.as_str(), role.as_str()))
        .collect();
    sqlx::query(
        "insert into tenant_sso (tenant_id, issuer, client_id, client_secret_ref, role_claim,
                                 role_map, allow_sign_up, default_role, password_sign_in)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (tenant_id) do update set
             issuer = excluded.issuer, client_id = excluded.client_id,
             client_secret_ref = excluded.client_secret_ref, role_claim = excluded.role_claim,
             role_map = excluded.role_map, allow_sign_up = excluded.allow_sign_up,
             default_role = excluded.default_role, password_sign_in = excluded.password_sign_in,
             updated_at = now()",
    )
    .bind(tenant)
    .bind(&settings.issuer)
    .bind(&settings.client_id)
    .bind(&settings.client_secret_ref)
    .bind(&settings.role_claim)
    .bind(Json(map))
    .bind(settings.sign_up.is_some())
    .bind(settings.sign_up.map(Role::as_str))
    .bind(settings.password_sign_in)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Who the identity provider says signed in: its subject, and the email it vouches for.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The provider's `sub`.
    pub sub: String,
    /// The email, when the provider gives one it has not marked unverified.
    pub email: Option<String>,
    /// The person's name, for a sign-up.
    pub name: Option<String>,
}

/// What a sign-in through the identity provider came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Signed in as this actor, found or created as the linking says, with this role now.
    SignedIn {
        /// The actor.
        actor: String,
        /// How they were found.
        linking: Linking,
        /// Their role after this sign-in.
        role: Role,
    },
    /// Nobody the tenant knows, and sign-up is off.
    Unknown,
    /// The account is disabled.
    Disabled,
    /// The role the claim maps to would leave the tenant without an active managing director:
    /// nothing is written (not even the link of an invited person's account), the role stays.
    LastDirector,
}

/// Finds (or links, or signs up) the person `identity` is, gives them `role` (what their claim
/// maps to), in one transaction. Nothing is written unless they sign in.
pub async fn sign_in(
    pool: &PgPool,
    slug: &str,
    identity: &Identity,
    role: Role,
    sign_up: Option<Role>,
    stamp: &super::tenants::Stamp<'_>,
) -> Result<Outcome, DbError> {
    let now = stamp.clock.now();
    let mut tx = pool.begin().await?;
    let Some(tenant) = super::enter_active_tenant(&mut tx, slug).await? else {
        return Ok(Outcome::Unknown);
    };
    let linked: Option<(String, String)> =
        sqlx::query_as("select actor_id, status from accounts where oidc_sub = $1")
            .bind(&identity.sub)
            .fetch_optional(&mut *tx)
            .await?;
    // An invited person: their email, no account linked to another subject.
    let invited: Option<(String, Option<String>, Option<String>)> = match (&linked, &identity.email)
    {
        (None, Some(email)) => {
            sqlx::query_as(
                "select p.actor_id, a.status, a.oidc_sub
                 from actors p left join accounts a using (tenant_id, actor_id)
                 where lower(p.email) = lower($1)",
            )
            .bind(email)
            .fetch_optional(&mut *tx)
            .await?
        }
        _ => None,
    };
    let invited = invited.filter(|(_, _, sub)| sub.is_none());
    let mut events: Vec<(AuditAction, String)> = Vec::new();
    let linking = sso::linking(linked.is_some(), invited.is_some(), sign_up);
    let actor = match (&linking, linked, invited) {
        (Linking::Linked, Some((actor, status)), _) => {
            if status != "active" {
                return Ok(Outcome::Disabled);
            }
            actor
        }
        (Linking::Invited, _, Some((actor, status, _))) => {
            match status.as_deref() {
                Some("active") => {
                    // An account with a password: linked to the subject from now on.
                    sqlx::query(
                        "update accounts set oidc_sub = $2, updated_at = $3 where actor_id = $1",
                    )
                    .bind(&actor)
                    .bind(&identity.sub)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                Some(_) => return Ok(Outcome::Disabled),
                None => {
                    let email = identity.email.as_deref().unwrap_or_default();
                    create_account(&mut tx, tenant, &actor, email, &identity.sub).await?;
                }
            }
            // Their invitation, if one is still open, is spent: the provider vouched for them.
            sqlx::query(
                "update tenant_invitations set used_at = $2
                 where actor_id = $1 and purpose = 'invite' and used_at is null",
            )
            .bind(&actor)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            events.push((AuditAction::LinkIdentity, actor.clone()));
            actor
        }
        (Linking::SignUp(_), _, _) => {
            let actor = format!(
                "user_sso_{}",
                &uuid::Uuid::new_v4().simple().to_string()[..12]
            );
            let email = identity.email.as_deref().unwrap_or_default();
            let name = identity
                .name
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(email);
            sqlx::query(
                "insert into actors (tenant_id, actor_id, name, unit, role, email, position)
                 select $1, $2, $3, '', $4, nullif($5, ''),
                        coalesce(max(position), -1) + 1 from actors",
            )
            .bind(tenant)
            .bind(&actor)
            .bind(name.chars().take(200).collect::<String>())
            .bind(role.as_str())
            .bind(email)
            .execute(&mut *tx)
            .await?;
            create_account(&mut tx, tenant, &actor, email, &identity.sub).await?;
            events.push((AuditAction::SignUp, actor.clone()));
            actor
        }
        _ => return Ok(Outcome::Unknown),
    };
    // The role follows the claim: a changed group changes it, unless that demotes the tenant's
    // last active managing director (the People page's rule, on the rows it locks). Refused,
    // the transaction is dropped: whatever was linked or created above is not kept.
    let rows = super::people::people_locked(&mut tx).await?;
    let everyone = super::people::as_people(&rows);
    if people::keeps_a_director(&everyone, &actor, (role, PersonStatus::Active)).is_err() {
        return Ok(Outcome::LastDirector);
    }
    let changed = sqlx::query("update actors set role = $2 where actor_id = $1 and role <> $2")
        .bind(&actor)
        .bind(role.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed > 0 {
        events.push((
            AuditAction::ChangeRole,
            format!("{actor}:{}", role.as_str()),
        ));
    }
    // Each is an event of the tenant's chain, by the person signing in, in this transaction.
    for (action, target) in &events {
        stamp
            .append(&mut tx, tenant, &actor, (*action, target))
            .await?;
    }
    tx.commit().await?;
    Ok(Outcome::SignedIn {
        actor,
        linking,
        role,
    })
}

/// The account of a person who signs in through the identity provider only: no password, a
/// username from their email, unique in the tenant.
async fn create_account(
    tx: &mut sqlx::PgConnection,
    tenant: uuid::Uuid,
    actor: &str,
    email: &str,
    sub: &str,
) -> Result<(), DbError> {
    let taken: Vec<String> = sqlx::query_scalar("select username from accounts")
        .fetch_all(&mut *tx)
        .await?;
    let seed = if email.is_empty() { actor } else { email };
    let username = sso::username_from_email(seed, |u| taken.iter().any(|t| t == u));
    sqlx::query(
        "insert into accounts (tenant_id, actor_id, username, password_hash, oidc_sub)
         values ($1, $2, $3, null, $4)",
    )
    .bind(tenant)
    .bind(actor)
    .bind(username)
    .bind(sub)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
