//! The sections of the console page and the ids they are known by in URLs, anchors and
//! message ids.

use crate::readiness::Evaluation;

/// The sections of the console, in page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKey {
    /// Header figures.
    Kpis,
    /// Integration readiness copilot.
    Copilot,
    /// The nine-gate blocker checklist.
    Checklist,
    /// The production readiness decision.
    Decision,
    /// A section of the catalogue's items, by its catalogue key.
    Items(&'static str),
    /// Links from each blocker to its evidence.
    ProofPath,
    /// Provider contracts, current → target mode.
    Providers,
    /// The live session: how the tenant runs now.
    Session,
    /// The RBAC map of the scenario's actors.
    Rbac,
    /// The environments of the rollout plan.
    Environments,
}

impl SectionKey {
    /// Page order.
    pub const ALL: [SectionKey; 21] = [
        Self::Kpis,
        Self::Copilot,
        Self::Checklist,
        Self::Decision,
        Self::Items("provider_acceptance"),
        Self::Items("infrastructure"),
        Self::ProofPath,
        Self::Items("wiring"),
        Self::Providers,
        Self::Session,
        Self::Rbac,
        Self::Items("passage"),
        Self::Items("decision_board"),
        Self::Items("runbook"),
        Self::Items("cutover"),
        Self::Items("connection"),
        Self::Items("dry_run"),
        Self::Items("preflight"),
        Self::Items("release"),
        Self::Items("rollback"),
        Self::Environments,
    ];

    /// The id used in URLs, anchors and message ids.
    pub fn id(self) -> &'static str {
        match self {
            Self::Kpis => "kpis",
            Self::Copilot => "copilot",
            Self::Checklist => "checklist",
            Self::Decision => "decision",
            Self::Items(key) => key,
            Self::ProofPath => "proof_path",
            Self::Providers => "providers",
            Self::Session => "session",
            Self::Rbac => "rbac",
            Self::Environments => "environments",
        }
    }

    /// The message id of its heading.
    pub(super) fn title_id(self) -> String {
        match self {
            Self::Items(key) => format!("section-name-{key}"),
            other => format!("section-{}", other.id()),
        }
    }

    pub(super) fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The section listing an item (`db.schema` is listed in `db`'s section).
    pub(super) fn of_item(item: &str) -> Option<Self> {
        let (section, _) = item.split_once('.')?;
        Self::ALL
            .into_iter()
            .find(|k| matches!(k, Self::Items(s) if *s == section))
    }

    /// Whether this section's figures differ between two evaluations. Sections drawn from the
    /// scenario alone (providers, RBAC, environments) never move with a write; the summaries
    /// are drawn again every time.
    pub(super) fn moved(self, before: &Evaluation, after: &Evaluation) -> bool {
        match self {
            Self::Items(s) => before.section(s) != after.section(s),
            Self::Providers | Self::Rbac | Self::Environments => false,
            _ => true,
        }
    }
}

/// The catalogue sections the page lists item by item.
pub fn listed_sections() -> impl Iterator<Item = &'static str> {
    SectionKey::ALL.into_iter().filter_map(|k| match k {
        SectionKey::Items(section) => Some(section),
        _ => None,
    })
}

/// An item's key as it stands in HTML ids and message ids: `.` as `-` (`db.schema` →
/// `db-schema`).
fn key_slug(key: &str) -> String {
    key.replace('.', "-")
}

/// The message id of an item's label (`item-db-schema`).
pub(super) fn item_label_id(key: &str) -> String {
    format!("item-{}", key_slug(key))
}

/// The element id of an item's row on the console page (`item-db-schema`): where a write, or
/// a sign-in that kept its evidence, comes back to.
pub fn item_anchor(key: &str) -> String {
    format!("item-{}", key_slug(key))
}

/// The element id of an item's form (`form-db-schema`).
pub(super) fn item_form_id(key: &str) -> String {
    format!("form-{}", key_slug(key))
}
