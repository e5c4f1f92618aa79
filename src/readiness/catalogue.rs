//! The readiness catalogue: which sections exist, which items they hold, and how items depend
//! on each other.
//!
//! The catalogue is data. [`standard`] is the programme for a move from the local demo setup to
//! the `db-auth-session-adapter` target; `seed-demo` writes it into PostgreSQL and the console
//! reads it back from there, so another programme can reuse the same engine with other rows.

use std::fmt;

/// How an item becomes ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// Accepted (or revoked) by its named owner, with evidence.
    OwnerCheck,
    /// A value chosen and accepted by its owner, such as the hosting region.
    Decision,
    /// The result of something the console ran against the target.
    Probe,
    /// True when its dependencies (and its fact, if any) hold. Never stored.
    Derived,
}

impl ItemKind {
    /// Every kind.
    pub const ALL: [Self; 4] = [Self::OwnerCheck, Self::Decision, Self::Probe, Self::Derived];

    /// The code stored in the database and used in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OwnerCheck => "owner_check",
            Self::Decision => "decision",
            Self::Probe => "probe",
            Self::Derived => "derived",
        }
    }

    /// Parses a stored code; `None` for an unknown kind.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == code)
    }
}

/// A fact about the tenant's state that a derived item can rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    /// Every provider has a named production target mode.
    ProvidersMapped,
    /// The scenario contract and the auth mode of the live session are known.
    SessionAdapterPresent,
    /// There are scenario actors and each carries at least one permission.
    ActorsClaimed,
    /// A scenario snapshot with rows has been frozen.
    SnapshotFrozen,
    /// Every data cutover batch group holds rows.
    BatchGroupsPopulated,
    /// The nine release environment variables all have a value.
    ReleaseEnvComplete,
    /// The current storage adapter remains available as the rollback path.
    RollbackFallbackAvailable,
    /// The overall decision is GO.
    OverallGo,
}

impl Fact {
    /// Every fact.
    pub const ALL: [Self; 8] = [
        Self::ProvidersMapped,
        Self::SessionAdapterPresent,
        Self::ActorsClaimed,
        Self::SnapshotFrozen,
        Self::BatchGroupsPopulated,
        Self::ReleaseEnvComplete,
        Self::RollbackFallbackAvailable,
        Self::OverallGo,
    ];

    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProvidersMapped => "providers_mapped",
            Self::SessionAdapterPresent => "session_adapter_present",
            Self::ActorsClaimed => "actors_claimed",
            Self::SnapshotFrozen => "snapshot_frozen",
            Self::BatchGroupsPopulated => "batch_groups_populated",
            Self::ReleaseEnvComplete => "release_env_complete",
            Self::RollbackFallbackAvailable => "rollback_fallback_available",
            Self::OverallGo => "overall_go",
        }
    }

    /// Parses a stored code; `None` for an unknown fact.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|fact| fact.as_str() == code)
    }

    /// Whether it is read from the actors' roles (who is a scenario actor, whether there is a
    /// managing director): it cannot be evaluated while an actor's stored role cannot be read.
    pub fn reads_roles(self) -> bool {
        matches!(self, Self::ActorsClaimed | Self::ReleaseEnvComplete)
    }
}

/// What an item waits for: one item, or every item of a section.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Dependency {
    /// An item key such as `passage.db_schema`.
    Item(String),
    /// A section key such as `connection`: all of its items.
    Section(String),
}

impl Dependency {
    /// Item keys hold a dot (`section.item`); section keys do not.
    pub fn parse(text: &str) -> Self {
        if text.contains('.') {
            Self::Item(text.to_owned())
        } else {
            Self::Section(text.to_owned())
        }
    }

    /// The key as stored.
    pub fn key(&self) -> &str {
        match self {
            Self::Item(key) | Self::Section(key) => key,
        }
    }
}

impl fmt::Display for Dependency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The rungs of the decision ladder and the local decisions of sections.
///
/// The overall decision is the first rung of [`LADDER`] that is not satisfied; the codes are
/// contract names and are shown as written in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DecisionCode {
    /// Connection or dry-run incomplete.
    BlockedPendingDryRun,
    /// Migration preflight incomplete.
    BlockedPendingPreflight,
    /// Data cutover checks incomplete.
    BlockedPendingDataCutover,
    /// Infrastructure decisions, guarded wiring or another gate incomplete.
    BlockedPendingInfrastructureOrCredentials,
    /// Every gate is green; the managing director has not signed.
    BlockedPendingSignoff,
    /// Signed.
    Go,
    /// Local: the runbook's own checks are incomplete.
    BlockedPendingRunbook,
    /// Local: the release handoff's own gates are incomplete.
    BlockedPendingRelease,
    /// Local: the rollback drill's own checks are incomplete.
    BlockedPendingRollback,
    /// Local: every check of the section is ready.
    Ready,
}

impl DecisionCode {
    /// The contract code, e.g. `BLOCKED_PENDING_DRY_RUN`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BlockedPendingDryRun => "BLOCKED_PENDING_DRY_RUN",
            Self::BlockedPendingPreflight => "BLOCKED_PENDING_PREFLIGHT",
            Self::BlockedPendingDataCutover => "BLOCKED_PENDING_DATA_CUTOVER",
            Self::BlockedPendingInfrastructureOrCredentials => {
                "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS"
            }
            Self::BlockedPendingSignoff => "BLOCKED_PENDING_SIGNOFF",
            Self::Go => "GO",
            Self::BlockedPendingRunbook => "BLOCKED_PENDING_RUNBOOK",
            Self::BlockedPendingRelease => "BLOCKED_PENDING_RELEASE",
            Self::BlockedPendingRollback => "BLOCKED_PENDING_ROLLBACK",
            Self::Ready => "READY",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Self> {
        [
            Self::BlockedPendingDryRun,
            Self::BlockedPendingPreflight,
            Self::BlockedPendingDataCutover,
            Self::BlockedPendingInfrastructureOrCredentials,
            Self::BlockedPendingSignoff,
            Self::Go,
            Self::BlockedPendingRunbook,
            Self::BlockedPendingRelease,
            Self::BlockedPendingRollback,
            Self::Ready,
        ]
        .into_iter()
        .find(|d| d.as_str() == code)
    }

    /// The kebab-case form used in message ids and CSS classes.
    pub fn slug(self) -> String {
        self.as_str().to_ascii_lowercase().replace('_', "-")
    }

    /// Whether production may go ahead.
    pub fn is_go(self) -> bool {
        self == Self::Go
    }
}

impl fmt::Display for DecisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rung of the ladder: its code and what must be ready for the ladder to pass it.
#[derive(Debug, Clone, Copy)]
pub struct Rung {
    /// The decision while this rung is the first unsatisfied one.
    pub code: DecisionCode,
    /// Section keys that must be complete. The sign-off rung has none: it needs the signature.
    pub requires: &'static [&'static str],
}

/// The decision ladder of the console, in order. Past the last rung stands [`DecisionCode::Go`].
///
/// The fourth rung also requires the nine gates, so that sign-off is only ever asked for when
/// every gate is green (the earlier rungs already imply seven of them).
pub const LADDER: [Rung; 5] = [
    Rung {
        code: DecisionCode::BlockedPendingDryRun,
        requires: &["connection", "dry_run"],
    },
    Rung {
        code: DecisionCode::BlockedPendingPreflight,
        requires: &["preflight"],
    },
    Rung {
        code: DecisionCode::BlockedPendingDataCutover,
        requires: &["cutover"],
    },
    Rung {
        code: DecisionCode::BlockedPendingInfrastructureOrCredentials,
        requires: &["infrastructure", "wiring", "gates"],
    },
    Rung {
        code: DecisionCode::BlockedPendingSignoff,
        requires: &[],
    },
];

/// How a section decides locally: blocked by the first unsatisfied rung it is gated by, else by
/// its own `pending` code while any of its items is open, else [`DecisionCode::Ready`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalDecisionRule {
    /// Ladder rungs that gate this section.
    pub gated_by: Vec<DecisionCode>,
    /// The section's own code while its items are incomplete.
    pub pending: DecisionCode,
}

/// One leaf item of the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDef {
    /// Unique key, `section.item`.
    pub key: String,
    /// The contract check key suffix shown beside the item (e.g. `tenantContext`), if any.
    pub code: Option<String>,
    /// How it becomes ready.
    pub kind: ItemKind,
    /// The accountable actor id, if any.
    pub owner: Option<String>,
    /// What it waits for.
    pub depends_on: Vec<Dependency>,
    /// For derived items: a fact about the state that must also hold.
    pub fact: Option<Fact>,
    /// For decisions: the value proposed before anyone accepts one.
    pub proposal: Option<String>,
    /// For probes that measure: how many objects must be found.
    pub expected: Option<u32>,
    /// Set by the loader when the stored row could not be understood.
    pub misconfigured: Option<String>,
}

/// One section in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionDef {
    /// Unique key, e.g. `passage`.
    pub key: String,
    /// The contract name the section carries, e.g. `ProductionAdapterDryRun.v1`.
    pub contract: Option<String>,
    /// Its local decision, for sections that show one.
    pub decision: Option<LocalDecisionRule>,
    /// Its items in page order.
    pub items: Vec<ItemDef>,
    /// Set by the loader when the stored section row (a code of its local decision) could not
    /// be understood.
    pub misconfigured: Option<String>,
}

/// Every section of a programme, in page order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalogue {
    /// The sections in page order.
    pub sections: Vec<SectionDef>,
}

impl Catalogue {
    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The item with this key.
    pub fn item(&self, key: &str) -> Option<&ItemDef> {
        self.sections
            .iter()
            .flat_map(|s| &s.items)
            .find(|i| i.key == key)
    }
}

/// The actor ids of the standard programme's owners.
pub mod actors {
    /// Anna Kowalska, managing director.
    pub const ANNA: &str = "user_md_anna";
    /// Marek Zielinski, dispatcher.
    pub const MAREK: &str = "user_dispatcher_marek";
    /// Olena Shevchenko, accountant.
    pub const OLENA: &str = "user_accountant_olena";
}

struct Item {
    kind: ItemKind,
    key: &'static str,
    owner: Option<&'static str>,
    deps: &'static [&'static str],
    fact: Option<Fact>,
    code: Option<&'static str>,
    proposal: Option<&'static str>,
    expected: Option<u32>,
}

const fn item(kind: ItemKind, key: &'static str) -> Item {
    Item {
        kind,
        key,
        owner: None,
        deps: &[],
        fact: None,
        code: None,
        proposal: None,
        expected: None,
    }
}

impl Item {
    const fn owner(mut self, owner: &'static str) -> Self {
        self.owner = Some(owner);
        self
    }
    const fn deps(mut self, deps: &'static [&'static str]) -> Self {
        self.deps = deps;
        self
    }
    const fn fact(mut self, fact: Fact) -> Self {
        self.fact = Some(fact);
        self
    }
    const fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }
    const fn proposal(mut self, proposal: &'static str) -> Self {
        self.proposal = Some(proposal);
        self
    }
    const fn expected(mut self, expected: u32) -> Self {
        self.expected = Some(expected);
        self
    }
}

fn section(
    key: &str,
    contract: Option<&str>,
    decision: Option<(&[DecisionCode], DecisionCode)>,
    items: Vec<Item>,
) -> SectionDef {
    SectionDef {
        key: key.to_owned(),
        contract: contract.map(str::to_owned),
        decision: decision.map(|(gated_by, pending)| LocalDecisionRule {
            gated_by: gated_by.to_vec(),
            pending,
        }),
        items: items
            .into_iter()
            .map(|i| ItemDef {
                key: format!("{key}.{}", i.key),
                code: i.code.map(str::to_owned),
                kind: i.kind,
                owner: i.owner.map(str::to_owned),
                depends_on: i.deps.iter().map(|d| Dependency::parse(d)).collect(),
                fact: i.fact,
                proposal: i.proposal.map(str::to_owned),
                expected: i.expected,
                misconfigured: None,
            })
            .collect(),
        misconfigured: None,
    }
}

/// The standard programme: the local demo setup moving to `db-auth-session-adapter`.
///
/// Section and item order is page order. See `../README.md` ("The readiness model") for why
/// each dependency is there.
pub fn standard() -> Catalogue {
    use DecisionCode as D;
    use ItemKind::{Decision, Derived, OwnerCheck, Probe};
    use actors::{ANNA, MAREK, OLENA};

    Catalogue {
        sections: vec![
            section(
                "gates",
                None,
                None,
                vec![
                    item(Derived, "provider_contracts").fact(Fact::ProvidersMapped),
                    item(Derived, "session_adapter").fact(Fact::SessionAdapterPresent),
                    item(Derived, "preflight").deps(&["preflight"]),
                    item(Derived, "runbook").deps(&["runbook"]),
                    item(Derived, "connection").deps(&["connection"]),
                    item(Derived, "dry_run").deps(&["dry_run"]),
                    item(Derived, "release").deps(&["release"]),
                    item(Derived, "infrastructure").deps(&["infrastructure"]),
                    item(Derived, "rollback").deps(&["rollback"]),
                ],
            ),
            section(
                "provider_acceptance",
                None,
                None,
                vec![
                    item(Decision, "live_provider")
                        .owner(ANNA)
                        .proposal("db-auth-session-adapter"),
                    item(Decision, "auth_rbac_owner")
                        .owner(ANNA)
                        .proposal("OIDC/RBAC"),
                    item(Decision, "tenant_secrets_boundary")
                        .owner(ANNA)
                        .proposal("tenant-rbac-adapter"),
                    item(Derived, "live_wiring").fact(Fact::OverallGo),
                ],
            ),
            section(
                "infrastructure",
                Some("ProductionInfrastructureDecision.v1"),
                None,
                vec![
                    item(Decision, "hosting").owner(ANNA),
                    item(Decision, "region").owner(ANNA).proposal("EU"),
                    item(Decision, "runtime_owner").owner(ANNA),
                    item(Decision, "secrets_backup").owner(ANNA),
                ],
            ),
            section(
                "wiring",
                Some("ProductionDbAuthAdapterWiring.v1"),
                Some((&[], D::BlockedPendingInfrastructureOrCredentials)),
                vec![
                    item(Derived, "infrastructure_acceptance")
                        .code("infrastructureAcceptance")
                        .deps(&["infrastructure"]),
                    item(Derived, "endpoint_contract")
                        .code("endpointContract")
                        .deps(&[
                            "connection.endpoint_reachability",
                            "provider_acceptance.live_provider",
                        ]),
                    item(Derived, "tenant_context")
                        .code("tenantContext")
                        .deps(&[
                            "connection.rbac_session",
                            "provider_acceptance.tenant_secrets_boundary",
                        ]),
                    item(Derived, "oidc_rbac_claims")
                        .code("oidcRbacClaims")
                        .deps(&["dry_run.rbac_claims", "provider_acceptance.auth_rbac_owner"]),
                    item(Derived, "rls_policy_draft")
                        .code("rlsPolicyDraft")
                        .deps(&["runbook.schema_rls"]),
                    item(Derived, "secrets_backup_boundary")
                        .code("secretsBackupBoundary")
                        .deps(&[
                            "infrastructure.secrets_backup",
                            "provider_acceptance.tenant_secrets_boundary",
                        ]),
                    item(Probe, "live_credentials")
                        .code("liveCredentials")
                        .deps(&["connection.tls_fingerprint"]),
                ],
            ),
            section(
                "passage",
                None,
                None,
                vec![
                    item(OwnerCheck, "contracts_frozen").owner(ANNA),
                    item(OwnerCheck, "role_headers").owner(MAREK),
                    item(OwnerCheck, "scenario_store_rehearsal").owner(MAREK),
                    item(OwnerCheck, "db_schema").owner(OLENA),
                    item(OwnerCheck, "secrets_auth").owner(OLENA),
                    item(OwnerCheck, "migration_rollback").owner(ANNA),
                ],
            ),
            section(
                "decision_board",
                None,
                None,
                vec![
                    item(Decision, "adapter_selection")
                        .owner(ANNA)
                        .proposal("db-auth-session-adapter"),
                    item(Derived, "environment_readiness").owner(MAREK).deps(&[
                        "passage.contracts_frozen",
                        "passage.scenario_store_rehearsal",
                    ]),
                    item(Derived, "secrets_rbac_owner")
                        .owner(OLENA)
                        .deps(&["passage.role_headers", "passage.secrets_auth"]),
                    item(Derived, "schema_rls")
                        .owner(OLENA)
                        .deps(&["passage.db_schema"]),
                    item(Derived, "migration_dry_run")
                        .owner(ANNA)
                        .deps(&["passage.migration_rollback"]),
                    item(Derived, "rollback_window").owner(ANNA).deps(&[
                        "passage.scenario_store_rehearsal",
                        "passage.migration_rollback",
                    ]),
                    item(Derived, "release_approvals")
                        .owner(ANNA)
                        .deps(&["passage"]),
                ],
            ),
            section(
                "runbook",
                Some("ProductionAdapterMigrationRunbook.v1"),
                Some((&[D::BlockedPendingPreflight], D::BlockedPendingRunbook)),
                vec![
                    item(Derived, "freeze_snapshot").fact(Fact::SnapshotFrozen),
                    item(Probe, "schema_rls")
                        .deps(&["connection.endpoint_reachability"])
                        .expected(6),
                    item(Derived, "actor_claims").fact(Fact::ActorsClaimed),
                    item(Derived, "adapter_replay").deps(&["connection", "dry_run"]),
                    item(Derived, "checksum_verification").deps(&["preflight"]),
                    item(Derived, "rollback_seal").deps(&["rollback"]),
                ],
            ),
            section(
                "cutover",
                Some("ProductionDataCutoverPlan.v1"),
                Some((&[], D::BlockedPendingDataCutover)),
                vec![
                    item(Derived, "freeze_snapshot").fact(Fact::SnapshotFrozen),
                    item(Derived, "seed_tenant_rls").deps(&["runbook.schema_rls"]),
                    item(Derived, "batch_replay").deps(&["connection", "dry_run"]),
                    item(Derived, "audit_parity")
                        .fact(Fact::BatchGroupsPopulated)
                        .deps(&["preflight"]),
                    item(Derived, "rollback_seal").deps(&["rollback"]),
                ],
            ),
            section(
                "connection",
                Some("ProductionAdapterConnection.v1"),
                None,
                vec![
                    item(Probe, "endpoint_reachability"),
                    item(Probe, "tls_fingerprint").deps(&["connection.endpoint_reachability"]),
                    item(Probe, "rbac_session").deps(&["connection.endpoint_reachability"]),
                    item(Probe, "write_probe").deps(&["connection.rbac_session"]),
                ],
            ),
            section(
                "dry_run",
                Some("ProductionAdapterDryRun.v1"),
                None,
                vec![
                    item(Probe, "export_snapshot").deps(&["connection", "runbook.freeze_snapshot"]),
                    item(Probe, "schema_map").deps(&["dry_run.export_snapshot"]),
                    item(Probe, "rbac_claims").deps(&["dry_run.export_snapshot"]),
                    item(Probe, "replay_transcript")
                        .deps(&["dry_run.schema_map", "dry_run.rbac_claims"]),
                    item(Probe, "rollback_checkpoint").deps(&["dry_run.replay_transcript"]),
                ],
            ),
            section(
                "preflight",
                Some("ProductionAdapterMigrationPreflight.v1"),
                None,
                vec![
                    item(Derived, "payload_snapshot").fact(Fact::SnapshotFrozen),
                    item(Derived, "schema_map").deps(&["decision_board"]),
                    item(Derived, "rbac_claims").fact(Fact::ActorsClaimed),
                    item(Derived, "adapter_replay").deps(&["dry_run"]),
                    item(Derived, "rollback_evidence").deps(&["rollback"]),
                ],
            ),
            section(
                "release",
                Some("ProductionReleaseHandoff.v1"),
                Some((&[D::BlockedPendingDryRun], D::BlockedPendingRelease)),
                vec![
                    item(Derived, "env_vars").fact(Fact::ReleaseEnvComplete),
                    item(Derived, "adapter_target").deps(&["decision_board.adapter_selection"]),
                    item(Derived, "dry_run_transcript").deps(&["dry_run"]),
                    item(Derived, "rollback_fallback").fact(Fact::RollbackFallbackAvailable),
                    item(Derived, "owner_evidence").deps(&["passage"]),
                ],
            ),
            section(
                "rollback",
                Some("ProductionRollbackDrill.v1"),
                Some((&[D::BlockedPendingDryRun], D::BlockedPendingRollback)),
                vec![
                    item(Derived, "freeze_window").deps(&["release"]),
                    item(OwnerCheck, "owner_ack")
                        .owner(ANNA)
                        .deps(&["release.rollback_fallback"]),
                    item(OwnerCheck, "storage_fallback")
                        .owner(ANNA)
                        .deps(&["release.rollback_fallback"]),
                    item(Derived, "audit_packet").deps(&[
                        "rollback.freeze_window",
                        "rollback.owner_ack",
                        "rollback.storage_fallback",
                    ]),
                ],
            ),
        ],
    }
}
