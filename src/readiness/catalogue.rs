//! The readiness catalogue: which sections exist, which items they hold, and how items depend
//! on each other.
//!
//! The catalogue is data, read from a programme file ([`super::programme`]): the demo's is
//! `programmes/db-auth-session-adapter.toml`; `seed-demo` writes it into PostgreSQL and the
//! console reads it back from there, so another programme reuses the same engine with other
//! rows.

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
/// The overall decision is the first rung of a catalogue's ladder that is not satisfied; the codes are
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rung {
    /// The decision while this rung is the first unsatisfied one.
    pub code: DecisionCode,
    /// Section keys that must be complete. The sign-off rung has none: it needs the signature.
    pub requires: Vec<String>,
}

impl DecisionCode {
    /// The codes a programme's own rungs may carry, each with its ladder message. After them
    /// every ladder has the sign-off rung, [`DecisionCode::BlockedPendingSignoff`], then GO.
    pub const SECTION_RUNGS: [Self; 4] = [
        Self::BlockedPendingDryRun,
        Self::BlockedPendingPreflight,
        Self::BlockedPendingDataCutover,
        Self::BlockedPendingInfrastructureOrCredentials,
    ];

    /// Every code a ladder can stand at: the programmes' rungs, then sign-off.
    pub const RUNGS: [Self; 5] = [
        Self::BlockedPendingDryRun,
        Self::BlockedPendingPreflight,
        Self::BlockedPendingDataCutover,
        Self::BlockedPendingInfrastructureOrCredentials,
        Self::BlockedPendingSignoff,
    ];

    /// The codes a section's local decision may show while its own items are incomplete.
    pub const LOCAL_PENDING: [Self; 7] = [
        Self::BlockedPendingDryRun,
        Self::BlockedPendingPreflight,
        Self::BlockedPendingDataCutover,
        Self::BlockedPendingInfrastructureOrCredentials,
        Self::BlockedPendingRunbook,
        Self::BlockedPendingRelease,
        Self::BlockedPendingRollback,
    ];
}

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
    /// The role the programme names as its owner, if any: only a person holding it may be
    /// assigned the item ([`super::people::may_own`]).
    pub owner_role: Option<super::state::Role>,
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

/// Every section of a programme, in page order, and its decision ladder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalogue {
    /// The sections in page order.
    pub sections: Vec<SectionDef>,
    /// The decision ladder, in order: the overall decision is the first rung not satisfied,
    /// and past the last one (the sign-off) stands [`DecisionCode::Go`].
    pub ladder: Vec<Rung>,
}

impl Catalogue {
    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The item with this key.
    pub fn item(&self, key: &str) -> Option<&ItemDef> {
        self.items().find(|i| i.key == key)
    }

    /// Every item, in page order.
    pub fn items(&self) -> impl Iterator<Item = &ItemDef> {
        self.sections.iter().flat_map(|s| &s.items)
    }
}

/// The actor ids of the demo programme's owners (its `[owners]` table).
pub mod actors {
    /// Anna Kowalska, managing director.
    pub const ANNA: &str = "user_md_anna";
    /// Marek Zielinski, dispatcher.
    pub const MAREK: &str = "user_dispatcher_marek";
    /// Olena Shevchenko, accountant.
    pub const OLENA: &str = "user_accountant_olena";
}
