//! The platform's health checks (the control plane's section 9), with no I/O: what each check
//! is, and the one that needs more than a query — whether a tenant runs a programme version
//! behind the file that comes with the console.

use super::code::code_enum;

code_enum! {
    /// One health check of the platform.
    pub enum HealthCheck as "health check" {
        /// Two tenants that are not deleted share a slug, in some case.
        DuplicateSlugs => "duplicate_slugs",
        /// A tenant has been provisioning for longer than [`STUCK_AFTER`].
        StuckProvisioning => "stuck_provisioning",
        /// A tenant runs an older version of a programme than the console's file.
        ProgrammeBehind => "programme_behind",
        /// `deleted_at` is set on a tenant that is not being deleted or deleted, or the reverse.
        SoftDeleteIncoherent => "soft_delete_incoherent",
        /// A tenant has no event on the platform chain.
        WithoutEvents => "without_events",
    }
}

/// How long a tenant may stay in `provisioning` before the check names it.
pub const STUCK_AFTER: time::Duration = time::Duration::hours(1);

/// One check's result: the tenants it names (none: it passes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The check.
    pub check: HealthCheck,
    /// The slugs of the tenants it names, in order.
    pub tenants: Vec<String>,
}

impl Finding {
    /// Whether the check passes.
    pub fn passes(&self) -> bool {
        self.tenants.is_empty()
    }
}

/// The tenants (slug, programme name, version) whose version is below that of the programme of
/// the same name in `files` (name, version). A programme no file names is not judged here.
pub fn programme_behind<'a>(
    tenants: impl IntoIterator<Item = (&'a str, &'a str, u32)>,
    files: &[(&str, u32)],
) -> Vec<String> {
    tenants
        .into_iter()
        .filter(|(_, name, version)| {
            files
                .iter()
                .any(|(file, newest)| file == name && version < newest)
        })
        .map(|(slug, _, _)| slug.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_behind_its_programme_file_is_named_and_no_other() {
        let files = [("db-auth-session-adapter", 3), ("tenant-rbac-adapter", 1)];
        let tenants = [
            ("acme", "db-auth-session-adapter", 2),
            ("bfg", "db-auth-session-adapter", 3),
            ("cia", "tenant-rbac-adapter", 1),
            ("dyn", "a-programme-of-its-own", 1),
        ];
        assert_eq!(programme_behind(tenants, &files), ["acme"]);
        assert!(programme_behind([], &files).is_empty());
    }

    #[test]
    fn a_check_passes_when_it_names_no_tenant() {
        let finding = |tenants: Vec<String>| Finding {
            check: HealthCheck::WithoutEvents,
            tenants,
        };
        assert!(finding(Vec::new()).passes());
        assert!(!finding(vec!["acme".into()]).passes());
    }
}
