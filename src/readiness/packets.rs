//! The packets: deterministic, language-neutral texts rendered from state and evaluation, each
//! with its checksum.
//!
//! A packet's **canonical body** is exactly the bytes shown on the console (and, later,
//! downloaded): UTF-8, `\n` line ends, a final newline. Its checksum is `bfg-` followed by the
//! first 8 hex digits of SHA-256 over those bytes, so a reviewer recomputes it with
//! `sha256sum packet.txt | cut -c1-8`. The same state always gives the same bytes.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::code::code_enum;
use super::evaluate::{Count, Evaluation};
use super::state::{ReadinessState, RehearsalKind, Role};
use super::{DecisionCode, Status};

/// The scenario snapshot contract the packets name.
pub const SNAPSHOT_CONTRACT: &str = "BFGScenarioSnapshot.v1";

/// One packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packet {
    /// The contract name, e.g. `ProductionDataCutoverPlan.v1`.
    pub contract: &'static str,
    /// Its key in URLs and message ids.
    pub key: PacketKey,
    /// The canonical body.
    pub body: String,
}

impl Packet {
    /// The full SHA-256 of the body, in lowercase hex.
    pub fn sha256(&self) -> String {
        Sha256::digest(self.body.as_bytes())
            .iter()
            .fold(String::with_capacity(64), |mut hex, b| {
                let _ = write!(hex, "{b:02x}");
                hex
            })
    }

    /// `bfg-` and the first 8 hex digits of the SHA-256.
    pub fn checksum(&self) -> String {
        checksum_of(&self.sha256())
    }

    /// The media type of the downloaded file.
    pub fn media_type(&self) -> &'static str {
        match self.key {
            PacketKey::RunbookSql => "application/sql; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        }
    }

    /// The download's file name, e.g. `bfg-control-runbook-sql.sql`.
    pub fn filename(&self, tenant: &str) -> String {
        let extension = match self.key {
            PacketKey::RunbookSql => "sql",
            PacketKey::ReleaseEnv | PacketKey::Rollback => "env",
            _ => "txt",
        };
        format!("{tenant}-{}.{extension}", self.key)
    }
}

code_enum! {
    /// A packet's key in URLs, file names and message ids; [`Self::ALL`] is page order.
    pub enum PacketKey as "packet key" {
        /// `ProductionAdapterMigrationRunbook.v1`.
        RunbookSql => "runbook-sql",
        /// `ProductionDataCutoverPlan.v1`.
        CutoverPlan => "cutover-plan",
        /// `ProductionAdapterConnection.v1`.
        Connection => "connection",
        /// `ProductionAdapterDryRun.v1`.
        DryRun => "dry-run",
        /// `ProductionAdapterMigrationPreflight.v1`.
        Preflight => "preflight",
        /// `ProductionReleaseHandoff.v1`.
        ReleaseEnv => "release-env",
        /// `ProductionRollbackDrill.v1`.
        Rollback => "rollback",
    }
}

impl PacketKey {
    /// The catalogue section whose page shows the packet.
    pub fn section(self) -> &'static str {
        match self {
            Self::RunbookSql => "runbook",
            Self::CutoverPlan => "cutover",
            Self::Connection => "connection",
            Self::DryRun => "dry_run",
            Self::Preflight => "preflight",
            Self::ReleaseEnv => "release",
            Self::Rollback => "rollback",
        }
    }
}

/// What the packets are rendered from.
pub struct PacketInputs<'a> {
    /// The tenant's URL slug.
    pub tenant: &'a str,
    /// Its state.
    pub state: &'a ReadinessState,
    /// Its evaluation.
    pub evaluation: &'a Evaluation,
}

impl PacketInputs<'_> {
    fn decision(&self, section: &str) -> &'static str {
        self.evaluation
            .local_decision(section)
            .map_or("UNKNOWN", DecisionCode::as_str)
    }

    fn count(&self, section: &str) -> Count {
        self.evaluation.count(section)
    }

    fn target(&self) -> &str {
        &self.state.profile.adapter_target
    }

    fn snapshot_checksum(&self) -> &str {
        self.state
            .snapshot
            .as_ref()
            .map_or("none", |s| s.checksum.as_str())
    }

    fn snapshot_rows(&self) -> u64 {
        self.state.snapshot.as_ref().map_or(0, |s| s.rows)
    }

    fn rollback_owner(&self) -> &str {
        self.state
            .actors
            .iter()
            .find(|a| a.role == Role::ManagingDirector)
            .map_or("none", |a| a.id.as_str())
    }

    /// The audit chain head the packet is generated at: `seq:hash`, or `none`.
    fn audit_head(&self) -> String {
        self.state
            .audit_head
            .as_ref()
            .map_or_else(|| "none".to_owned(), |h| format!("{}:{}", h.seq, h.hash))
    }

    fn status(&self, item: &str) -> &'static str {
        self.evaluation
            .item(item)
            .map_or(Status::Misconfigured.as_str(), |i| i.status.as_str())
    }

    fn items(&self, section: &str) -> Vec<(String, &'static str)> {
        self.evaluation
            .section(section)
            .map(|s| {
                s.items
                    .iter()
                    .map(|i| {
                        let name = i.key.split_once('.').map_or(i.key.as_str(), |(_, n)| n);
                        (format!("{section}.{name}"), i.status.as_str())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The packet `key` of `contract`: `key=value` lines under the contract name, ending with the
/// audit chain head.
fn key_values_packet(
    contract: &'static str,
    key: PacketKey,
    pairs: &[(&str, String)],
    inputs: &PacketInputs<'_>,
) -> Packet {
    let mut body = String::new();
    body.push_str(contract);
    body.push('\n');
    for (key, value) in pairs {
        let _ = writeln!(body, "{key}={value}");
    }
    let _ = writeln!(body, "audit_head={}", inputs.audit_head());
    Packet {
        contract,
        key,
        body,
    }
}

/// Every packet, in page order.
pub fn all(inputs: &PacketInputs<'_>) -> Vec<Packet> {
    vec![
        runbook_sql(inputs),
        cutover_plan(inputs),
        connection(inputs),
        dry_run(inputs),
        preflight(inputs),
        release_env(inputs),
        rollback(inputs),
    ]
}

/// The body of the SQL outline after its header: the schema, the four tables, row-level
/// security enabled and forced, and the tenant policies. It runs on PostgreSQL 15 as written,
/// and again without error (every statement is idempotent).
pub const RUNBOOK_SQL: &str = "\
create schema if not exists bfg_flowcontrol;
create table if not exists bfg_flowcontrol.tenants (
    tenant_id text primary key,
    name text not null,
    created_at timestamptz not null default now()
);
create table if not exists bfg_flowcontrol.users (
    user_id text primary key,
    tenant_id text not null references bfg_flowcontrol.tenants (tenant_id),
    role_key text not null,
    display_name text not null,
    permissions text[] not null default '{}'
);
create table if not exists bfg_flowcontrol.scenario_snapshots (
    snapshot_id text primary key,
    tenant_id text not null references bfg_flowcontrol.tenants (tenant_id),
    checksum text not null,
    schema_version text not null,
    payload jsonb not null,
    created_at timestamptz not null default now()
);
create table if not exists bfg_flowcontrol.audit_events (
    event_id text primary key,
    tenant_id text not null references bfg_flowcontrol.tenants (tenant_id),
    actor_id text not null references bfg_flowcontrol.users (user_id),
    source text not null,
    payload jsonb not null,
    created_at timestamptz not null default now()
);
alter table bfg_flowcontrol.users enable row level security;
alter table bfg_flowcontrol.users force row level security;
alter table bfg_flowcontrol.scenario_snapshots enable row level security;
alter table bfg_flowcontrol.scenario_snapshots force row level security;
alter table bfg_flowcontrol.audit_events enable row level security;
alter table bfg_flowcontrol.audit_events force row level security;
drop policy if exists bfg_tenant_users on bfg_flowcontrol.users;
drop policy if exists bfg_tenant_snapshots on bfg_flowcontrol.scenario_snapshots;
drop policy if exists bfg_tenant_audit on bfg_flowcontrol.audit_events;
create policy bfg_tenant_users on bfg_flowcontrol.users
    using (tenant_id = nullif(current_setting('bfg.tenant_id', true), ''))
    with check (tenant_id = nullif(current_setting('bfg.tenant_id', true), ''));
create policy bfg_tenant_snapshots on bfg_flowcontrol.scenario_snapshots
    using (tenant_id = nullif(current_setting('bfg.tenant_id', true), ''))
    with check (tenant_id = nullif(current_setting('bfg.tenant_id', true), ''));
create policy bfg_tenant_audit on bfg_flowcontrol.audit_events
    using (tenant_id = nullif(current_setting('bfg.tenant_id', true), ''))
    with check (tenant_id = nullif(current_setting('bfg.tenant_id', true), ''));
";

/// `ProductionAdapterMigrationRunbook.v1`: the SQL outline, headed by comments.
pub fn runbook_sql(inputs: &PacketInputs<'_>) -> Packet {
    let mut body = String::from("-- ProductionAdapterMigrationRunbook.v1\n");
    for (key, value) in [
        ("source", SNAPSHOT_CONTRACT.to_owned()),
        ("target", inputs.target().to_owned()),
        ("tenant", inputs.tenant.to_owned()),
        ("snapshot_checksum", inputs.snapshot_checksum().to_owned()),
        ("rows", inputs.snapshot_rows().to_string()),
        ("runbook", inputs.count("runbook").to_string()),
        ("runbook_decision", inputs.decision("runbook").to_owned()),
        ("audit_head", inputs.audit_head()),
    ] {
        let _ = writeln!(body, "-- {key}={value}");
    }
    body.push_str(RUNBOOK_SQL);
    Packet {
        contract: "ProductionAdapterMigrationRunbook.v1",
        key: PacketKey::RunbookSql,
        body,
    }
}

/// `ProductionDataCutoverPlan.v1`: batch groups and the decisions the cutover rests on.
pub fn cutover_plan(inputs: &PacketInputs<'_>) -> Packet {
    let mut pairs = vec![
        ("target", inputs.target().to_owned()),
        ("tenant", inputs.tenant.to_owned()),
        ("snapshot_schema", SNAPSHOT_CONTRACT.to_owned()),
        ("snapshot_checksum", inputs.snapshot_checksum().to_owned()),
        ("snapshot_rows", inputs.snapshot_rows().to_string()),
    ];
    let groups = &inputs.evaluation.batch_groups;
    let batch_keys: Vec<String> = groups.iter().map(|g| format!("batch.{}", g.key)).collect();
    for (key, group) in batch_keys.iter().zip(groups) {
        pairs.push((key.as_str(), group.rows.to_string()));
    }
    pairs.extend([
        ("batches", inputs.evaluation.batches().to_string()),
        ("steps", inputs.count("cutover").to_string()),
        ("connection", inputs.count("connection").to_string()),
        ("dry_run", inputs.count("dry_run").to_string()),
        ("runbook_decision", inputs.decision("runbook").to_owned()),
        ("release_decision", inputs.decision("release").to_owned()),
        ("rollback_decision", inputs.decision("rollback").to_owned()),
        ("cutover_decision", inputs.decision("cutover").to_owned()),
    ]);
    key_values_packet(
        "ProductionDataCutoverPlan.v1",
        PacketKey::CutoverPlan,
        &pairs,
        inputs,
    )
}

/// `ProductionAdapterConnection.v1`: the target, the redacted endpoint and the probes. It never
/// holds a secret: until a probe records a redacted endpoint and a fingerprint, both read
/// `not_recorded`.
pub fn connection(inputs: &PacketInputs<'_>) -> Packet {
    let run = inputs.state.run(RehearsalKind::Connection);
    let recorded = |value: Option<&String>| value.map_or("not_recorded", String::as_str).to_owned();
    let mut pairs = vec![
        ("target", inputs.target().to_owned()),
        ("tenant", inputs.tenant.to_owned()),
        ("endpoint", recorded(run.and_then(|r| r.endpoint.as_ref()))),
        (
            "tls_fingerprint",
            recorded(run.and_then(|r| r.tls.as_ref())),
        ),
    ];
    if let Some(run) = run {
        pairs.push(("run", format!("{}:{}", run.id, run.state)));
        pairs.extend(run.summary.iter().map(|(k, v)| (k.as_str(), v.clone())));
    }
    let items = inputs.items("connection");
    pairs.extend(items.iter().map(|(k, s)| (k.as_str(), (*s).to_owned())));
    pairs.push(("connection", inputs.count("connection").to_string()));
    key_values_packet(
        "ProductionAdapterConnection.v1",
        PacketKey::Connection,
        &pairs,
        inputs,
    )
}

/// `ProductionAdapterDryRun.v1`: the checkpoint of the five dry-run steps.
pub fn dry_run(inputs: &PacketInputs<'_>) -> Packet {
    let mut pairs = vec![
        ("target", inputs.target().to_owned()),
        ("tenant", inputs.tenant.to_owned()),
        ("snapshot_checksum", inputs.snapshot_checksum().to_owned()),
        ("rows", inputs.snapshot_rows().to_string()),
    ];
    let items = inputs.items("dry_run");
    pairs.extend(items.iter().map(|(k, s)| (k.as_str(), (*s).to_owned())));
    // The transcript's figures: rows and checksums before and after the replay, timings.
    if let Some(run) = inputs.state.run(RehearsalKind::DryRun) {
        pairs.push(("run", format!("{}:{}", run.id, run.state)));
        pairs.extend(run.summary.iter().map(|(k, v)| (k.as_str(), v.clone())));
    }
    pairs.extend([
        ("dry_run", inputs.count("dry_run").to_string()),
        ("fallback", inputs.state.profile.storage_adapter.clone()),
    ]);
    key_values_packet(
        "ProductionAdapterDryRun.v1",
        PacketKey::DryRun,
        &pairs,
        inputs,
    )
}

/// `ProductionAdapterMigrationPreflight.v1`: the report of the five preflight checks.
pub fn preflight(inputs: &PacketInputs<'_>) -> Packet {
    let pairs = [
        ("schema", SNAPSHOT_CONTRACT.to_owned()),
        ("target", inputs.target().to_owned()),
        ("tenant", inputs.tenant.to_owned()),
        ("checksum", inputs.snapshot_checksum().to_owned()),
        ("rows", inputs.snapshot_rows().to_string()),
        (
            "adapter_contract",
            inputs.state.profile.scenario_contract.clone(),
        ),
        ("checks", inputs.count("preflight").to_string()),
        ("schema_map", inputs.count("decision_board").to_string()),
        ("dry_run", inputs.count("dry_run").to_string()),
        ("connection", inputs.count("connection").to_string()),
        (
            "rollback_evidence",
            inputs.status("preflight.rollback_evidence").to_owned(),
        ),
        ("rollback_decision", inputs.decision("rollback").to_owned()),
    ];
    key_values_packet(
        "ProductionAdapterMigrationPreflight.v1",
        PacketKey::Preflight,
        &pairs,
        inputs,
    )
}

/// The nine release environment variables, as `NAME=value` lines.
pub fn release_env(inputs: &PacketInputs<'_>) -> Packet {
    let p = &inputs.state.profile;
    let mut body = format!("# audit_head={}\n", inputs.audit_head());
    for (name, value) in [
        ("BFG_RELEASE_ENVIRONMENT", p.environment.as_str()),
        ("BFG_RELEASE_TARGET", p.adapter_target.as_str()),
        ("BFG_SCENARIO_ADAPTER", p.scenario_contract.as_str()),
        ("BFG_STORAGE_ADAPTER", p.storage_adapter.as_str()),
        ("BFG_AUTH_MODE", p.auth_mode.as_str()),
        ("BFG_TENANT_MODE", p.tenant_mode.as_str()),
        ("BFG_ROLLBACK_OWNER", inputs.rollback_owner()),
        ("BFG_RELEASE_EVIDENCE", "ProductionAdapterDryRun.v1"),
        ("BFG_RELEASE_DECISION", inputs.decision("release")),
    ] {
        let _ = writeln!(body, "{name}={value}");
    }
    Packet {
        contract: "ProductionReleaseHandoff.v1",
        key: PacketKey::ReleaseEnv,
        body,
    }
}

/// The six rollback variables of `ProductionRollbackDrill.v1`.
pub fn rollback(inputs: &PacketInputs<'_>) -> Packet {
    let p = &inputs.state.profile;
    let mut body = format!("# audit_head={}\n", inputs.audit_head());
    for (name, value) in [
        ("BFG_ROLLBACK_DECISION", inputs.decision("rollback")),
        ("BFG_ROLLBACK_OWNER", inputs.rollback_owner()),
        ("BFG_ROLLBACK_STORAGE", p.storage_adapter.as_str()),
        ("BFG_ROLLBACK_AUTH", p.auth_mode.as_str()),
        ("BFG_ROLLBACK_EVIDENCE", "ProductionReleaseHandoff.v1"),
        ("BFG_ROLLBACK_PACKET", "ProductionRollbackDrill.v1"),
    ] {
        let _ = writeln!(body, "{name}={value}");
    }
    Packet {
        contract: "ProductionRollbackDrill.v1",
        key: PacketKey::Rollback,
        body,
    }
}

/// The short checksum the pages show of a body whose SHA-256 is `sha256`.
pub fn checksum_of(sha256: &str) -> String {
    format!("bfg-{}", sha256.get(..8).unwrap_or(sha256))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::readiness::state::ProbeResult;
    use crate::readiness::{demo, evaluate, programme};

    fn packets(state: &ReadinessState) -> Vec<Packet> {
        let evaluation = evaluate(&programme::demo().catalogue, state);
        all(&PacketInputs {
            tenant: demo::SLUG,
            state,
            evaluation: &evaluation,
        })
    }

    fn demo_state() -> ReadinessState {
        demo::state(datetime!(2026-11-01 09:00 UTC))
    }

    #[test]
    fn the_same_state_gives_the_same_bytes_and_checksums() {
        let first = packets(&demo_state());
        let second = packets(&demo_state());
        assert_eq!(first, second);
        assert_eq!(first.len(), 7);
        for p in &first {
            assert!(p.body.ends_with('\n'), "{}", p.key);
            assert_eq!(p.checksum().len(), 12);
            assert!(p.checksum().starts_with("bfg-"));
            assert!(p.sha256().starts_with(&p.checksum()[4..]));
        }
    }

    #[test]
    fn a_state_change_changes_exactly_the_packets_that_name_it() {
        let before = packets(&demo_state());
        let mut state = demo_state();
        state.probes.insert(
            "connection.endpoint_reachability".to_owned(),
            ProbeResult {
                passed: true,
                found: None,
                at: datetime!(2026-11-02 09:00 UTC),
            },
        );
        let after = packets(&state);
        let changed: Vec<&str> = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b.body != a.body)
            .map(|(b, _)| b.key.as_str())
            .collect();
        // The connection count appears in the cutover plan, the connection packet and the
        // preflight report. The dry-run steps still wait on the whole connection: unchanged.
        assert_eq!(changed, ["cutover-plan", "connection", "preflight"]);
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(b.body == a.body, b.checksum() == a.checksum(), "{}", b.key);
        }
    }

    #[test]
    fn the_demo_packets_carry_the_seed_pages_values() {
        let all = packets(&demo_state());
        let body = |key: &str| {
            all.iter()
                .find(|p| p.key.as_str() == key)
                .map(|p| p.body.clone())
                .unwrap_or_default()
        };
        assert!(body("runbook-sql").contains("-- runbook_decision=BLOCKED_PENDING_PREFLIGHT\n"));
        assert!(
            body("cutover-plan")
                .contains("\nbatches=1/4\nsteps=0/5\nconnection=0/4\ndry_run=0/5\n")
        );
        assert!(body("cutover-plan").contains("\ncutover_decision=BLOCKED_PENDING_DATA_CUTOVER\n"));
        assert!(body("preflight").contains("\nchecks=1/5\nschema_map=1/7\ndry_run=0/5\n"));
        assert_eq!(
            body("release-env"),
            "# audit_head=none\nBFG_RELEASE_ENVIRONMENT=local-demo\nBFG_RELEASE_TARGET=db-auth-session-adapter\n\
             BFG_SCENARIO_ADAPTER=ScenarioStore.v1\nBFG_STORAGE_ADAPTER=file-local\n\
             BFG_AUTH_MODE=mock-auth-header\nBFG_TENANT_MODE=single-tenant-local\n\
             BFG_ROLLBACK_OWNER=user_md_anna\nBFG_RELEASE_EVIDENCE=ProductionAdapterDryRun.v1\n\
             BFG_RELEASE_DECISION=BLOCKED_PENDING_DRY_RUN\n"
        );
        assert_eq!(body("rollback").lines().count(), 7);
        assert!(
            body("rollback")
                .starts_with("# audit_head=none\nBFG_ROLLBACK_DECISION=BLOCKED_PENDING_DRY_RUN\n")
        );
        assert!(body("connection").contains("\nendpoint=not_recorded\n"));
    }

    #[test]
    fn every_packet_names_the_audit_chain_head_it_was_generated_at() {
        let mut state = demo_state();
        state.audit_head = Some(crate::readiness::state::AuditHead {
            seq: 42,
            hash: "ab12".to_owned(),
        });
        for packet in packets(&state) {
            assert!(
                packet.body.contains("audit_head=42:ab12\n"),
                "{}",
                packet.key
            );
        }
        assert_eq!(
            packets(&demo_state())
                .iter()
                .map(|p| p.key)
                .collect::<Vec<_>>(),
            PacketKey::ALL
        );
    }

    #[test]
    fn each_packet_is_shown_on_a_section_of_the_catalogue() {
        let catalogue = programme::demo().catalogue.clone();
        for key in PacketKey::ALL {
            assert!(catalogue.section(key.section()).is_some(), "{key}");
        }
    }

    #[test]
    fn the_checksum_is_the_first_eight_hex_digits_of_sha256() {
        let packet = Packet {
            contract: "x",
            key: PacketKey::Rollback,
            body: "abc".to_owned(),
        };
        // sha256("abc") = ba7816bf…
        assert_eq!(packet.checksum(), "bfg-ba7816bf");
    }
}
