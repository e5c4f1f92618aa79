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

    /// The section of `layout` with this id.
    pub(super) fn parse(layout: &[SectionKey], id: &str) -> Option<Self> {
        layout.iter().copied().find(|k| k.id() == id)
    }

    /// The section of `layout` listing an item (`db.schema` is listed in `db`'s section).
    pub(super) fn of_item(layout: &[SectionKey], item: &str) -> Option<Self> {
        let (section, _) = item.split_once('.')?;
        layout
            .iter()
            .copied()
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

/// The catalogue sections the demo programme's page lists item by item.
pub fn listed_sections() -> impl Iterator<Item = &'static str> {
    items_of(&SectionKey::ALL)
}

/// The catalogue sections a layout lists item by item.
pub fn items_of(layout: &[SectionKey]) -> impl Iterator<Item = &'static str> + '_ {
    layout.iter().filter_map(|k| match k {
        SectionKey::Items(section) => Some(*section),
        _ => None,
    })
}

/// The section the checklist shows: the gates, never listed item by item.
const CHECKLIST_SECTION: &str = "gates";

/// The page of a tenant whose programme has these sections (in its order), `None` for a
/// tenant that stores no programme (it has the demo's page).
///
/// The demo's page order stays; an item section the programme lacks is left out, and one it
/// has that the demo's page does not know comes before the environments, in the programme's
/// order. A programme section named like one of the page's own (`rbac`) takes its place.
/// For the demo programme this is [`SectionKey::ALL`].
pub fn layout(sections: Option<&[String]>) -> Vec<SectionKey> {
    let Some(sections) = sections else {
        return SectionKey::ALL.to_vec();
    };
    let has = |key: &str| sections.iter().any(|s| s == key);
    let known: Vec<&str> = listed_sections().collect();
    let mut out = Vec::with_capacity(SectionKey::ALL.len());
    for key in SectionKey::ALL {
        match key {
            SectionKey::Items(section) if !has(section) => {}
            SectionKey::Items(_) => out.push(key),
            SectionKey::Environments => {
                for extra in sections
                    .iter()
                    .filter(|s| !known.contains(&s.as_str()) && *s != CHECKLIST_SECTION)
                {
                    out.push(SectionKey::Items(intern(extra)));
                }
                if !has(key.id()) {
                    out.push(key);
                }
            }
            other if has(other.id()) && other.id() != CHECKLIST_SECTION => {}
            other => out.push(other),
        }
    }
    out
}

/// A section key as a `&'static str`, for [`SectionKey::Items`]: each distinct key of every
/// programme read is kept once, for the life of the process (a handful).
fn intern(key: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{LazyLock, Mutex, PoisonError};
    static KEYS: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);
    let mut keys = KEYS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = keys.get(key) {
        return known;
    }
    let leaked: &'static str = Box::leak(key.to_owned().into_boxed_str());
    keys.insert(leaked);
    leaked
}

/// An item's key as it stands in HTML ids and message ids: `.` as `-` (`db.schema` →
/// `db-schema`).
fn key_slug(key: &str) -> String {
    key.replace('.', "-")
}

/// The message id of an item's label (`item-db-schema`).
pub(crate) fn item_label_id(key: &str) -> String {
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
