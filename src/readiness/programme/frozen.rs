//! A frozen copy of the demo programme as it was written in Rust (`catalogue::standard()`)
//! before it became `programmes/db-auth-session-adapter.toml`: the file must evaluate exactly
//! like it on every state the tests build.

use crate::readiness::catalogue::{
    Catalogue, DecisionCode, Dependency, Fact, ItemDef, ItemKind, LocalDecisionRule, Rung,
    SectionDef, actors,
};
use crate::readiness::state::Role;

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
                owner_role: i.owner.map(|o| match o {
                    actors::ANNA => Role::ManagingDirector,
                    actors::MAREK => Role::Dispatcher,
                    _ => Role::Accountant,
                }),
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

/// The programme as it was written in Rust before it became a file: the local demo setup
/// moving to `db-auth-session-adapter`.
pub(super) fn standard() -> Catalogue {
    use DecisionCode as D;
    use ItemKind::{Decision, Derived, OwnerCheck, Probe};
    use actors::{ANNA, MAREK, OLENA};

    let rung = |code, requires: &[&str]| Rung {
        code,
        requires: requires.iter().map(|s| (*s).to_owned()).collect(),
    };
    Catalogue {
        ladder: vec![
            rung(D::BlockedPendingDryRun, &["connection", "dry_run"]),
            rung(D::BlockedPendingPreflight, &["preflight"]),
            rung(D::BlockedPendingDataCutover, &["cutover"]),
            rung(
                D::BlockedPendingInfrastructureOrCredentials,
                &["infrastructure", "wiring", "gates"],
            ),
            rung(D::BlockedPendingSignoff, &[]),
        ],
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
