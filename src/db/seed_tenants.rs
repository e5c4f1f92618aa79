//! `seed-demo --tenants N`: demo tenants `demo-00001` … in varied states, for tests and the
//! benchmark. Each is the demo programme with the demo's actors and accounts, about
//! [`EVENTS`] audit events of history (checks accepted and revoked, probes, a frozen snapshot),
//! some suspended and every 50th signed GO, its summary stored and its lifecycle on the
//! platform chain — written as the app would have written it, so `verify-audit` finds every
//! record accounted for.
//!
//! Fast because it is set-based: one transaction per tenant, one statement per table (the
//! history's events are chained and signed in Rust by [`audit::append_dated`] and inserted in
//! one statement), the six demo passwords hashed once for all tenants, two tenants at a time.

use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::{PgConnection, PgPool};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::DbError;
use super::audit::{self, NewEvent};
use super::seed::{self, SEED_REQUEST, TenantRow};
use super::tenants::{self, Operator};
use crate::checkpoint::CheckpointKey;
use crate::clock::Clock;
use crate::readiness::catalogue::actors::{ANNA, MAREK};
use crate::readiness::catalogue::{ItemDef, ItemKind};
use crate::readiness::evidence::{DecisionValue, Evidence, EvidenceNote};
use crate::readiness::lifecycle::{Command, TenantEventKind, TenantStatus};
use crate::readiness::{
    AuditAction, AuditTarget, DecisionCode, RehearsalKind, RunState, SignoffDecision, demo,
    programme,
};

/// About how many audit events each seeded tenant's chain holds.
pub const EVENTS: usize = 100;

/// The slug of the `index`th seeded tenant (from 1).
pub fn slug(index: usize) -> String {
    format!("demo-{index:05}")
}

/// What `seed_tenants` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    /// Tenants created now.
    pub created: usize,
    /// Tenants that existed already (left as they were).
    pub present: usize,
}

/// What the `index`th seeded tenant holds: a pure function of its index, so every run seeds
/// the same tenants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    /// Owner checks and decisions standing accepted (the first ones of the catalogue).
    accepted: usize,
    /// Probes passed (the first ones), then failed.
    probes_passed: usize,
    probes_failed: usize,
    /// A scenario snapshot frozen.
    snapshot: bool,
    /// Suspended by the operator.
    suspended: bool,
    /// Everything green and GO signed.
    go: bool,
    /// Accept-and-revoke pairs before that, so the chain holds about [`EVENTS`].
    churn: usize,
}

fn plan(index: usize, checks: usize, probes: usize) -> Plan {
    let go = index.is_multiple_of(50);
    let mut plan = if go {
        Plan {
            accepted: checks,
            probes_passed: probes,
            probes_failed: 0,
            snapshot: true,
            suspended: false,
            go,
            churn: 0,
        }
    } else {
        let probes_passed = index % (probes + 1);
        Plan {
            accepted: (index * 37) % (checks + 1),
            probes_passed,
            probes_failed: if index % 4 == 1 {
                probes - probes_passed
            } else {
                0
            },
            snapshot: index.is_multiple_of(3),
            suspended: index % 10 == 3,
            go,
            churn: 0,
        }
    };
    let direct = plan.accepted
        + plan.probes_passed
        + plan.probes_failed
        + usize::from(plan.snapshot)
        + usize::from(plan.go);
    plan.churn = EVENTS.saturating_sub(direct) / 2;
    plan
}

/// Seeds the tenants `demo-00001` to `demo-{count}` that do not exist yet, as the owner role
/// (see the module's documentation); `progress` hears each one created.
pub async fn seed_tenants(
    owner: &PgPool,
    key: &CheckpointKey,
    clock: &Clock,
    count: usize,
    progress: impl Fn(usize) + Sync,
) -> Result<Seeded, DbError> {
    let existing: Vec<String> = sqlx::query_scalar(
        "select slug from tenants where slug like 'demo-%' and deleted_at is null",
    )
    .fetch_all(owner)
    .await?;
    let existing: std::collections::HashSet<String> = existing.into_iter().collect();
    let todo: Vec<usize> = (1..=count)
        .filter(|i| !existing.contains(&slug(*i)))
        .collect();
    let present = count - todo.len();
    let mut accounts = Vec::new();
    for (actor, username, password) in demo::ACCOUNTS {
        let phc = crate::password::hash(password).map_err(|e| DbError::Seed(e.to_string()))?;
        accounts.push(serde_json::json!({
            "actor_id": actor, "username": username, "password_hash": phc,
        }));
    }
    let accounts = serde_json::Value::Array(accounts);
    let next = AtomicUsize::new(0);
    let worker = || async {
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(&index) = todo.get(at) else {
                return Ok::<_, DbError>(());
            };
            seed_one(owner, key, clock, index, &accounts).await?;
            progress(at + 1);
        }
    };
    // Two at a time: the owner's pool has two connections, and the signing is CPU-bound.
    let (first, second) = tokio::join!(worker(), worker());
    first?;
    second?;
    Ok(Seeded {
        created: todo.len(),
        present,
    })
}

const NOTE: &str = "Checked on the staging target with the owner; evidence filed.";
const REVOKE_REASON: &str = "Re-opened: the staging evidence was superseded.";
/// Why the seed suspends a tenant.
const SUSPENDED: &str = "Demo tenant suspended by the seed.";

async fn seed_one(
    owner: &PgPool,
    key: &CheckpointKey,
    clock: &Clock,
    index: usize,
    accounts: &serde_json::Value,
) -> Result<(), DbError> {
    let slug = slug(index);
    let state = demo::state(clock.now());
    let programme = programme::demo();
    let profile = programme
        .profile
        .named(&format!("Demo Logistics {index:05}"));
    let mut tx = owner.begin().await?;
    let tenant = seed::insert_tenant(
        &mut tx,
        &TenantRow {
            slug: &slug,
            profile: &profile,
            status: TenantStatus::Provisioning,
            contact_email: Some("md@demo.example"),
            programme: Some((
                &programme.name,
                i32::try_from(programme.version).unwrap_or(i32::MAX),
            )),
        },
    )
    .await?;
    sqlx::query("select set_config('app.tenant_id', $1::text, true)")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    seed::insert_actors(&mut tx, tenant, &state.actors).await?;
    seed::insert_programme(
        &mut tx,
        tenant,
        programme.profile.providers(),
        &programme.catalogue,
        |item| item.owner.clone(),
    )
    .await?;
    sqlx::query("insert into audit_heads (tenant_id) values ($1)")
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into accounts (tenant_id, actor_id, username, password_hash)
         select $1, actor_id, username, password_hash
         from jsonb_to_recordset($2) as r(actor_id text, username text, password_hash text)",
    )
    .bind(tenant)
    .bind(sqlx::types::Json(accounts))
    .execute(&mut *tx)
    .await?;

    let items = || programme.catalogue.items();
    let checks: Vec<&ItemDef> = items()
        .filter(|i| matches!(i.kind, ItemKind::OwnerCheck | ItemKind::Decision))
        .collect();
    let probes: Vec<&ItemDef> = items().filter(|i| i.kind == ItemKind::Probe).collect();
    let plan = plan(index, checks.len(), probes.len());
    write_history(&mut tx, tenant, &plan, (&checks, &probes), clock, key).await?;
    if plan.go {
        sign_go(&mut tx, tenant, &slug, key, clock).await?;
    } else {
        // As the server's hourly checkpoint would have: the history is pinned.
        audit::checkpoint_head(&mut tx, tenant, key, clock).await?;
    }
    super::summary::refresh(&mut tx, tenant, &slug, clock).await?;

    // The platform chain last: its head is locked from here to the commit.
    let by = Operator {
        name: "seed-demo",
        request_id: SEED_REQUEST,
        key,
        clock,
    };
    tenants::record(
        &mut tx,
        &by,
        tenant,
        TenantEventKind::StatusChanged,
        serde_json::json!({ "from": null, "to": TenantStatus::Provisioning, "slug": slug,
                            "programme": { "name": programme.name,
                                           "version": programme.version } }),
    )
    .await?;
    let refused = |e: tenants::TenantError| DbError::Seed(e.to_string());
    tenants::transition(
        &mut tx,
        &by,
        (tenant, &slug, TenantStatus::Provisioning),
        &Command::ProvisionComplete,
    )
    .await
    .map_err(refused)?;
    if plan.suspended {
        let command = Command::Suspend {
            reason: SUSPENDED.to_owned(),
        };
        tenants::transition(
            &mut tx,
            &by,
            (tenant, &slug, TenantStatus::Active),
            &command,
        )
        .await
        .map_err(refused)?;
    }
    tx.commit().await?;
    Ok(())
}

/// An event of a seeded history.
struct Dated {
    action: AuditAction,
    target: String,
    actor: String,
    digest: String,
    at: OffsetDateTime,
}

/// The columns of the acceptances of a seeded history.
#[derive(Default)]
struct Acceptances {
    item: Vec<String>,
    actor: Vec<String>,
    value: Vec<Option<String>>,
    at: Vec<OffsetDateTime>,
    revoked_at: Vec<Option<OffsetDateTime>>,
    revoked_by: Vec<Option<String>>,
    reason: Vec<Option<String>>,
}

/// Who answers for `item` (the managing director when the catalogue names nobody).
fn owner_of(item: &ItemDef) -> String {
    item.owner.clone().unwrap_or_else(|| ANNA.to_owned())
}

/// What accepting `item` records: the action, the evidence digest (as the forms compute
/// them) and the decision's value.
fn acceptance_of(
    item: &ItemDef,
    evidence: &Evidence,
) -> Result<(AuditAction, String, Option<String>), DbError> {
    if item.kind != ItemKind::Decision {
        return Ok((AuditAction::Accept, evidence.digest(), None));
    }
    let text = item
        .proposal
        .clone()
        .unwrap_or_else(|| "accepted".to_owned());
    let value = DecisionValue::parse(&text).map_err(|e| DbError::Seed(e.to_string()))?;
    Ok((
        AuditAction::Decide,
        evidence.digest_with_value(&value),
        Some(text),
    ))
}

fn evidence(note: &str) -> Result<Evidence, DbError> {
    Ok(Evidence {
        note: EvidenceNote::parse(note).map_err(|e| DbError::Seed(e.to_string()))?,
        url: None,
        checksum: None,
    })
}

/// Writes the plan's acceptances and revocations, probe results (of one rehearsal run of the
/// dispatcher's) and snapshot into the tenant entered in `tx`, with the events that record
/// them, one minute apart and ending a minute before now.
async fn write_history(
    tx: &mut PgConnection,
    tenant: Uuid,
    plan: &Plan,
    (checks, probes): (&[&ItemDef], &[&ItemDef]),
    clock: &Clock,
    key: &CheckpointKey,
) -> Result<(), DbError> {
    let accepted = evidence(NOTE)?;
    let revocation = evidence(REVOKE_REASON)?.digest();
    let total = 2 * plan.churn
        + plan.accepted
        + plan.probes_passed
        + plan.probes_failed
        + usize::from(plan.snapshot);
    let start = clock.now() - Duration::minutes(i64::try_from(total).unwrap_or(0) + 1);
    let mut minute = 0;
    let mut next_at = || {
        minute += 1;
        start + Duration::minutes(minute)
    };
    let mut events = Vec::with_capacity(total);
    let mut rows = Acceptances::default();
    let churned = checks.iter().cycle().take(plan.churn);
    let standing = checks.iter().take(plan.accepted);
    for (n, item) in churned.chain(standing).enumerate() {
        let (action, digest, value) = acceptance_of(item, &accepted)?;
        let at = next_at();
        events.push(Dated {
            action,
            target: item.key.clone(),
            actor: owner_of(item),
            digest,
            at,
        });
        let revoked = (n < plan.churn).then(&mut next_at);
        if let Some(revoked) = revoked {
            events.push(Dated {
                action: AuditAction::Revoke,
                target: item.key.clone(),
                actor: owner_of(item),
                digest: revocation.clone(),
                at: revoked,
            });
        }
        rows.item.push(item.key.clone());
        rows.actor.push(owner_of(item));
        rows.value.push(value);
        rows.at.push(at);
        rows.revoked_at.push(revoked);
        rows.revoked_by.push(revoked.map(|_| owner_of(item)));
        rows.reason.push(revoked.map(|_| REVOKE_REASON.to_owned()));
    }
    sqlx::query(
        "insert into acceptances (tenant_id, item_key, actor_id, value, evidence_note,
                                  accepted_at, revoked_at, revoked_by, revoke_reason)
         select $1, item, actor, value, $2, at, revoked_at, revoked_by, reason
         from unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[],
                     $7::timestamptz[], $8::text[], $9::text[])
              as r(item, actor, value, at, revoked_at, revoked_by, reason)",
    )
    .bind(tenant)
    .bind(NOTE)
    .bind(&rows.item)
    .bind(&rows.actor)
    .bind(&rows.value)
    .bind(&rows.at)
    .bind(&rows.revoked_at)
    .bind(&rows.revoked_by)
    .bind(&rows.reason)
    .execute(&mut *tx)
    .await?;

    let ran = plan.probes_passed + plan.probes_failed;
    if ran > 0 {
        let state = if plan.probes_failed > 0 {
            RunState::Failed
        } else {
            RunState::Passed
        };
        let first = next_at();
        let run: i64 = sqlx::query_scalar(
            "insert into rehearsal_runs (tenant_id, kind, state, actor_id, started_at, finished_at)
             values ($1, $2, $3, $4, $5, $5) returning id",
        )
        .bind(tenant)
        .bind(RehearsalKind::Connection)
        .bind(state)
        .bind(MAREK)
        .bind(first)
        .fetch_one(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "run": run, "reason": null, "detail": null });
        let digest = crate::bundle::sha256(detail.to_string().as_bytes());
        let (mut item, mut passed, mut found, mut at) = (vec![], vec![], vec![], vec![]);
        for (n, probe) in probes.iter().take(ran).enumerate() {
            let ok = n < plan.probes_passed;
            let when = if n == 0 { first } else { next_at() };
            events.push(Dated {
                action: if ok {
                    AuditAction::ProbePassed
                } else {
                    AuditAction::ProbeFailed
                },
                target: probe.key.clone(),
                actor: MAREK.to_owned(),
                digest: digest.clone(),
                at: when,
            });
            item.push(probe.key.clone());
            passed.push(ok);
            let expected = probe.expected.and_then(|e| i32::try_from(e).ok());
            found.push(if ok { expected } else { Some(0) });
            at.push(when);
        }
        sqlx::query(
            "insert into probe_results (tenant_id, item_key, passed, found, detail, ran_at)
             select $1, item, passed, found, $2, at
             from unnest($3::text[], $4::bool[], $5::int[], $6::timestamptz[])
                  as r(item, passed, found, at)",
        )
        .bind(tenant)
        .bind(&detail)
        .bind(&item)
        .bind(&passed)
        .bind(&found)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    }

    if plan.snapshot {
        let at = next_at();
        let sha256 = crate::bundle::sha256(format!("{tenant} snapshot 1").as_bytes());
        sqlx::query(
            "insert into scenario_snapshots (tenant_id, version, rows, checksum, batch_rows,
                                             actor_id, sha256, frozen_at)
             values ($1, 1, 300, $2, '{\"operations\": 180, \"finance\": 80, \"audit\": 40}',
                     $3, $4, $5)",
        )
        .bind(tenant)
        .bind(format!("bfg-{}", &sha256[..8]))
        .bind(MAREK)
        .bind(&sha256)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        events.push(Dated {
            action: AuditAction::FreezeSnapshot,
            target: AuditTarget::Scenario.as_str().to_owned(),
            actor: MAREK.to_owned(),
            digest: sha256,
            at,
        });
    }

    let events: Vec<_> = events
        .iter()
        .map(|e| {
            (
                NewEvent {
                    actor: &e.actor,
                    action: e.action,
                    target: &e.target,
                    evidence_digest: Some(&e.digest),
                    request_id: SEED_REQUEST,
                },
                e.at,
            )
        })
        .collect();
    audit::append_dated(tx, tenant, &events, key).await?;
    Ok(())
}

/// Signs GO on the tenant entered in `tx`, as the managing director would: on the state it
/// stands in, which must be waiting for the signature.
async fn sign_go(
    tx: &mut PgConnection,
    tenant: Uuid,
    slug: &str,
    key: &CheckpointKey,
    clock: &Clock,
) -> Result<(), DbError> {
    let console = super::load_console(&mut *tx, slug)
        .await?
        .ok_or_else(|| DbError::Seed(format!("{slug} vanished")))?;
    let evaluation = crate::readiness::evaluate(&console.catalogue, &console.state);
    if evaluation.decision != DecisionCode::BlockedPendingSignoff {
        return Err(DbError::Seed(format!(
            "{slug} is not waiting for a signature but at {}",
            evaluation.decision.as_str()
        )));
    }
    let head = console.state.audit_head.as_ref();
    let digest = crate::readiness::signature::state_digest(&evaluation, head);
    let md = ANNA.to_owned();
    sqlx::query(
        "insert into signoffs (tenant_id, actor_id, decision, state_digest, state_seq, signed_at)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant)
    .bind(&md)
    .bind(SignoffDecision::Go)
    .bind(&digest)
    .bind(head.map(|h| h.seq))
    .bind(clock.now())
    .execute(&mut *tx)
    .await?;
    audit::append(
        tx,
        tenant,
        &NewEvent {
            actor: &md,
            action: SignoffDecision::Go.audit_action(),
            target: AuditTarget::Production.as_str(),
            evidence_digest: Some(&digest),
            request_id: SEED_REQUEST,
        },
        key,
        clock,
    )
    .await?;
    audit::checkpoint_head(tx, tenant, key, clock).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fiftieth_tenant_is_all_green_and_signed() {
        let go = plan(50, 20, 6);
        assert!(go.go && go.snapshot && !go.suspended);
        assert_eq!(
            (go.accepted, go.probes_passed, go.probes_failed),
            (20, 6, 0)
        );
        assert!(!plan(49, 20, 6).go);
    }

    #[test]
    fn a_tenth_of_the_tenants_are_suspended_and_none_signed() {
        let suspended: Vec<_> = (1..=100).filter(|i| plan(*i, 20, 6).suspended).collect();
        assert_eq!(suspended.len(), 10);
        assert!(suspended.iter().all(|i| !plan(*i, 20, 6).go));
    }

    #[test]
    fn every_chain_holds_about_a_hundred_events() {
        for index in 1..=200 {
            let p = plan(index, 20, 6);
            let events = 2 * p.churn
                + p.accepted
                + p.probes_passed
                + p.probes_failed
                + usize::from(p.snapshot)
                + usize::from(p.go);
            assert!((EVENTS - 1..=EVENTS).contains(&events), "{index}: {events}");
        }
    }

    #[test]
    fn the_tenants_differ_in_what_they_accepted_and_passed() {
        let accepted: std::collections::HashSet<_> =
            (1..=30).map(|i| plan(i, 20, 6).accepted).collect();
        let passed: std::collections::HashSet<_> =
            (1..=30).map(|i| plan(i, 20, 6).probes_passed).collect();
        assert!(accepted.len() > 10, "{accepted:?}");
        assert_eq!(passed.len(), 7, "{passed:?}");
    }

    #[test]
    fn slugs_are_numbered_with_five_digits() {
        assert_eq!(slug(1), "demo-00001");
        assert_eq!(slug(10_000), "demo-10000");
    }
}
