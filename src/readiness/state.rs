//! The state of one tenant that the evaluation reads: plain values loaded from PostgreSQL.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::code::code_enum;
use super::signature::{SignaturesRequired, SignoffDecision};

/// A console role. Permissions to write are checked against it on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Signs decisions and GO/NO-GO.
    ManagingDirector,
    /// Accepts dispatch-owned checks, runs probes.
    Dispatcher,
    /// Accepts finance-owned checks.
    Accountant,
    /// Reads.
    Driver,
    /// Reads.
    Client,
    /// Reads everything, changes nothing.
    Reviewer,
    /// A service account: the account of an API key. Reads; an `attest` key's account also
    /// accepts the owner checks it is assigned. Never a person's role.
    Service,
}

impl Role {
    /// Every role a person can hold (a service account's is [`Role::Service`]).
    pub const ALL: [Self; 6] = [
        Self::ManagingDirector,
        Self::Dispatcher,
        Self::Accountant,
        Self::Driver,
        Self::Client,
        Self::Reviewer,
    ];

    /// The code stored in the database and used in message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ManagingDirector => "managing_director",
            Self::Dispatcher => "dispatcher",
            Self::Accountant => "accountant",
            Self::Driver => "driver",
            Self::Client => "client",
            Self::Reviewer => "reviewer",
            Self::Service => "service",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain([Self::Service])
            .find(|r| r.as_str() == code)
    }
}

/// One person or organisation of the scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Stable id that becomes an auth claim, e.g. `user_md_anna`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Organisational unit, as the tenant writes it.
    pub unit: String,
    /// Console role.
    pub role: Role,
    /// Permission codes.
    pub permissions: Vec<String>,
}

/// One external dependency and where it is heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    /// Key, e.g. `scenario_store`.
    pub key: String,
    /// Mode today, e.g. `file-local`.
    pub current_mode: String,
    /// Production mode, e.g. `Postgres/RLS`; empty when not chosen.
    pub target_mode: String,
}

/// How the tenant runs today and what it moves to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// Display name of the tenant.
    pub name: String,
    /// The scenario contract, e.g. `ScenarioStore.v1`.
    pub scenario_contract: String,
    /// Storage adapter today, e.g. `file-local`.
    pub storage_adapter: String,
    /// Auth mode today, e.g. `mock-auth-header`.
    pub auth_mode: String,
    /// Tenant mode today, e.g. `single-tenant-local`.
    pub tenant_mode: String,
    /// The adapter the rehearsal targets, e.g. `db-auth-session-adapter`.
    pub adapter_target: String,
    /// The release environment name, e.g. `local-demo`.
    pub environment: String,
}

code_enum! {
    /// An environment of the rollout plan, from the demo setup to production.
    pub enum Environment as "environment" {
        /// The setup the tenant runs today.
        Local => "local",
        /// The rehearsal target.
        Staging => "staging",
        /// Production, once GO.
        Production => "production",
    }
}

/// A standing acceptance of an owner check or decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    /// Who accepted.
    pub actor: String,
    /// When.
    pub at: OffsetDateTime,
    /// The chosen value, for decisions.
    pub value: Option<String>,
}

/// The latest result of a probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeResult {
    /// Whether it passed.
    pub passed: bool,
    /// For measuring probes: how many expected objects were found.
    pub found: Option<u32>,
    /// When it ran.
    pub at: OffsetDateTime,
}

/// The latest frozen scenario snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Version number, increasing per freeze.
    pub version: i32,
    /// Total rows.
    pub rows: u64,
    /// `bfg-` short checksum.
    pub checksum: String,
    /// Rows per batch group key (`operations`, `finance`, `audit`).
    pub batch_rows: HashMap<String, u64>,
}

/// The latest sign-off: GO, or NO-GO with a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signoff {
    /// Who signed.
    pub actor: String,
    /// When.
    pub at: OffsetDateTime,
    /// GO (`true`) or NO-GO.
    pub go: bool,
    /// Why, for a NO-GO.
    pub reason: Option<String>,
    /// For a GO: the digest of the evaluated state it was given on
    /// ([`super::signature::state_digest`]); `None` for signatures recorded before digests were.
    pub state_digest: Option<String>,
    /// For a GO: the audit head's sequence number when it was given (`None` on an empty chain
    /// or before it was recorded).
    pub state_seq: Option<i64>,
    /// The write that withdrew this GO, if one did.
    pub withdrawal: Option<Withdrawal>,
}

impl Signoff {
    /// GO or NO-GO, as stored.
    pub fn decision(&self) -> SignoffDecision {
        if self.go {
            SignoffDecision::Go
        } else {
            SignoffDecision::NoGo
        }
    }
}

/// The write that withdrew a GO signature: it changed an item's status after the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    /// The audit event the write appended.
    pub seq: i64,
    /// Who wrote.
    pub actor: String,
    /// What they did; `None` when the stored code is not one the console knows.
    pub action: Option<super::signature::WithdrawingAction>,
    /// The item whose status the write changed.
    pub item: String,
    /// When.
    pub at: OffsetDateTime,
}

/// The newest event of the audit chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    /// Its sequence number.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
}

code_enum! {
    /// What a rehearsal run does, as stored, in the rehearsal page's URLs and on the command
    /// line.
    pub enum RehearsalKind as "rehearsal kind" {
        /// The connection probes.
        Connection => "connection",
        /// The schema gap analysis.
        Gap => "gap",
        /// The dry-run of the frozen snapshot.
        DryRun => "dry_run",
    }
}

impl RehearsalKind {
    /// The catalogue section whose items decide whether a run of this kind passed (the
    /// connection run also records `wiring.live_credentials`, which does not count).
    pub fn section(self) -> &'static str {
        match self {
            Self::Connection => "connection",
            Self::Gap => "runbook",
            Self::DryRun => "dry_run",
        }
    }
}

code_enum! {
    /// Where a rehearsal run stands.
    pub enum RunState as "run state" {
        /// Under way.
        Running => "running",
        /// Every step of its section passed.
        Passed => "passed",
        /// A step of its section failed.
        Failed => "failed",
        /// Refused before touching the target.
        Refused => "refused",
        /// Cancelled at the run's time limit.
        TimedOut => "timed_out",
    }
}

impl RunState {
    /// How a run that ended in time stands: passed when its steps did.
    pub fn finished(passed: bool) -> Self {
        if passed { Self::Passed } else { Self::Failed }
    }
}

/// A rehearsal run against the target database, as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RehearsalRun {
    /// Its id.
    pub id: i64,
    /// What it runs.
    pub kind: RehearsalKind,
    /// Where it stands.
    pub state: RunState,
    /// Why it was refused or timed out, as a code.
    pub reason: Option<String>,
    /// Who started it.
    pub actor: String,
    /// The target's endpoint, redacted: host, port and database, never credentials.
    pub endpoint: Option<String>,
    /// The TLS certificate's SHA-256, or `not_tls`.
    pub tls: Option<String>,
    /// Its figures for packets: `key → value`, sorted.
    pub summary: std::collections::BTreeMap<String, String>,
    /// When it started.
    pub started_at: OffsetDateTime,
    /// When it ended.
    pub finished_at: Option<OffsetDateTime>,
}

/// Everything the evaluation needs about one tenant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadinessState {
    /// How the tenant runs today.
    pub profile: Profile,
    /// Scenario actors, in display order.
    pub actors: Vec<Actor>,
    /// Providers, in display order.
    pub providers: Vec<Provider>,
    /// Standing acceptances by item key.
    pub acceptances: HashMap<String, Acceptance>,
    /// Latest probe results by item key.
    pub probes: HashMap<String, ProbeResult>,
    /// The latest frozen snapshot.
    pub snapshot: Option<Snapshot>,
    /// The latest sign-off, if any. Only a GO that nothing withdrew counts towards the decision.
    pub signoff: Option<Signoff>,
    /// The other standing GO signatures of the latest sign-off's round, oldest first: given by
    /// other managing directors on the same state (the same digest) before the latest one, and
    /// not withdrawn. Empty unless the programme asks for more than one signature.
    pub cosignatures: Vec<Signoff>,
    /// How many GO signatures of distinct managing directors production needs: the programme's
    /// `[signoff] required`, one unless it says more.
    pub signatures_required: SignaturesRequired,
    /// The time of the last state change recorded in the audit trail.
    pub last_write: Option<OffsetDateTime>,
    /// The head of the audit chain, if it has any event.
    pub audit_head: Option<AuditHead>,
    /// Each item's version: forms carry it, and a write drawn from an older one is refused.
    pub item_versions: HashMap<String, i32>,
    /// The rehearsal target's secret reference (`env:NAME` or `file:/path`), never a secret.
    pub target: Option<String>,
    /// The latest rehearsal run of each kind.
    pub runs: Vec<RehearsalRun>,
}

impl ReadinessState {
    /// The version of `item` (0 before its first write): a write drawn from another is refused.
    pub fn version_of(&self, item: &str) -> i32 {
        self.item_versions.get(item).copied().unwrap_or(0)
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The latest run of this kind.
    pub fn run(&self, kind: RehearsalKind) -> Option<&RehearsalRun> {
        self.runs.iter().find(|r| r.kind == kind)
    }

    /// The scenario actors, that is everyone but reviewers and service accounts.
    pub fn scenario_actors(&self) -> impl Iterator<Item = &Actor> {
        self.actors
            .iter()
            .filter(|a| !matches!(a.role, Role::Reviewer | Role::Service))
    }
}
