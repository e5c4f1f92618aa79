//! A tenant's lifecycle, with no I/O: its statuses, the commands an operator gives, the one
//! table saying what each command does in each status, what a request to a tenant in each
//! status is answered, and which slugs a new tenant may take.
//!
//! ```text
//! provisioning ──provision-complete──▶ active ◀──resume── suspended
//!                                        │ ──suspend{reason}──▶ │
//!                                        └──delete──▶ deleting ◀┘──delete
//!                                                       │
//!                                                 finish-delete
//!                                                       ▼
//!                                                    deleted
//! ```

use super::code::code_enum;

code_enum! {
    /// Where a tenant is in its life.
    pub enum TenantStatus as "tenant status" {
        /// Created; its programme and first account are being set up.
        Provisioning => "provisioning",
        /// Serving.
        Active => "active",
        /// Held by the operator, with a reason; nothing is served or written.
        Suspended => "suspended",
        /// Deleted by the operator; its rows wait for the purge.
        Deleting => "deleting",
        /// Purged: only its row and its platform events remain.
        Deleted => "deleted",
    }
}

code_enum! {
    /// What the platform chain records about a tenant.
    pub enum TenantEventKind as "tenant event kind" {
        /// Its programme and first account are in place: it serves.
        Provisioned => "provisioned",
        /// Suspended, with the reason in the payload.
        Suspended => "suspended",
        /// Serving again.
        Resumed => "resumed",
        /// Deleted; waiting for the purge.
        Deleting => "deleting",
        /// Purged, with its audit chain's final head in the payload.
        Deleted => "deleted",
        /// Any change of status, with `from` and `to` in the payload.
        StatusChanged => "status_changed",
        /// Its programme's name or version changed.
        ProgrammeChanged => "programme_changed",
        /// An operation on it failed.
        Error => "error",
    }
}

/// What an operator asks of a tenant's lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Its programme and first account are in place.
    ProvisionComplete,
    /// Hold it, saying why.
    Suspend {
        /// Shown to whoever opens one of its pages.
        reason: String,
    },
    /// Serve it again.
    Resume,
    /// Delete it (its rows stay until the purge).
    Delete,
    /// Purge it.
    FinishDelete,
}

impl Command {
    /// The command's name on the command line and in refusals.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::ProvisionComplete => "provision-complete",
            Self::Suspend { .. } => "suspend",
            Self::Resume => "resume",
            Self::Delete => "delete",
            Self::FinishDelete => "finish-delete",
        }
    }
}

/// A command the tenant's status does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a tenant that is {status} cannot be told to {command}")]
pub struct Refused {
    /// Where the tenant is.
    pub status: TenantStatus,
    /// What was asked (see [`Command::as_str`]).
    pub command: &'static str,
}

/// What a command does: the status it leads to and the event that records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The new status.
    pub to: TenantStatus,
    /// The event recording it (a [`TenantEventKind::StatusChanged`] is recorded with it).
    pub event: TenantEventKind,
}

/// The lifecycle's one table: what `command` does to a tenant that is `status`.
pub fn transition(status: TenantStatus, command: &Command) -> Result<Transition, Refused> {
    use TenantStatus as S;
    let to = |to, event| Ok(Transition { to, event });
    match (status, command) {
        (S::Provisioning, Command::ProvisionComplete) => {
            to(S::Active, TenantEventKind::Provisioned)
        }
        (S::Active, Command::Suspend { .. }) => to(S::Suspended, TenantEventKind::Suspended),
        (S::Suspended, Command::Resume) => to(S::Active, TenantEventKind::Resumed),
        (S::Active | S::Suspended, Command::Delete) => to(S::Deleting, TenantEventKind::Deleting),
        (S::Deleting, Command::FinishDelete) => to(S::Deleted, TenantEventKind::Deleted),
        _ => Err(Refused {
            status,
            command: command.as_str(),
        }),
    }
}

/// How a request to a tenant's pages is answered, by the tenant's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Served.
    Served,
    /// 423: held, with the reason; nothing is written.
    Suspended,
    /// 409: being set up.
    Provisioning,
    /// 409: being deleted.
    Deleting,
    /// 404, as for a tenant that never was.
    Gone,
}

impl TenantStatus {
    /// The status policy: how a request to this tenant's pages is answered.
    pub const fn access(self) -> Access {
        match self {
            Self::Active => Access::Served,
            Self::Suspended => Access::Suspended,
            Self::Provisioning => Access::Provisioning,
            Self::Deleting => Access::Deleting,
            Self::Deleted => Access::Gone,
        }
    }
}

/// Slugs no tenant may take: they name the platform's own paths.
pub const RESERVED_SLUGS: [&str; 5] = ["platform", "static", "healthz", "readyz", "v1"];

/// The shortest and longest slug.
pub const SLUG_LENGTH: std::ops::RangeInclusive<usize> = 2..=63;

/// Why a slug cannot be a new tenant's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    /// Upper-case letters.
    #[error("the slug {0} must be lowercase: try {lower}", lower = .0.to_lowercase())]
    NotLowercase(String),
    /// Too short or too long.
    #[error(
        "the slug {0} must be {min} to {max} characters long",
        min = SLUG_LENGTH.start(),
        max = SLUG_LENGTH.end()
    )]
    Length(String),
    /// Something other than letters, digits and inner hyphens.
    #[error(
        "the slug {0} may hold only lowercase letters, digits and hyphens, and must begin and \
         end with a letter or digit"
    )]
    Characters(String),
    /// One of [`RESERVED_SLUGS`].
    #[error("the slug {0} is reserved for the platform's own pages")]
    Reserved(String),
}

/// A slug a new tenant may take: checked once, here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSlug(String);

impl NewSlug {
    /// Checks `text` as a new tenant's slug.
    pub fn parse(text: &str) -> Result<Self, SlugError> {
        let owned = || text.chars().take(80).collect::<String>();
        if !SLUG_LENGTH.contains(&text.len()) {
            return Err(SlugError::Length(owned()));
        }
        if text.chars().any(char::is_uppercase) {
            return Err(SlugError::NotLowercase(owned()));
        }
        let inner = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        let bytes = text.as_bytes();
        let edges =
            bytes.first().copied().is_some_and(inner) && bytes.last().copied().is_some_and(inner);
        if !edges || !bytes.iter().all(|&b| inner(b) || b == b'-') {
            return Err(SlugError::Characters(owned()));
        }
        if RESERVED_SLUGS.contains(&text) {
            return Err(SlugError::Reserved(owned()));
        }
        Ok(Self(text.to_owned()))
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a chosen username or new password is refused (at an invitation, a password change or a
/// reset): a message id's last part (`invite-error-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRefusal {
    /// Not 2 to 64 of lowercase letters, digits, `.`, `_` and `-`.
    Username,
    /// Shorter than [`PASSWORD_LENGTH`]'s start, or longer than its end.
    PasswordLength,
    /// The two passwords typed differ.
    PasswordMismatch,
    /// On the list of common passwords (see [`super::password_policy`]).
    PasswordCommon,
}

impl AccountRefusal {
    /// The message id saying so.
    pub const fn message_id(self) -> &'static str {
        match self {
            Self::Username => "invite-error-username",
            Self::PasswordLength => "invite-error-password-length",
            Self::PasswordMismatch => "invite-error-password-mismatch",
            Self::PasswordCommon => "invite-error-password-common",
        }
    }

    /// Every refusal.
    pub const ALL: [Self; 4] = [
        Self::Username,
        Self::PasswordLength,
        Self::PasswordMismatch,
        Self::PasswordCommon,
    ];
}

/// How many characters a new password has.
pub const PASSWORD_LENGTH: std::ops::RangeInclusive<usize> = 12..=256;

/// A username and password an invited managing director chose, checked once, here. The
/// username is taken lowercased and trimmed, as sign-in reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// The username.
    pub username: String,
    /// The password, to be hashed.
    pub password: String,
}

impl NewAccount {
    /// Checks what the invitation form sent.
    pub fn parse(username: &str, password: &str, again: &str) -> Result<Self, AccountRefusal> {
        let username = username.trim().to_lowercase();
        let plain = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b);
        if !(2..=64).contains(&username.len()) || !username.bytes().all(plain) {
            return Err(AccountRefusal::Username);
        }
        let password = super::password_policy::NewPassword::parse(password, again)?;
        Ok(Self {
            username,
            password: password.expose().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_command() -> [Command; 5] {
        [
            Command::ProvisionComplete,
            Command::Suspend {
                reason: "invoice overdue".into(),
            },
            Command::Resume,
            Command::Delete,
            Command::FinishDelete,
        ]
    }

    /// The allowed pairs, and nothing else: the table as the design draws it.
    const ALLOWED: [(TenantStatus, &str, TenantStatus, TenantEventKind); 6] = {
        use TenantEventKind as E;
        use TenantStatus as S;
        [
            (
                S::Provisioning,
                "provision-complete",
                S::Active,
                E::Provisioned,
            ),
            (S::Active, "suspend", S::Suspended, E::Suspended),
            (S::Suspended, "resume", S::Active, E::Resumed),
            (S::Active, "delete", S::Deleting, E::Deleting),
            (S::Suspended, "delete", S::Deleting, E::Deleting),
            (S::Deleting, "finish-delete", S::Deleted, E::Deleted),
        ]
    };

    #[test]
    fn every_status_and_command_pair_is_allowed_as_drawn_or_refused() {
        let mut allowed = 0;
        let mut refused = 0;
        for status in TenantStatus::ALL {
            for command in every_command() {
                let expected = ALLOWED
                    .iter()
                    .find(|(s, c, _, _)| *s == status && *c == command.as_str());
                match (transition(status, &command), expected) {
                    (Ok(t), Some((_, _, to, event))) => {
                        assert_eq!((t.to, t.event), (*to, *event), "{status} {command:?}");
                        allowed += 1;
                    }
                    (Err(refusal), None) => {
                        assert_eq!(
                            refusal,
                            Refused {
                                status,
                                command: command.as_str()
                            }
                        );
                        refused += 1;
                    }
                    (got, expected) => {
                        panic!("{status} {command:?}: {got:?}, expected {expected:?}")
                    }
                }
            }
        }
        assert_eq!((allowed, refused), (6, 19));
    }

    #[test]
    fn resuming_an_active_tenant_or_deleting_twice_is_refused_in_one_sentence() {
        let twice = transition(TenantStatus::Deleting, &Command::Delete).unwrap_err();
        assert_eq!(
            twice.to_string(),
            "a tenant that is deleting cannot be told to delete"
        );
        let resume = transition(TenantStatus::Active, &Command::Resume).unwrap_err();
        assert_eq!(
            resume.to_string(),
            "a tenant that is active cannot be told to resume"
        );
    }

    #[test]
    fn only_an_active_tenant_is_served_and_a_deleted_one_is_as_if_it_never_was() {
        let cases = [
            (TenantStatus::Active, Access::Served),
            (TenantStatus::Suspended, Access::Suspended),
            (TenantStatus::Provisioning, Access::Provisioning),
            (TenantStatus::Deleting, Access::Deleting),
            (TenantStatus::Deleted, Access::Gone),
        ];
        assert_eq!(cases.len(), TenantStatus::ALL.len());
        for (status, access) in cases {
            assert_eq!(status.access(), access, "{status}");
        }
    }

    #[test]
    fn slugs_are_lowercase_bounded_plain_and_not_the_platforms() {
        assert_eq!(NewSlug::parse("acme").unwrap().as_str(), "acme");
        assert!(NewSlug::parse("acme-logistics-2").is_ok());
        let cases = [
            ("ACME", SlugError::NotLowercase("ACME".into())),
            ("Acme", SlugError::NotLowercase("Acme".into())),
            ("a", SlugError::Length("a".into())),
            (&*"a".repeat(64), SlugError::Length("a".repeat(64))),
            ("-acme", SlugError::Characters("-acme".into())),
            ("acme-", SlugError::Characters("acme-".into())),
            ("ac_me", SlugError::Characters("ac_me".into())),
            ("ac me", SlugError::Characters("ac me".into())),
            ("açme", SlugError::Characters("açme".into())),
            ("platform", SlugError::Reserved("platform".into())),
            ("static", SlugError::Reserved("static".into())),
            ("healthz", SlugError::Reserved("healthz".into())),
            ("readyz", SlugError::Reserved("readyz".into())),
            ("v1", SlugError::Reserved("v1".into())),
        ];
        for (slug, error) in cases {
            assert_eq!(NewSlug::parse(slug), Err(error), "{slug}");
        }
        assert_eq!(
            NewSlug::parse("ACME").unwrap_err().to_string(),
            "the slug ACME must be lowercase: try acme"
        );
    }

    #[test]
    fn a_new_account_needs_a_plain_username_and_a_long_password_typed_twice() {
        let long = "correct horse battery";
        assert_eq!(
            NewAccount::parse(" Maria.K ", long, long),
            Ok(NewAccount {
                username: "maria.k".into(),
                password: long.into()
            })
        );
        let cases = [
            ("m", long, long, AccountRefusal::Username),
            ("maria k", long, long, AccountRefusal::Username),
            ("maria", "short", "short", AccountRefusal::PasswordLength),
            (
                "maria",
                "Password1234",
                "Password1234",
                AccountRefusal::PasswordCommon,
            ),
            (
                "maria",
                long,
                "correct horse battery!",
                AccountRefusal::PasswordMismatch,
            ),
        ];
        for (username, password, again, refusal) in cases {
            assert_eq!(NewAccount::parse(username, password, again), Err(refusal));
        }
    }
}
