//! The demo seed: the tenant BFG Control in the state of the seed console page.
//!
//! Every acceptance and decision it writes appends its audit event in the seeding
//! transaction, with the action and evidence digest the forms would record, the owner as the
//! actor, and [`SEED_REQUEST`] as the request id: the audit trail and the item pages say that
//! the demo seed wrote it, not a form.

use sqlx::PgPool;
use uuid::Uuid;

use super::DbError;
use super::audit::{self, NewEvent};
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::readiness::catalogue::ItemDef;
use crate::readiness::evidence::{DecisionValue, Evidence, EvidenceNote};
use crate::readiness::lifecycle::TenantStatus;
use crate::readiness::state::{Actor, Profile, Provider};
use crate::readiness::{AuditAction, Catalogue, demo, programme};

/// The request id of the events the demo seed writes.
pub const SEED_REQUEST: &str = "seed-demo";

/// The evidence note of the seeded acceptances.
const SEED_NOTE: &str =
    "Staging target selected for rehearsal; the local demo keeps the file adapter.";

/// What `seed_demo` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The demo tenant was created.
    Created,
    /// It existed already; nothing was changed.
    AlreadyPresent,
}

/// Writes the demo tenant, its actors, providers, the demo programme's catalogue and its one standing
/// decision with its audit event (signed with `key`), in one transaction, as of `clock`'s time.
/// Runs as the owner role. Never overwrites an existing tenant.
pub async fn seed_demo(
    owner: &PgPool,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<SeedOutcome, DbError> {
    let mut tx = owner.begin().await?;
    let exists: bool = sqlx::query_scalar("select exists (select from tenants where slug = $1)")
        .bind(demo::SLUG)
        .fetch_one(&mut *tx)
        .await?;
    if exists {
        return Ok(SeedOutcome::AlreadyPresent);
    }
    let state = demo::state(clock.now());
    let p = &state.profile;
    let demo_programme = programme::demo();
    let demo_version = i32::try_from(demo_programme.version).unwrap_or(i32::MAX);
    let tenant = insert_tenant(
        &mut tx,
        &TenantRow {
            slug: demo::SLUG,
            profile: p,
            status: TenantStatus::Active,
            contact_email: None,
            programme: Some((&demo_programme.name, demo_version)),
        },
    )
    .await?;
    // The tables are FORCE ROW LEVEL SECURITY: the owner, too, writes inside the tenant.
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(tenant.to_string())
        .execute(&mut *tx)
        .await?;

    insert_actors(&mut tx, tenant, &state.actors).await?;
    insert_programme(
        &mut tx,
        tenant,
        &state.providers,
        &demo_programme.catalogue,
        |item| item.owner.clone(),
    )
    .await?;
    super::programmes::store(&mut tx, tenant, demo_programme).await?;
    // The chain's head first: each acceptance below appends to it.
    sqlx::query("insert into audit_heads (tenant_id) values ($1)")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    let mut acceptances: Vec<_> = state.acceptances.iter().collect();
    acceptances.sort_by_key(|(item, _)| item.as_str());
    let note = EvidenceNote::parse(SEED_NOTE).map_err(|e| DbError::Seed(e.to_string()))?;
    let evidence = Evidence {
        note,
        url: None,
        checksum: None,
    };
    for (item, acceptance) in acceptances {
        // The same action and digest as the forms' write (`write::owner_check`).
        let (action, digest) = match &acceptance.value {
            Some(value) => {
                let value =
                    DecisionValue::parse(value).map_err(|e| DbError::Seed(e.to_string()))?;
                (AuditAction::Decide, evidence.digest_with_value(&value))
            }
            None => (AuditAction::Accept, evidence.digest()),
        };
        sqlx::query(
            "insert into acceptances
                (tenant_id, item_key, actor_id, value, evidence_note, accepted_at)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(tenant)
        .bind(item)
        .bind(&acceptance.actor)
        .bind(&acceptance.value)
        .bind(evidence.note.as_str())
        .bind(acceptance.at)
        .execute(&mut *tx)
        .await?;
        audit::append(
            &mut tx,
            tenant,
            &NewEvent {
                actor: &acceptance.actor,
                action,
                target: item,
                evidence_digest: Some(&digest),
                request_id: SEED_REQUEST,
            },
            key,
            clock,
        )
        .await?;
    }
    for (actor, username, password) in demo::ACCOUNTS {
        let phc = crate::password::hash(password).map_err(|e| DbError::Seed(e.to_string()))?;
        sqlx::query(
            "insert into accounts (tenant_id, actor_id, username, password_hash)
             values ($1, $2, $3, $4)",
        )
        .bind(tenant)
        .bind(actor)
        .bind(username)
        .bind(phc)
        .execute(&mut *tx)
        .await?;
    }
    super::summary::refresh(&mut tx, tenant, demo::SLUG, clock).await?;
    // On the platform chain like every tenant: seeded straight into `active`.
    super::platform::append(
        &mut tx,
        &super::platform::PlatformEvent {
            tenant,
            kind: crate::readiness::lifecycle::TenantEventKind::Provisioned,
            actor: SEED_REQUEST,
            payload: serde_json::json!({
                "slug": demo::SLUG,
                "programme": { "name": demo_programme.name, "version": demo_programme.version },
            }),
            request_id: SEED_REQUEST,
        },
        key,
        clock,
    )
    .await?;
    tx.commit().await?;
    Ok(SeedOutcome::Created)
}

/// A tenant's row as it is first written.
pub(super) struct TenantRow<'a> {
    pub slug: &'a str,
    pub profile: &'a Profile,
    pub status: TenantStatus,
    pub contact_email: Option<&'a str>,
    /// The programme's name and version.
    pub programme: Option<(&'a str, i32)>,
}

/// Inserts the tenant's row and its profile's (`tenant_profiles`); its id. Leaves the
/// tenant entered in `tx`.
pub(super) async fn insert_tenant(
    tx: &mut sqlx::PgConnection,
    row: &TenantRow<'_>,
) -> Result<Uuid, DbError> {
    let tenant: Uuid = sqlx::query_scalar(
        "insert into tenants (slug, name, status, contact_email, programme_name,
                              programme_version)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(row.slug)
    .bind(&row.profile.name)
    .bind(row.status.as_str())
    .bind(row.contact_email)
    .bind(row.programme.map(|(name, _)| name))
    .bind(row.programme.map(|(_, version)| version))
    .fetch_one(&mut *tx)
    .await?;
    super::profile::insert(tx, tenant, row.profile).await?;
    Ok(tenant)
}

/// Inserts `actors` into the tenant entered in `tx`, in order, in one statement.
pub(super) async fn insert_actors(
    tx: &mut sqlx::PgConnection,
    tenant: Uuid,
    actors: &[Actor],
) -> Result<(), DbError> {
    let rows: Vec<_> = actors
        .iter()
        .enumerate()
        .map(|(position, a)| {
            serde_json::json!({
                "actor_id": a.id, "name": a.name, "unit": a.unit, "role": a.role.as_str(),
                "permissions": a.permissions, "position": position,
            })
        })
        .collect();
    sqlx::query(
        "insert into actors (tenant_id, actor_id, name, unit, role, permissions, position)
         select $1, actor_id, name, unit, role, permissions, position
         from jsonb_to_recordset($2) as r(actor_id text, name text, unit text, role text,
                                         permissions text[], position int)",
    )
    .bind(tenant)
    .bind(sqlx::types::Json(rows))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Inserts a programme's rows into the tenant entered in `tx`: its providers and its
/// catalogue, each item owned by whom `owner_of` says of the catalogue's owner (one statement
/// per table).
pub(super) async fn insert_programme(
    tx: &mut sqlx::PgConnection,
    tenant: Uuid,
    providers: &[Provider],
    catalogue: &Catalogue,
    owner_of: impl Fn(&ItemDef) -> Option<String>,
) -> Result<(), DbError> {
    let providers: Vec<_> = providers
        .iter()
        .enumerate()
        .map(|(position, pr)| {
            serde_json::json!({
                "key": pr.key, "current_mode": pr.current_mode, "target_mode": pr.target_mode,
                "position": position,
            })
        })
        .collect();
    sqlx::query(
        "insert into providers (tenant_id, key, current_mode, target_mode, position)
         select $1, key, current_mode, target_mode, position
         from jsonb_to_recordset($2) as r(key text, current_mode text, target_mode text,
                                         position int)",
    )
    .bind(tenant)
    .bind(sqlx::types::Json(providers))
    .execute(&mut *tx)
    .await?;
    let (sections, items) = catalogue_rows(catalogue, &owner_of);
    sqlx::query(SECTIONS_FROM_JSON)
        .bind(tenant)
        .bind(sqlx::types::Json(sections))
        .execute(&mut *tx)
        .await?;
    sqlx::query(ITEMS_FROM_JSON)
        .bind(tenant)
        .bind(sqlx::types::Json(items))
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Makes the catalogue of the tenant entered in `tx` the programme's: its sections and items
/// are written (a row that exists is updated in place, and an item's version moves), and the
/// rows the programme no longer has are retired in `version`, not deleted, so that what
/// names them — acceptances, probe results, withdrawals — stays.
pub(super) async fn upsert_catalogue(
    tx: &mut sqlx::PgConnection,
    tenant: Uuid,
    catalogue: &Catalogue,
    owner_of: impl Fn(&ItemDef) -> Option<String>,
    version: i32,
) -> Result<(), DbError> {
    let (section_rows, item_rows) = catalogue_rows(catalogue, &owner_of);
    sqlx::query(&format!(
        "{SECTIONS_FROM_JSON}
         on conflict (tenant_id, key) do update set
            position = excluded.position, contract = excluded.contract,
            decision_gated_by = excluded.decision_gated_by,
            decision_pending = excluded.decision_pending, retired_in = null"
    ))
    .bind(tenant)
    .bind(sqlx::types::Json(section_rows))
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "{ITEMS_FROM_JSON}
         on conflict (tenant_id, key) do update set
            section_key = excluded.section_key, position = excluded.position,
            kind = excluded.kind, code = excluded.code,
            owner_actor_id = case when catalogue_items.owner_pinned and exists (
                    select from actors a where a.actor_id = catalogue_items.owner_actor_id
                    and a.role = excluded.owner_role)
                then catalogue_items.owner_actor_id else excluded.owner_actor_id end,
            owner_pinned = catalogue_items.owner_pinned and exists (
                    select from actors a where a.actor_id = catalogue_items.owner_actor_id
                    and a.role = excluded.owner_role),
            owner_role = excluded.owner_role, depends_on = excluded.depends_on,
            fact = excluded.fact, proposal = excluded.proposal,
            expected = excluded.expected, retired_in = null,
            version = catalogue_items.version + 1"
    ))
    .bind(tenant)
    .bind(sqlx::types::Json(item_rows))
    .execute(&mut *tx)
    .await?;
    let sections: Vec<&str> = catalogue.sections.iter().map(|s| s.key.as_str()).collect();
    let items: Vec<&str> = catalogue.items().map(|i| i.key.as_str()).collect();
    sqlx::query(
        "update catalogue_items set retired_in = $1
         where retired_in is null and not (key = any($2))",
    )
    .bind(version)
    .bind(&items)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "update catalogue_sections set retired_in = $1
         where retired_in is null and not (key = any($2))",
    )
    .bind(version)
    .bind(&sections)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Inserts the sections of `$2` (rows of [`catalogue_rows`]) into tenant `$1`.
const SECTIONS_FROM_JSON: &str = "insert into catalogue_sections
        (tenant_id, key, position, contract, decision_gated_by, decision_pending)
     select $1, key, position, contract, decision_gated_by, decision_pending
     from jsonb_to_recordset($2) as r(key text, position int, contract text,
                                     decision_gated_by text[], decision_pending text)";

/// Inserts the items of `$2` (rows of [`catalogue_rows`]) into tenant `$1`.
const ITEMS_FROM_JSON: &str = "insert into catalogue_items
        (tenant_id, key, section_key, position, kind, code, owner_actor_id, owner_role,
         depends_on, fact, proposal, expected)
     select $1, key, section_key, position, kind, code, owner_actor_id, owner_role, depends_on,
            fact, proposal, expected
     from jsonb_to_recordset($2) as r(key text, section_key text, position int, kind text,
                                     code text, owner_actor_id text, owner_role text,
                                     depends_on text[], fact text, proposal text, expected int)";

/// A catalogue's sections and items as the rows the two statements above read, each item
/// owned by whom `owner_of` says of the catalogue's owner.
fn catalogue_rows(
    catalogue: &Catalogue,
    owner_of: &impl Fn(&ItemDef) -> Option<String>,
) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let mut sections = Vec::new();
    let mut items = Vec::new();
    for (position, section) in catalogue.sections.iter().enumerate() {
        let (gated_by, pending) = match &section.decision {
            Some(rule) => (
                rule.gated_by.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                Some(rule.pending.as_str()),
            ),
            None => (Vec::new(), None),
        };
        sections.push(serde_json::json!({
            "key": section.key, "position": position, "contract": section.contract,
            "decision_gated_by": gated_by, "decision_pending": pending,
        }));
        for (item_position, item) in section.items.iter().enumerate() {
            let depends_on: Vec<String> = item.depends_on.iter().map(ToString::to_string).collect();
            items.push(serde_json::json!({
                "key": item.key, "section_key": section.key, "position": item_position,
                "kind": item.kind.as_str(), "code": item.code,
                "owner_actor_id": owner_of(item), "depends_on": depends_on,
                "owner_role": item.owner_role.map(crate::readiness::state::Role::as_str),
                "fact": item.fact.map(|f| f.as_str()), "proposal": item.proposal,
                "expected": item.expected.and_then(|e| i32::try_from(e).ok()),
            }));
        }
    }
    (sections, items)
}
