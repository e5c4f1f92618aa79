//! The file as serde reads it: every field the format has, no other (`deny_unknown_fields`),
//! with the spans of the values that the validator may have to point at.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A whole programme file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProgramme {
    /// Checked before serde reads the rest.
    #[expect(dead_code, reason = "checked on the parsed table, with its span")]
    pub format: String,
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
