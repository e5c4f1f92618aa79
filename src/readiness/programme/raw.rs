//! The file as serde reads it: every field the format has, no other (`deny_unknown_fields`),
//! with the spans of the values that the validator may have to point at.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A whole programme file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProgramme {
    /// Checked before serde reads the rest; its place is where a missing `[profile]` is
    /// reported.
    pub format: Spanned<String>,
    pub name: String,
    pub version: u32,
    /// Role → the actor who owns that role's items.
    pub owners: BTreeMap<Spanned<String>, String>,
    pub ladder: Vec<RawRung>,
    pub sections: Vec<RawSection>,
    #[serde(default)]
    pub target: RawTarget,
    /// How production is signed off; absent, one GO signature.
    pub signoff: Option<RawSignoff>,
    /// The profile a new tenant starts with; required, but absent from a text a tenant stored
    /// before the format had it.
    pub profile: Option<RawProfile>,
    /// Language tag → its labels.
    pub labels: Spanned<BTreeMap<Spanned<String>, RawLanguage>>,
}

/// One rung of the decision ladder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRung {
    pub code: Spanned<String>,
    #[serde(default)]
    pub requires: Vec<Spanned<String>>,
}

/// One section and its items.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    pub key: Spanned<String>,
    pub contract: Option<String>,
    pub decision: Option<RawLocalDecision>,
    #[serde(default)]
    pub items: Vec<RawItem>,
}

/// A section's local decision.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocalDecision {
    #[serde(default)]
    pub gated_by: Vec<Spanned<String>>,
    pub pending: Spanned<String>,
}

/// One item.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawItem {
    pub key: Spanned<String>,
    pub kind: Spanned<String>,
    pub code: Option<String>,
    pub owner: Option<Spanned<String>>,
    #[serde(default)]
    pub depends_on: Vec<Spanned<String>>,
    pub fact: Option<Spanned<String>>,
    pub proposal: Option<String>,
    pub expected: Option<u32>,
}

/// The sign-off: how many distinct managing directors must sign GO.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSignoff {
    pub required: Spanned<i64>,
}

/// The profile a new tenant of the programme starts with: every value a mode.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    pub scenario_contract: Spanned<String>,
    pub environment: Spanned<String>,
    pub storage_adapter: Spanned<String>,
    pub auth_mode: Spanned<String>,
    pub tenant_mode: Spanned<String>,
    pub adapter_target: Spanned<String>,
    #[serde(default)]
    pub providers: Vec<RawProvider>,
}

/// One provider of the profile and its modes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProvider {
    pub key: Spanned<String>,
    pub current_mode: Spanned<String>,
    pub target_mode: Spanned<String>,
}

/// What the schema gap analysis expects in the target.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTarget {
    #[serde(default)]
    pub schemas: Vec<RawSchema>,
}

/// One expected schema.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSchema {
    pub name: Spanned<String>,
    pub tenant_setting: Option<String>,
    #[serde(default)]
    pub tables: Vec<RawTable>,
}

/// One expected table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTable {
    pub name: String,
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub rls_enabled: bool,
    #[serde(default)]
    pub rls_forced: bool,
    pub policy: Option<String>,
}

/// One language's labels: section key or item key → its label.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    pub sections: Option<Spanned<LabelTable>>,
    pub items: Option<Spanned<LabelTable>>,
}

/// Key → label.
pub(super) type LabelTable = BTreeMap<Spanned<String>, Spanned<RawLabel>>;

/// A label and its optional description.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLabel {
    pub label: Option<String>,
    pub description: Option<String>,
}
