//! A tenant's single sign-on, as rules: what its configuration may hold, which console role a
//! person's claim values map to, who an identity provider's sign-in is (an account already
//! linked, an invited person to link, a newcomer to sign up, or nobody), and the username a
//! linked or signed-up person gets. Pure: the flow itself is `crate::oidc`'s, the rows
//! `crate::db::sso`'s.

use std::collections::BTreeMap;

use super::state::Role;

/// A tenant's identity provider, as stored in `tenant_sso` and checked once, at the boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoSettings {
    /// The issuer URL (`http://` or `https://`), without a trailing slash.
    pub issuer: String,
    /// The console's client id at the provider.
    pub client_id: String,
    /// Where the client secret is kept: `env:NAME` or `file:PATH`, never the secret.
    pub client_secret_ref: String,
    /// The claim whose values map to roles (e.g. `groups`).
    pub role_claim: String,
    /// Claim value → console role.
    pub role_map: BTreeMap<String, Role>,
    /// The role of a person the tenant does not know yet, when they may sign up.
    pub sign_up: Option<Role>,
    /// Whether the password form is offered (and accepted) too.
    pub password_sign_in: bool,
}

/// Why a configuration was refused: each is one sentence on the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The issuer is not an absolute http(s) URL without query or fragment.
    #[error(
        "the issuer must be an http:// or https:// URL without query or fragment, e.g. https://id.example.com/realms/acme"
    )]
    Issuer,
    /// The client id is empty, too long or holds control characters.
    #[error("the client id must be 1 to 256 printable characters")]
    ClientId,
    /// The claim's name is not a plain name.
    #[error("the role claim must be 1 to 64 of letters, digits, '_', '-', '.', ':' and '/'")]
    RoleClaim,
    /// A mapping is not `value=role`.
    #[error("a mapping must read claim-value=role, e.g. readiness-md=managing_director")]
    Mapping,
    /// A mapping names a role the console does not have.
    #[error(
        "`{0}` is not a console role (managing_director, dispatcher, accountant, driver, client, reviewer)"
    )]
    Role(String),
    /// No mapping at all: nobody could sign in.
    #[error("map at least one claim value to a role with --map value=role")]
    NoMapping,
    /// Sign-up allowed without a role to give.
    #[error("--allow-sign-up needs --default-role")]
    SignUpRole,
    /// A default role without sign-up.
    #[error("--default-role is only meaningful with --allow-sign-up")]
    RoleWithoutSignUp,
}

/// What the configuration is read from, as typed.
#[derive(Debug, Clone, Default)]
pub struct TypedSettings<'a> {
    /// The issuer URL.
    pub issuer: &'a str,
    /// The client id.
    pub client_id: &'a str,
    /// The secret reference, already checked by the secret policy.
    pub client_secret_ref: &'a str,
    /// The claim's name.
    pub role_claim: &'a str,
    /// `value=role` pairs.
    pub mappings: &'a [String],
    /// Whether unknown people may sign up.
    pub allow_sign_up: bool,
    /// Their role.
    pub default_role: Option<&'a str>,
    /// Whether password sign-in stays on.
    pub password_sign_in: bool,
}

impl SsoSettings {
    /// Checks a typed configuration.
    pub fn parse(typed: &TypedSettings<'_>) -> Result<Self, SettingsError> {
        let issuer = parse_issuer(typed.issuer)?;
        let client_id = typed.client_id.trim();
        if client_id.is_empty() || client_id.len() > 256 || client_id.chars().any(char::is_control)
        {
            return Err(SettingsError::ClientId);
        }
        let role_claim = typed.role_claim.trim();
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/');
        if !(1..=64).contains(&role_claim.len()) || !role_claim.chars().all(plain) {
            return Err(SettingsError::RoleClaim);
        }
        let mut role_map = BTreeMap::new();
        for mapping in typed.mappings {
            let (value, role) = mapping.split_once('=').ok_or(SettingsError::Mapping)?;
            let value = value.trim();
            if value.is_empty() || value.len() > 256 || value.chars().any(char::is_control) {
                return Err(SettingsError::Mapping);
            }
            let role = role_of(role.trim())?;
            role_map.insert(value.to_owned(), role);
        }
        if role_map.is_empty() {
            return Err(SettingsError::NoMapping);
        }
        let sign_up = match (typed.allow_sign_up, typed.default_role) {
            (true, Some(role)) => Some(role_of(role.trim())?),
            (true, None) => return Err(SettingsError::SignUpRole),
            (false, Some(_)) => return Err(SettingsError::RoleWithoutSignUp),
            (false, None) => None,
        };
        Ok(Self {
            issuer,
            client_id: client_id.to_owned(),
            client_secret_ref: typed.client_secret_ref.trim().to_owned(),
            role_claim: role_claim.to_owned(),
            role_map,
            sign_up,
            password_sign_in: typed.password_sign_in,
        })
    }

    /// The role a person with these claim values gets: the first, in [`Role::ALL`]'s order
    /// (the managing director first), of the roles their values map to; `None` when no value
    /// is mapped.
    pub fn role_for<'a>(&self, values: impl IntoIterator<Item = &'a str>) -> Option<Role> {
        let mapped: Vec<Role> = values
            .into_iter()
            .filter_map(|v| self.role_map.get(v).copied())
            .collect();
        Role::ALL.into_iter().find(|r| mapped.contains(r))
    }
}

fn role_of(code: &str) -> Result<Role, SettingsError> {
    Role::parse(code).ok_or_else(|| SettingsError::Role(code.to_owned()))
}

/// An issuer URL as compared with the `iss` of its tokens: absolute http(s), a host, no query,
/// fragment or credentials, and no trailing slash (unless it is the whole path).
fn parse_issuer(text: &str) -> Result<String, SettingsError> {
    let text = text.trim();
    let url = url::Url::parse(text).map_err(|_| SettingsError::Issuer)?;
    let fine = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none()
        && text.len() <= 1000;
    if !fine {
        return Err(SettingsError::Issuer);
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// Who a sign-in through the identity provider is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Linking {
    /// The account already linked to this `sub`.
    Linked,
    /// The invited person with this email: their account is created, linked to the `sub`.
    Invited,
    /// Nobody the tenant knows: a new person with the default role.
    SignUp(Role),
    /// Nobody the tenant knows, and sign-up is off.
    Unknown,
}

/// Decides who a sign-in is, from what the tenant holds: an account with the `sub`, a person
/// invited with the (verified) email and no account yet.
pub fn linking(linked: bool, invited: bool, sign_up: Option<Role>) -> Linking {
    match (linked, invited, sign_up) {
        (true, _, _) => Linking::Linked,
        (false, true, _) => Linking::Invited,
        (false, false, Some(role)) => Linking::SignUp(role),
        (false, false, None) => Linking::Unknown,
    }
}

/// A username from an email's local part: lowercased, each character outside `[a-z0-9._-]`
/// as `-`, 2 to 60 characters (`user` when too little is left); then, while `taken` says it
/// is, with `-2`, `-3`, … appended.
pub fn username_from_email(email: &str, taken: impl Fn(&str) -> bool) -> String {
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    let mut base: String = local
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    base = base
        .trim_matches(|c| matches!(c, '.' | '-' | '_'))
        .to_owned();
    if base.len() < 2 {
        base = "user".to_owned();
    }
    if !taken(&base) {
        return base;
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed<'a>(mappings: &'a [String]) -> TypedSettings<'a> {
        TypedSettings {
            issuer: "https://id.example.com/realms/acme/",
            client_id: "readiness",
            client_secret_ref: "env:READINESS_TARGET_OIDC",
            role_claim: "groups",
            mappings,
            allow_sign_up: false,
            default_role: None,
            password_sign_in: true,
        }
    }

    #[test]
    fn a_configuration_is_read_with_its_mapping_and_a_trimmed_issuer() {
        let maps = [
            "readiness-md=managing_director".into(),
            "dispatch=dispatcher".into(),
        ];
        let settings = SsoSettings::parse(&typed(&maps)).unwrap();
        assert_eq!(settings.issuer, "https://id.example.com/realms/acme");
        assert_eq!(settings.role_map.len(), 2);
        assert_eq!(settings.sign_up, None);
    }

    #[test]
    fn each_bad_value_is_refused_with_its_reason() {
        let maps = ["dispatch=dispatcher".to_owned()];
        let bad_map = ["dispatch".to_owned()];
        let bad_role = ["dispatch=captain".to_owned()];
        let cases: Vec<(TypedSettings<'_>, SettingsError)> = vec![
            (
                TypedSettings {
                    issuer: "ftp://x",
                    ..typed(&maps)
                },
                SettingsError::Issuer,
            ),
            (
                TypedSettings {
                    issuer: "https://x/?a=1",
                    ..typed(&maps)
                },
                SettingsError::Issuer,
            ),
            (
                TypedSettings {
                    issuer: "not a url",
                    ..typed(&maps)
                },
                SettingsError::Issuer,
            ),
            (
                TypedSettings {
                    client_id: " ",
                    ..typed(&maps)
                },
                SettingsError::ClientId,
            ),
            (
                TypedSettings {
                    role_claim: "a b",
                    ..typed(&maps)
                },
                SettingsError::RoleClaim,
            ),
            (typed(&bad_map), SettingsError::Mapping),
            (typed(&bad_role), SettingsError::Role("captain".into())),
            (typed(&[]), SettingsError::NoMapping),
            (
                TypedSettings {
                    allow_sign_up: true,
                    ..typed(&maps)
                },
                SettingsError::SignUpRole,
            ),
            (
                TypedSettings {
                    default_role: Some("reviewer"),
                    ..typed(&maps)
                },
                SettingsError::RoleWithoutSignUp,
            ),
        ];
        for (typed, error) in cases {
            assert_eq!(SsoSettings::parse(&typed), Err(error.clone()), "{error}");
        }
    }

    #[test]
    fn the_most_senior_mapped_role_wins_and_an_unmapped_group_gives_none() {
        let maps = [
            "readiness-md=managing_director".into(),
            "dispatch=dispatcher".into(),
        ];
        let settings = SsoSettings::parse(&typed(&maps)).unwrap();
        assert_eq!(
            settings.role_for(["dispatch", "readiness-md"]),
            Some(Role::ManagingDirector)
        );
        assert_eq!(
            settings.role_for(["dispatch", "other"]),
            Some(Role::Dispatcher)
        );
        assert_eq!(settings.role_for(["other"]), None);
        assert_eq!(settings.role_for([]), None);
    }

    #[test]
    fn a_sign_in_is_linked_then_invited_then_signed_up_else_unknown() {
        let cases = [
            (true, true, None, Linking::Linked),
            (false, true, Some(Role::Reviewer), Linking::Invited),
            (
                false,
                false,
                Some(Role::Reviewer),
                Linking::SignUp(Role::Reviewer),
            ),
            (false, false, None, Linking::Unknown),
        ];
        for (linked, invited, sign_up, expected) in cases {
            assert_eq!(linking(linked, invited, sign_up), expected);
        }
    }

    #[test]
    fn a_username_comes_from_the_local_part_made_valid_and_unique() {
        let free = |_: &str| false;
        assert_eq!(
            username_from_email("Irena.Kovac@acme.example", free),
            "irena.kovac"
        );
        assert_eq!(username_from_email("jo+ops@acme.example", free), "jo-ops");
        assert_eq!(username_from_email("é@acme.example", free), "user");
        let taken = |u: &str| u == "irena" || u == "irena-2";
        assert_eq!(username_from_email("irena@x", taken), "irena-3");
    }
}
