//! Loading one tenant's catalogue and state: one statement, `console_state(slug)`.

use std::collections::HashMap;

use serde::Deserialize;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use crate::readiness::catalogue::{
    Catalogue, DecisionCode, Dependency, Fact, ItemDef, ItemKind, LocalDecisionRule, SectionDef,
};
use crate::readiness::signature::{SignoffDecision, WithdrawingAction};
use crate::readiness::state::{
    Acceptance, Actor, AuditHead, ProbeResult, Profile, Provider, ReadinessState, RehearsalKind,
    RehearsalRun, Role, RunState, Signoff, Snapshot, Withdrawal,
};

/// A tenant's catalogue and state, as loaded.
#[derive(Debug, Clone)]
pub struct TenantConsole {
    /// The tenant id.
    pub tenant_id: Uuid,
    /// The URL slug.
    pub slug: String,
    /// Its programme.
    pub catalogue: Catalogue,
    /// Its state.
    pub state: ReadinessState,
}

#[derive(Deserialize)]
struct Doc {
    tenant: TenantRow,
    actors: Vec<ActorRow>,
    providers: Vec<ProviderRow>,
    sections: Vec<SectionRow>,
    items: Vec<ItemRow>,
    acceptances: Vec<AcceptanceRow>,
    probes: Vec<ProbeRow>,
    snapshot: Option<SnapshotRow>,
    signoff: Option<SignoffRow>,
    #[serde(with = "time::serde::rfc3339::option")]
    last_write: Option<OffsetDateTime>,
    audit_head: Option<AuditHeadRow>,
    target: Option<String>,
    #[serde(default)]
    runs: Vec<RunRow>,
}

#[derive(Deserialize)]
struct RunRow {
    id: i64,
    kind: RehearsalKind,
    state: RunState,
    reason: Option<String>,
    actor_id: String,
    endpoint: Option<String>,
    tls: Option<String>,
    #[serde(default)]
    summary: std::collections::BTreeMap<String, String>,
    #[serde(with = "time::serde::rfc3339")]
    started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    finished_at: Option<OffsetDateTime>,
}

#[derive(Deserialize)]
struct AuditHeadRow {
    seq: i64,
    hash: String,
}

#[derive(Deserialize)]
struct TenantRow {
    id: Uuid,
    slug: String,
    name: String,
    scenario_contract: String,
    storage_adapter: String,
    auth_mode: String,
    tenant_mode: String,
    adapter_target: String,
    environment: String,
}

#[derive(Deserialize)]
struct ActorRow {
    actor_id: String,
    name: String,
    unit: String,
    role: String,
    permissions: Vec<String>,
}

#[derive(Deserialize)]
struct ProviderRow {
    key: String,
    current_mode: String,
    target_mode: String,
}

#[derive(Deserialize)]
struct SectionRow {
    key: String,
    contract: Option<String>,
    decision_gated_by: Vec<String>,
    decision_pending: Option<String>,
}

#[derive(Deserialize)]
struct ItemRow {
    key: String,
    section_key: String,
    kind: String,
    code: Option<String>,
    owner: Option<String>,
    depends_on: Vec<String>,
    fact: Option<String>,
    proposal: Option<String>,
    expected: Option<u32>,
    version: i32,
}

#[derive(Deserialize)]
struct AcceptanceRow {
    item_key: String,
    actor_id: String,
    value: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    at: OffsetDateTime,
}

#[derive(Deserialize)]
struct ProbeRow {
    item_key: String,
    passed: bool,
    found: Option<u32>,
    #[serde(with = "time::serde::rfc3339")]
    at: OffsetDateTime,
}

#[derive(Deserialize)]
struct SnapshotRow {
    version: i32,
    rows: u64,
    checksum: String,
    batch_rows: HashMap<String, u64>,
}

#[derive(Deserialize)]
struct SignoffRow {
    actor_id: String,
    #[serde(with = "time::serde::rfc3339")]
    at: OffsetDateTime,
    decision: SignoffDecision,
    reason: Option<String>,
    #[serde(default)]
    state_digest: Option<String>,
    #[serde(default)]
    state_seq: Option<i64>,
    #[serde(default)]
    withdrawal: Option<WithdrawalRow>,
}

#[derive(Deserialize)]
struct WithdrawalRow {
    seq: i64,
    actor_id: String,
    action: String,
    item_key: String,
    #[serde(with = "time::serde::rfc3339")]
    at: OffsetDateTime,
}

/// Loads the tenant with this slug; `None` when there is none.
pub async fn load_console(pool: &PgPool, slug: &str) -> Result<Option<TenantConsole>, DbError> {
    let doc: Option<sqlx::types::Json<Doc>> = sqlx::query_scalar("select console_state($1)")
        .bind(slug)
        .fetch_one(pool)
        .await?;
    Ok(doc.map(|sqlx::types::Json(doc)| from_doc(doc)))
}

/// The same, inside a transaction (which sees its own uncommitted writes and locks).
pub async fn load_in(
    tx: &mut sqlx::PgConnection,
    slug: &str,
) -> Result<Option<TenantConsole>, DbError> {
    let doc: Option<sqlx::types::Json<Doc>> = sqlx::query_scalar("select console_state($1)")
        .bind(slug)
        .fetch_one(&mut *tx)
        .await?;
    Ok(doc.map(|sqlx::types::Json(doc)| from_doc(doc)))
}

fn from_doc(doc: Doc) -> TenantConsole {
    let mut sections: Vec<SectionDef> = doc
        .sections
        .into_iter()
        .map(|s| SectionDef {
            decision: s.decision_pending.map(|pending| LocalDecisionRule {
                gated_by: s
                    .decision_gated_by
                    .iter()
                    .filter_map(|c| DecisionCode::parse(c))
                    .collect(),
                pending: DecisionCode::parse(&pending)
                    .unwrap_or(DecisionCode::BlockedPendingDryRun),
            }),
            key: s.key,
            contract: s.contract,
            items: Vec::new(),
        })
        .collect();
    let item_versions = doc
        .items
        .iter()
        .map(|i| (i.key.clone(), i.version))
        .collect();
    for row in doc.items {
        let kind = ItemKind::parse(&row.kind);
        let fact = row.fact.as_deref().map(Fact::parse);
        let misconfigured = match (kind, fact) {
            (None, _) => Some("unknown_kind".to_owned()),
            (_, Some(None)) => Some("unknown_fact".to_owned()),
            _ => None,
        };
        let item = ItemDef {
            key: row.key,
            code: row.code,
            kind: kind.unwrap_or(ItemKind::Derived),
            owner: row.owner,
            depends_on: row
                .depends_on
                .iter()
                .map(|d| Dependency::parse(d))
                .collect(),
            fact: fact.flatten(),
            proposal: row.proposal,
            expected: row.expected,
            misconfigured,
        };
        // The foreign key guarantees the section exists.
        if let Some(section) = sections.iter_mut().find(|s| s.key == row.section_key) {
            section.items.push(item);
        }
    }
    let t = doc.tenant;
    TenantConsole {
        tenant_id: t.id,
        slug: t.slug,
        catalogue: Catalogue { sections },
        state: ReadinessState {
            profile: Profile {
                name: t.name,
                scenario_contract: t.scenario_contract,
                storage_adapter: t.storage_adapter,
                auth_mode: t.auth_mode,
                tenant_mode: t.tenant_mode,
                adapter_target: t.adapter_target,
                environment: t.environment,
            },
            actors: doc
                .actors
                .into_iter()
                .map(|a| Actor {
                    role: Role::parse(&a.role).unwrap_or(Role::Reviewer),
                    id: a.actor_id,
                    name: a.name,
                    unit: a.unit,
                    permissions: a.permissions,
                })
                .collect(),
            providers: doc
                .providers
                .into_iter()
                .map(|p| Provider {
                    key: p.key,
                    current_mode: p.current_mode,
                    target_mode: p.target_mode,
                })
                .collect(),
            acceptances: doc
                .acceptances
                .into_iter()
                .map(|a| {
                    (
                        a.item_key,
                        Acceptance {
                            actor: a.actor_id,
                            at: a.at,
                            value: a.value,
                        },
                    )
                })
                .collect(),
            probes: doc
                .probes
                .into_iter()
                .map(|p| {
                    (
                        p.item_key,
                        ProbeResult {
                            passed: p.passed,
                            found: p.found,
                            at: p.at,
                        },
                    )
                })
                .collect(),
            snapshot: doc.snapshot.map(|s| Snapshot {
                version: s.version,
                rows: s.rows,
                checksum: s.checksum,
                batch_rows: s.batch_rows,
            }),
            signoff: doc.signoff.map(|s| Signoff {
                actor: s.actor_id,
                at: s.at,
                go: s.decision == SignoffDecision::Go,
                reason: s.reason,
                state_digest: s.state_digest,
                state_seq: s.state_seq,
                withdrawal: s.withdrawal.map(|w| Withdrawal {
                    action: WithdrawingAction::parse(&w.action).or_else(|| {
                        // The table's check allows only known codes: say so if one slips by.
                        tracing::warn!(action = %w.action, "unknown withdrawing action");
                        None
                    }),
                    seq: w.seq,
                    actor: w.actor_id,
                    item: w.item_key,
                    at: w.at,
                }),
            }),
            last_write: doc.last_write,
            audit_head: doc.audit_head.map(|h| AuditHead {
                seq: h.seq,
                hash: h.hash,
            }),
            item_versions,
            target: doc.target,
            runs: doc
                .runs
                .into_iter()
                .map(|r| RehearsalRun {
                    id: r.id,
                    kind: r.kind,
                    state: r.state,
                    reason: r.reason,
                    actor: r.actor_id,
                    endpoint: r.endpoint,
                    tls: r.tls,
                    summary: r.summary,
                    started_at: r.started_at,
                    finished_at: r.finished_at,
                })
                .collect(),
        },
    }
}
