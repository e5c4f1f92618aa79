//! The tenant's profile as the settings page edits it: how it runs today, what its rehearsals
//! target, its release environment, and each provider's current and target mode.
//!
//! Every value is a *mode*: a short name such as `Postgres/RLS`, `file-local` or
//! `ScenarioStore.v1`. A mode is checked against one pattern, not a fixed vocabulary (each
//! tenant names its own providers' modes): 1 to 64 characters, starting with a letter or a
//! digit, then letters, digits, spaces and `- . _ / : + ( )`. It is never empty, so an edit can
//! never unset a value that a fact of the evaluation requires.

use std::fmt;

use super::code::code_enum;
use super::state::{Profile, Provider};

/// The longest mode, in characters.
pub const MAX_MODE_CHARS: usize = 64;

code_enum! {
    /// A value of the profile the settings page edits (the tenant's display name is not one).
    pub enum ProfileField as "profile field" {
        /// The scenario contract, e.g. `ScenarioStore.v1`.
        ScenarioContract => "scenario_contract",
        /// The release environment, e.g. `local-demo`.
        Environment => "environment",
        /// The storage adapter today.
        StorageAdapter => "storage_adapter",
        /// The auth mode today.
        AuthMode => "auth_mode",
        /// The tenant mode today.
        TenantMode => "tenant_mode",
        /// The adapter the rehearsals target.
        AdapterTarget => "adapter_target",
    }
}

impl ProfileField {
    /// Its value in `profile`.
    pub fn of(self, profile: &Profile) -> &str {
        match self {
            Self::ScenarioContract => &profile.scenario_contract,
            Self::Environment => &profile.environment,
            Self::StorageAdapter => &profile.storage_adapter,
            Self::AuthMode => &profile.auth_mode,
            Self::TenantMode => &profile.tenant_mode,
            Self::AdapterTarget => &profile.adapter_target,
        }
    }
}

code_enum! {
    /// A provider's mode the settings page edits.
    pub enum ProviderMode as "provider mode" {
        /// The mode today.
        Current => "current_mode",
        /// The production mode.
        Target => "target_mode",
    }
}

impl ProviderMode {
    /// Its value for `provider`.
    pub fn of(self, provider: &Provider) -> &str {
        match self {
            Self::Current => &provider.current_mode,
            Self::Target => &provider.target_mode,
        }
    }
}

code_enum! {
    /// Why a typed mode is refused. Each has its message, `settings-error-<code>`.
    pub enum ModeError as "mode error" {
        /// Nothing but spaces.
        Empty => "empty",
        /// More than [`MAX_MODE_CHARS`] characters.
        TooLong => "too_long",
        /// A character the pattern does not allow, or a first character that is not a letter
        /// or a digit.
        Character => "character",
    }
}

/// A mode, checked once: the pattern the module documents, spaces around it trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mode(String);

impl Mode {
    /// Reads a typed mode.
    pub fn parse(typed: &str) -> Result<Self, ModeError> {
        let text = typed.trim();
        let mut chars = text.chars();
        let Some(first) = chars.next() else {
            return Err(ModeError::Empty);
        };
        if text.chars().count() > MAX_MODE_CHARS {
            return Err(ModeError::TooLong);
        }
        let allowed = |c: char| c.is_alphanumeric() || " -._/:+()".contains(c);
        if !first.is_alphanumeric() || !chars.all(allowed) {
            return Err(ModeError::Character);
        }
        Ok(Self(text.to_owned()))
    }

    /// The mode.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the managing director asks the profile to become: the values given (a value not
/// given stays as it is).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileEdit {
    /// Profile values.
    pub fields: Vec<(ProfileField, Mode)>,
    /// Provider key, which mode, its value.
    pub providers: Vec<(String, ProviderMode, Mode)>,
}

/// One value that an edit changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What changed: a profile field's code, or `provider.<key>.<mode>`.
    pub name: String,
    /// Its value before.
    pub from: String,
    /// Its value after.
    pub to: String,
}

impl ProfileEdit {
    /// The values this edit changes, in a fixed order (fields, then providers, each as given);
    /// empty when it changes nothing. `Err` with the key of a provider the tenant does not
    /// have.
    pub fn changes(
        &self,
        profile: &Profile,
        providers: &[Provider],
    ) -> Result<Vec<Change>, String> {
        let mut changes = Vec::new();
        for (field, mode) in &self.fields {
            let before = field.of(profile);
            if before != mode.as_str() {
                changes.push(Change {
                    name: field.as_str().to_owned(),
                    from: before.to_owned(),
                    to: mode.as_str().to_owned(),
                });
            }
        }
        for (key, which, mode) in &self.providers {
            let provider = providers
                .iter()
                .find(|p| &p.key == key)
                .ok_or_else(|| key.clone())?;
            let before = which.of(provider);
            if before != mode.as_str() {
                changes.push(Change {
                    name: format!("provider.{key}.{which}"),
                    from: before.to_owned(),
                    to: mode.as_str().to_owned(),
                });
            }
        }
        Ok(changes)
    }
}

/// The evidence digest of an edit's changes, as its audit event records it: the SHA-256 of one
/// line per change, `name: from -> to` (a mode holds no newline and no `>`).
pub fn digest(changes: &[Change]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for change in changes {
        hasher.update(format!("{}: {} -> {}\n", change.name, change.from, change.to).as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readiness::demo;

    #[test]
    fn a_mode_is_a_short_name_of_letters_digits_and_a_few_signs() {
        let cases: &[(&str, Result<&str, ModeError>)] = &[
            ("Postgres/RLS", Ok("Postgres/RLS")),
            ("ScenarioStore.v1", Ok("ScenarioStore.v1")),
            ("  Maps/ETA API  ", Ok("Maps/ETA API")),
            ("staging-eu (Frankfurt)", Ok("staging-eu (Frankfurt)")),
            ("Produção", Ok("Produção")),
            ("", Err(ModeError::Empty)),
            ("   ", Err(ModeError::Empty)),
            ("-leading-dash", Err(ModeError::Character)),
            ("<script>", Err(ModeError::Character)),
            ("two\nlines", Err(ModeError::Character)),
            ("a -> b", Err(ModeError::Character)),
        ];
        for (typed, expected) in cases {
            let read = Mode::parse(typed);
            assert_eq!(
                read.as_ref().map(Mode::as_str),
                expected.as_ref().copied(),
                "{typed:?}"
            );
        }
        assert_eq!(Mode::parse(&"a".repeat(64)).map(|m| m.0.len()), Ok(64));
        assert_eq!(Mode::parse(&"a".repeat(65)), Err(ModeError::TooLong));
    }

    fn mode(text: &str) -> Mode {
        Mode::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn an_edit_changes_only_the_values_it_gives_differently() {
        let state = demo::state(time::OffsetDateTime::UNIX_EPOCH);
        let edit = ProfileEdit {
            fields: vec![
                (ProfileField::Environment, mode("staging-eu")),
                (ProfileField::ScenarioContract, mode("ScenarioStore.v1")),
            ],
            providers: vec![
                ("ksef".to_owned(), ProviderMode::Target, mode("KSeF API v2")),
                ("ksef".to_owned(), ProviderMode::Current, mode("mock-ksef")),
            ],
        };
        let changes = edit
            .changes(&state.profile, &state.providers)
            .expect("known providers");
        let names: Vec<_> = changes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["environment", "provider.ksef.target_mode"]);
        assert_eq!(changes[0].from, "local-demo");
        assert_eq!(changes[1].to, "KSeF API v2");
        assert_ne!(digest(&changes), digest(&changes[..1]));
        assert_eq!(
            ProfileEdit::default().changes(&state.profile, &state.providers),
            Ok(Vec::new())
        );
    }

    #[test]
    fn an_edit_naming_a_provider_the_tenant_lacks_is_refused() {
        let state = demo::state(time::OffsetDateTime::UNIX_EPOCH);
        let edit = ProfileEdit {
            fields: Vec::new(),
            providers: vec![("fax".to_owned(), ProviderMode::Target, mode("Fax API"))],
        };
        assert_eq!(
            edit.changes(&state.profile, &state.providers),
            Err("fax".to_owned())
        );
    }
}
