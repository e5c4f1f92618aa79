//! Loading one tenant's catalogue and state: one statement, `console_state(slug)`.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::DbError;
use super::programmes::RungRow;
use crate::readiness::account::{Account, AccountStatus};
use crate::readiness::api_key::{Scope, StoredKey};
use crate::readiness::catalogue::{
    Catalogue, DecisionCode, Dependency, Fact, ItemDef, ItemKind, LocalDecisionRule, SectionDef,
};
use crate::readiness::lifecycle::TenantStatus;
use crate::readiness::signature::{SignaturesRequired, SignoffDecision, WithdrawingAction};
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
    /// Where it is in its life: the status policy reads it from here on a cached page.
    pub status: TenantStatus,
    /// Why it is suspended, when it is.
    pub suspended_reason: Option<String>,
    /// Its programme's sections, items and ladder, as its rows say.
    pub catalogue: Catalogue,
    /// Its stored programme: name, version, sections and labels. `None` for a tenant stored
    /// before programmes were (it runs the demo programme's ladder, under the console's own
    /// labels, as it always did).
    pub programme: Option<StoredProgramme>,
    /// Its state.
    pub state: ReadinessState,
    /// Its accounts, for the check every signed-in request passes (see `web::session::load`).
    pub accounts: Vec<Account>,
    /// Its live API keys, for the check every API request passes.
    pub api_keys: Vec<StoredKey>,
}

impl TenantConsole {
    /// The account that signs in as `actor`.
    pub fn account(&self, actor: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.actor == actor)
    }
}

/// A tenant's programme as `console_state` returns it.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredProgramme {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: u32,
    /// The SHA-256 of its file: equal files, equal labels (a view interns them by it).
    pub sha256: String,
    /// Its section keys in page order.
    pub sections: Vec<String>,
    #[serde(default)]
    ladder: Vec<RungRow>,
    /// How many GO signatures it requires, as stored (checked by the loader). Its labels
    /// are not loaded with the state: see [`super::programmes::labels`].
    signatures_required: i64,
}

#[derive(Deserialize)]
struct Doc {
    tenant: TenantRow,
    programme: Option<StoredProgramme>,
    /// The tenant's profile (`tenant_profiles`); every tenant is created with one.
    profile: Option<ProfileRow>,
    actors: Vec<ActorRow>,
    accounts: Vec<AccountRow>,
    #[serde(default)]
    api_keys: Vec<ApiKeyRow>,
    providers: Vec<ProviderRow>,
    sections: Vec<SectionRow>,
    items: Vec<ItemRow>,
    acceptances: Vec<AcceptanceRow>,
    probes: Vec<ProbeRow>,
    snapshot: Option<SnapshotRow>,
    signoff: Option<SignoffRow>,
    #[serde(default)]
    cosignatures: Vec<CosignatureRow>,
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
    status: TenantStatus,
    suspended_reason: Option<String>,
}

/// The row of `tenant_profiles`. (The old profile columns of `tenants`, still in the
/// document's `tenant`, are not read.)
#[derive(Deserialize)]
struct ProfileRow {
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
struct AccountRow {
    actor_id: String,
    username: String,
    status: AccountStatus,
    #[serde(with = "time::serde::rfc3339::option")]
    sessions_valid_from: Option<OffsetDateTime>,
    password: bool,
    oidc: bool,
}

#[derive(Deserialize)]
struct ApiKeyRow {
    id: Uuid,
    name: String,
    actor_id: String,
    scope: Scope,
    lookup: String,
    sha256: String,
    #[serde(with = "time::serde::rfc3339::option")]
    expires_at: Option<OffsetDateTime>,
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
    owner_role: Option<String>,
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

/// A standing GO signature of the latest sign-off's round, given before it.
#[derive(Deserialize)]
struct CosignatureRow {
    actor_id: String,
    #[serde(with = "time::serde::rfc3339")]
    at: OffsetDateTime,
    state_digest: Option<String>,
    state_seq: Option<i64>,
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

/// Loads the tenant with this slug; `None` when there is none. Through a pool, or inside a
/// transaction (which then sees its own uncommitted writes and the locks it holds).
pub async fn load_console<'c>(
    db: impl sqlx::PgExecutor<'c>,
    slug: &str,
) -> Result<Option<TenantConsole>, DbError> {
    let doc: Option<sqlx::types::Json<Doc>> = sqlx::query_scalar("select console_state($1)")
        .bind(slug)
        .fetch_one(db)
        .await?;
    doc.map(|sqlx::types::Json(doc)| from_doc(doc)).transpose()
}

/// A section's local decision rule as stored (`None` without a pending code), or the problem
/// that keeps it from being read: a gate or a pending code the console does not know.
fn local_rule(
    gated_by: &[String],
    pending: Option<&str>,
) -> Result<Option<LocalDecisionRule>, &'static str> {
    let gated_by = gated_by
        .iter()
        .map(|code| DecisionCode::parse(code).ok_or("unknown_gate"))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(pending) = pending else {
        return Ok(None);
    };
    let pending = DecisionCode::parse(pending).ok_or("unknown_decision")?;
    Ok(Some(LocalDecisionRule { gated_by, pending }))
}

/// The document as the core reads it. What cannot be read is reported, never replaced by a
/// default: an item, or a section, is marked misconfigured with the problem's code, and the
/// evaluation shows it as such.
fn from_doc(mut doc: Doc) -> Result<TenantConsole, DbError> {
    // The ladder is the stored programme's (validated when it was written: a code this
    // console does not know is reported, not skipped). A tenant without one runs the demo's.
    let ladder = match doc.programme.as_mut() {
        Some(programme) => std::mem::take(&mut programme.ladder)
            .into_iter()
            .map(RungRow::rung)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|code| DbError::Programme {
                slug: doc.tenant.slug.clone(),
                problem: format!("the ladder has the unknown rung {code}"),
            })?,
        None => crate::readiness::programme::demo().catalogue.ladder.clone(),
    };
    // A tenant without a stored programme runs the demo's, which asks for one signature; a
    // stored number the console does not allow is reported, not clamped.
    let signatures_required = match doc.programme.as_ref() {
        Some(programme) => {
            SignaturesRequired::new(programme.signatures_required).ok_or_else(|| {
                DbError::Programme {
                    slug: doc.tenant.slug.clone(),
                    problem: format!(
                        "it requires {} GO signatures, outside 1 to {}",
                        programme.signatures_required,
                        SignaturesRequired::MAX
                    ),
                }
            })?
        }
        None => SignaturesRequired::ONE,
    };
    // An actor whose stored role cannot be read is given none — not even a reviewer's — and is
    // left out: no page offers them a form, no figure counts them. What reads their role (the
    // items they own, the facts read from roles) is reported instead.
    let mut unreadable_roles: HashSet<String> = HashSet::new();
    let actors: Vec<Actor> = doc
        .actors
        .into_iter()
        .filter_map(|a| match Role::parse(&a.role) {
            Some(role) => Some(Actor {
                role,
                id: a.actor_id,
                name: a.name,
                unit: a.unit,
                permissions: a.permissions,
            }),
            None => {
                unreadable_roles.insert(a.actor_id);
                None
            }
        })
        .collect();
    let mut sections: Vec<SectionDef> = doc
        .sections
        .into_iter()
        .map(|s| {
            let (decision, misconfigured) =
                match local_rule(&s.decision_gated_by, s.decision_pending.as_deref()) {
                    Ok(decision) => (decision, None),
                    // Without its rule the section shows no local decision rather than a
                    // guessed one.
                    Err(problem) => (None, Some(problem.to_owned())),
                };
            SectionDef {
                decision,
                key: s.key,
                contract: s.contract,
                items: Vec::new(),
                misconfigured,
            }
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
        let reads_unreadable_role = row
            .owner
            .as_ref()
            .is_some_and(|owner| unreadable_roles.contains(owner))
            || (!unreadable_roles.is_empty() && fact.flatten().is_some_and(Fact::reads_roles));
        let owner_role = row.owner_role.as_deref().map(Role::parse);
        let misconfigured = match (kind, fact) {
            (None, _) => Some("unknown_kind"),
            (_, Some(None)) => Some("unknown_fact"),
            _ if owner_role.is_some_and(|r| r.is_none()) => Some("unknown_role"),
            _ if reads_unreadable_role => Some("unknown_role"),
            _ => None,
        }
        .map(str::to_owned);
        let item = ItemDef {
            key: row.key,
            code: row.code,
            kind: kind.unwrap_or(ItemKind::Derived),
            owner: row.owner,
            owner_role: owner_role.flatten(),
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
    // A tenant without its profile is reported, not given the demo's.
    let p = doc.profile.ok_or_else(|| {
        DbError::Shape(serde::de::Error::custom(format!(
            "the tenant {} has no profile",
            t.slug
        )))
    })?;
    Ok(TenantConsole {
        tenant_id: t.id,
        slug: t.slug,
        status: t.status,
        suspended_reason: t.suspended_reason,
        catalogue: Catalogue { sections, ladder },
        programme: doc.programme,
        accounts: doc
            .accounts
            .into_iter()
            .map(|a| Account {
                actor: a.actor_id,
                username: a.username,
                status: a.status,
                sessions_valid_from: a.sessions_valid_from,
                password: a.password,
                oidc: a.oidc,
            })
            .collect(),
        api_keys: doc
            .api_keys
            .into_iter()
            .map(|k| StoredKey {
                id: k.id,
                name: k.name,
                actor: k.actor_id,
                scope: k.scope,
                lookup: k.lookup,
                sha256: k.sha256,
                expires_at: k.expires_at,
            })
            .collect(),
        state: ReadinessState {
            profile: Profile {
                name: t.name,
                scenario_contract: p.scenario_contract,
                storage_adapter: p.storage_adapter,
                auth_mode: p.auth_mode,
                tenant_mode: p.tenant_mode,
                adapter_target: p.adapter_target,
                environment: p.environment,
            },
            actors,
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
            cosignatures: doc
                .cosignatures
                .into_iter()
                .map(|c| Signoff {
                    actor: c.actor_id,
                    at: c.at,
                    go: true,
                    reason: None,
                    state_digest: c.state_digest,
                    state_seq: c.state_seq,
                    withdrawal: None,
                })
                .collect(),
            signatures_required,
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
    })
}
