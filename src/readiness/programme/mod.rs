//! Programmes as files: `ReadinessProgramme.v1`, a TOML file holding a tenant's sections,
//! items, decision ladder, local decisions, labels in every language, the objects the
//! schema gap analysis expects in the target, and the profile a new tenant starts with.
//!
//! [`parse`] is pure: text in, a [`Programme`] or every problem found out, each with its line,
//! column and message id. Facts, item kinds, roles and decision codes stay the core's fixed
//! vocabulary: a file names them and never defines them. The README's "Programme files"
//! section documents the format.

mod problem;
mod raw;
mod validate;

#[cfg(test)]
mod frozen;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub use problem::{Problem, ProgrammeError};

use super::catalogue::Catalogue;
use super::signature::SignaturesRequired;
use super::state::{Profile, Provider};

/// The value `format` must have.
pub const FORMAT: &str = "ReadinessProgramme.v1";

/// The programme the demo tenant runs, as shipped in `programmes/`.
pub const DEMO_FILE: &str = include_str!("../../../programmes/db-auth-session-adapter.toml");

/// A programme read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    /// Its name, e.g. `db-auth-session-adapter`.
    pub name: String,
    /// Its version: a changed programme is a new version.
    pub version: u32,
    /// Sections, items, the ladder and the local decisions, as the evaluation reads them.
    pub catalogue: Catalogue,
    /// Language tag → the labels in that language.
    pub labels: BTreeMap<String, LanguageLabels>,
    /// What the schema gap analysis expects in the target.
    pub target: ExpectedTarget,
    /// How many distinct managing directors must sign GO (`[signoff] required`, one if absent).
    pub signatures_required: SignaturesRequired,
    /// The profile and providers a new tenant of the programme starts with (`[profile]`).
    pub profile: ProgrammeProfile,
    /// The file's text, as read: what a tenant stores, with its SHA-256.
    pub source: String,
}

impl Programme {
    /// How many items it has.
    pub fn item_count(&self) -> usize {
        self.catalogue.sections.iter().map(|s| s.items.len()).sum()
    }
}

/// The profile a new tenant of a programme starts with (`[profile]`): how it runs today, what
/// its rehearsals target, its release environment, and each provider's current and target
/// mode, every value a mode ([`super::profile::Mode`]). The tenant's name is not part of it:
/// it is typed when the tenant is created. After that the profile is the tenant's own, which
/// its managing director edits on the settings page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeProfile {
    /// The modes; the name is empty.
    modes: Profile,
    /// The providers, in the file's order.
    providers: Vec<Provider>,
}

impl ProgrammeProfile {
    /// The profile of a new tenant called `name`.
    pub fn named(&self, name: &str) -> Profile {
        Profile {
            name: name.to_owned(),
            ..self.modes.clone()
        }
    }

    /// The providers, in the file's order; their keys are distinct.
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }
}

/// The labels of one language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LanguageLabels {
    /// Section key → its label.
    pub sections: BTreeMap<String, Label>,
    /// Item key (`section.item`) → its label.
    pub items: BTreeMap<String, Label>,
}

/// What a section or an item is called, and what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Its name, a Fluent pattern (it may use `{ $target }`).
    pub label: String,
    /// A sentence about it, if the programme gives one.
    pub description: Option<String>,
}

/// The objects the schema gap analysis expects in the target database.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExpectedTarget {
    /// The schemas, each with its tables.
    pub schemas: Vec<ExpectedSchema>,
}

impl ExpectedTarget {
    /// How many objects "schema and RLS" counts: each schema, each table (complete with its
    /// columns), and the row-level security as a whole, if any table expects it.
    pub fn objects(&self) -> u32 {
        let tables: usize = self.schemas.iter().map(|s| s.tables.len()).sum();
        let rls = self
            .schemas
            .iter()
            .flat_map(|s| &s.tables)
            .any(ExpectedTable::expects_rls);
        u32::try_from(self.schemas.len() + tables + usize::from(rls)).unwrap_or(u32::MAX)
    }
}

/// One expected schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedSchema {
    /// Its name.
    pub name: String,
    /// The setting each tenant policy reads the tenant from (its expression must name it).
    pub tenant_setting: Option<String>,
    /// Its tables.
    pub tables: Vec<ExpectedTable>,
}

/// One expected table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedTable {
    /// Its name, within its schema.
    pub name: String,
    /// The columns it must have.
    pub columns: Vec<String>,
    /// Row-level security must be enabled.
    pub rls_enabled: bool,
    /// Row-level security must be forced (on the owner too).
    pub rls_forced: bool,
    /// The tenant policy it must have.
    pub policy: Option<String>,
}

impl ExpectedTable {
    /// Whether it expects any row-level security.
    pub fn expects_rls(&self) -> bool {
        self.rls_enabled || self.rls_forced || self.policy.is_some()
    }
}

/// Reads a programme file. `languages` are the tags every label table must exist for (the
/// languages the console speaks). Pure: no I/O.
pub fn parse(text: &str, languages: &[&str]) -> Result<Programme, Vec<ProgrammeError>> {
    validate::parse(text, languages, validate::ProfileRule::Required)
}

/// The catalogue of a programme as a tenant stores it (`tenant_programmes.source`). Every rule
/// of [`parse`] holds, except that a text stored before the format had `[profile]` may lack
/// it: that tenant's profile was written into its own rows when it was created, and only the
/// catalogue is asked for here.
pub fn stored_catalogue(text: &str, languages: &[&str]) -> Result<Catalogue, Vec<ProgrammeError>> {
    validate::parse(text, languages, validate::ProfileRule::MayBeAbsent).map(|p| p.catalogue)
}

/// The languages a programme must be labelled in: every language the console speaks.
pub fn languages() -> Vec<&'static str> {
    crate::i18n::Lang::ALL.map(crate::i18n::Lang::code).to_vec()
}

static DEMO: LazyLock<Programme> = LazyLock::new(|| {
    #[expect(
        clippy::expect_used,
        reason = "the embedded file is fixed at build time, and a unit test parses it"
    )]
    parse(DEMO_FILE, &languages()).expect("programmes/db-auth-session-adapter.toml is valid")
});

/// The programme of the demo tenant, `programmes/db-auth-session-adapter.toml`, embedded in
/// the binary and parsed once.
pub fn demo() -> &'static Programme {
    &DEMO
}

/// The programme files that come with the console, `programmes/*.toml`, embedded in the binary.
const BUNDLED_FILES: [&str; 2] = [
    DEMO_FILE,
    include_str!("../../../programmes/tenant-rbac-adapter.toml"),
];

static BUNDLED: LazyLock<Vec<Programme>> = LazyLock::new(|| {
    BUNDLED_FILES
        .iter()
        .filter_map(|text| parse(text, &languages()).ok())
        .collect()
});

/// The programmes that come with the console (each file of `programmes/`, parsed once): what
/// `doctor` holds a tenant's programme version against.
pub fn bundled() -> &'static [Programme] {
    &BUNDLED
}

/// Why a tenant cannot move to the programme of a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefused {
    /// The file is another programme.
    #[error(
        "the file is the programme {found}, but the tenant runs {runs}: a tenant moves only to \
         a new version of its own programme"
    )]
    OtherProgramme {
        /// The tenant's programme.
        runs: String,
        /// The file's.
        found: String,
    },
    /// The file's version is not above the tenant's.
    #[error(
        "the tenant runs {name} version {current}: the file's version {found} must be above it"
    )]
    NotNewer {
        /// The programme.
        name: String,
        /// The tenant's version.
        current: u32,
        /// The file's.
        found: u32,
    },
}

/// Whether a tenant running `runs` at version `current` may move to `next`: only to a later
/// version of the same programme.
pub fn check_move(runs: &str, current: u32, next: &Programme) -> Result<(), MoveRefused> {
    if next.name != runs {
        return Err(MoveRefused::OtherProgramme {
            runs: runs.to_owned(),
            found: next.name.clone(),
        });
    }
    if next.version <= current {
        return Err(MoveRefused::NotNewer {
            name: runs.to_owned(),
            current,
            found: next.version,
        });
    }
    Ok(())
}
