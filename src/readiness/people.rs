//! A tenant's people, with no I/O: where a person stands (invited, active, disabled), how they
//! sign in, the rule that keeps a tenant from losing its last managing director, the rule that
//! gives an item only to a person holding its owner role, what the People page's forms accept,
//! and the targets the audit chain records the People actions on.
//!
//! Audit targets (the event has no payload, so the subject is in `target`; actor ids never hold
//! `:` and item keys and role codes never do either, so each splits at its one `:`):
//!
//! | action                                                   | target                  |
//! |----------------------------------------------------------|-------------------------|
//! | `invite_person`, `accept_invitation`, `disable_account`, `enable_account`, `issue_password_reset`, `reset_password` | `{actor}` |
//! | `change_role`                                            | `{actor}:{new role}`    |
//! | `assign_owner`                                           | `{item key}:{actor}`    |
//! | `unpin_owner` (the person who owns the item now)         | `{item key}:{actor}`    |
//! | `set_role_owner`                                         | `{role}:{actor}`        |
//! | `clear_role_owner` (the person who was its default)      | `{role}:{actor}`        |

use super::catalogue::ItemKind;
use super::code::code_enum;
use super::permissions::{self, Action, Target};
use super::state::Role;

code_enum! {
    /// Where a person stands.
    pub enum PersonStatus as "person status" {
        /// Invited: an actor without an account yet.
        Invited => "invited",
        /// Has an account that signs in.
        Active => "active",
        /// Has an account that no longer signs in.
        Disabled => "disabled",
    }
}

code_enum! {
    /// How a person signs in.
    pub enum SignInMethod as "sign-in method" {
        /// With a username and password.
        Password => "password",
        /// Through the tenant's identity provider.
        SingleSignOn => "sso",
        /// Not yet: their invitation is pending.
        Invited => "invited",
    }
}

code_enum! {
    /// An account's stored status (`accounts.status`).
    pub enum AccountStatus as "account status" {
        /// Signs in.
        Active => "active",
        /// Signs in no more.
        Disabled => "disabled",
    }
}

/// Where a person stands, from their account's status (`None`: no account yet).
pub fn status(account: Option<AccountStatus>) -> PersonStatus {
    match account {
        None => PersonStatus::Invited,
        Some(AccountStatus::Active) => PersonStatus::Active,
        Some(AccountStatus::Disabled) => PersonStatus::Disabled,
    }
}

/// How a person signs in, from whether their account has a password (`None`: no account
/// yet): a password when it has one, else single sign-on (an account has one or the other).
pub fn sign_in_method(has_password: Option<bool>) -> SignInMethod {
    match has_password {
        None => SignInMethod::Invited,
        Some(true) => SignInMethod::Password,
        Some(false) => SignInMethod::SingleSignOn,
    }
}

/// One person as the rules see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person<'a> {
    /// Their actor id.
    pub id: &'a str,
    /// Their role.
    pub role: Role,
    /// Where they stand.
    pub status: PersonStatus,
}

code_enum! {
    /// Why a People form was refused: each is a message `people-refused-{code}`.
    pub enum Refusal as "people refusal" {
        /// The change would leave the tenant without an active managing director.
        LastDirector => "last_director",
        /// The email is not an address.
        Email => "email",
        /// The name is empty or too long.
        Name => "name",
        /// The role is not a console role.
        Role => "role",
        /// Another person of the tenant has this email.
        EmailTaken => "email_taken",
        /// The person does not hold the item's owner role.
        NotTheOwnerRole => "not_owner_role",
        /// The role never writes, so it owns nothing.
        RoleNeverWrites => "role_never_writes",
        /// A disabled person is given nothing.
        Disabled => "disabled",
        /// No such person in this tenant.
        UnknownPerson => "unknown_person",
        /// No such item, or one nobody accepts.
        UnknownItem => "unknown_item",
        /// Disabling or enabling an account the person does not have yet.
        NoAccount => "no_account",
        /// Giving back to its role an item no person is pinned to.
        NotPinned => "not_pinned",
        /// Clearing the default owner of a role that has none.
        NoDefault => "no_default",
    }
}

/// Whether `subject` may become `after` (a new role, a new status) without leaving the tenant
/// with no active managing director: refused exactly when they are the last one and would stop
/// being one.
pub fn keeps_a_director(
    people: &[Person<'_>],
    subject: &str,
    after: (Role, PersonStatus),
) -> Result<(), Refusal> {
    let directs = |role: Role, status: PersonStatus| {
        role == Role::ManagingDirector && status == PersonStatus::Active
    };
    let remaining = people
        .iter()
        .filter(|p| {
            if p.id == subject {
                directs(after.0, after.1)
            } else {
                directs(p.role, p.status)
            }
        })
        .count();
    let was = people
        .iter()
        .any(|p| p.id == subject && directs(p.role, p.status));
    if was && remaining == 0 {
        Err(Refusal::LastDirector)
    } else {
        Ok(())
    }
}

/// What an item's owner must be able to do to it: accept a check, decide a decision.
fn owners_action(kind: ItemKind) -> Option<(Action, Target)> {
    match kind {
        ItemKind::OwnerCheck => Some((Action::Accept, Target::OwnCheck)),
        ItemKind::Decision => Some((Action::Decide, Target::OwnDecision)),
        ItemKind::Probe | ItemKind::Derived => None,
    }
}

/// Whether `role` writes at all: it may accept a check it owns (the permission table's
/// `CHECK_ATTESTERS`). Drivers, clients and reviewers never do, so they own nothing.
pub fn role_writes(role: Role) -> bool {
    permissions::allows(role, Action::Accept, Target::OwnCheck)
}

/// Whether `person` may be assigned an item of `kind` whose owner role is `owner_role`: they
/// hold that role, are not disabled, and the role may do to the item what its owner does (the
/// permission table says so). A probe or derived item is assigned to nobody.
pub fn may_own(
    person: Person<'_>,
    kind: ItemKind,
    owner_role: Option<Role>,
) -> Result<(), Refusal> {
    let (action, target) = owners_action(kind).ok_or(Refusal::UnknownItem)?;
    if person.status == PersonStatus::Disabled {
        return Err(Refusal::Disabled);
    }
    // A service account attests any owner check it is given, whatever role the programme names
    // for it (the permission table still refuses it decisions).
    if owner_role != Some(person.role) && person.role != Role::Service {
        return Err(Refusal::NotTheOwnerRole);
    }
    if !permissions::allows(person.role, action, target) {
        return Err(Refusal::RoleNeverWrites);
    }
    Ok(())
}

/// Whether `person` may be the default owner of `role`'s items: they hold it, it writes, and
/// they are not disabled.
pub fn may_own_role(person: Person<'_>, role: Role) -> Result<(), Refusal> {
    if person.status == PersonStatus::Disabled {
        return Err(Refusal::Disabled);
    }
    if person.role != role {
        return Err(Refusal::NotTheOwnerRole);
    }
    if !role_writes(role) {
        return Err(Refusal::RoleNeverWrites);
    }
    Ok(())
}

/// Who owns an item no person is pinned to — after a programme change, when the item is given
/// back to its role, when its role's default is cleared: its role's default person; else the
/// person the programme names (its `[owners]` person for the item's role), when the tenant has
/// them holding that role and not disabled; else the managing director. `None` when the
/// programme names nobody for the item.
pub fn default_owner<'a>(
    owner_role: Option<Role>,
    programme_owner: Option<&'a str>,
    role_default: Option<&'a str>,
    people: &[Person<'_>],
    director: Option<&'a str>,
) -> Option<&'a str> {
    let named = programme_owner?;
    let holds_the_role = |p: &Person<'_>| {
        p.id == named && Some(p.role) == owner_role && p.status != PersonStatus::Disabled
    };
    role_default
        .or_else(|| people.iter().any(holds_the_role).then_some(named))
        .or(director)
}

/// A person's name as typed: trimmed, 1 to 120 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    /// Reads a typed name.
    pub fn parse(typed: &str) -> Result<Self, Refusal> {
        let name = typed.trim();
        let length = name.chars().count();
        if (1..=120).contains(&length) && !name.chars().any(char::is_control) {
            Ok(Self(name.to_owned()))
        } else {
            Err(Refusal::Name)
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address as typed: trimmed, lowercased (the tenant holds each address once,
/// whatever its case), one `@` between a local part and a domain with a dot, no spaces, at
/// most 254 characters. Deliberately loose: delivery is what proves an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Reads a typed address.
    pub fn parse(typed: &str) -> Result<Self, Refusal> {
        let email = typed.trim().to_lowercase();
        let Some((local, domain)) = email.split_once('@') else {
            return Err(Refusal::Email);
        };
        let plain = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| !c.is_whitespace() && !c.is_control() && c != '@')
        };
        let domain_ok = plain(domain)
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if email.len() <= 254 && local.len() <= 64 && plain(local) && domain_ok {
            Ok(Self(email))
        } else {
            Err(Refusal::Email)
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Reads a role from a form.
pub fn parse_role(typed: &str) -> Result<Role, Refusal> {
    Role::parse(typed.trim()).ok_or(Refusal::Role)
}

/// The actor id of a newly invited person: their role and eight hex digits of `random`.
pub fn new_actor_id(role: Role, random: &str) -> String {
    let short = match role {
        Role::ManagingDirector => "md",
        other => other.as_str(),
    };
    let random: String = random
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(8)
        .collect();
    format!("user_{short}_{random}")
}

/// The audit target of a role change: `{actor}:{role}`.
pub fn role_change_target(actor: &str, role: Role) -> String {
    format!("{actor}:{}", role.as_str())
}

/// The audit target of an item's assignment: `{item}:{actor}`.
pub fn assignment_target(item: &str, actor: &str) -> String {
    format!("{item}:{actor}")
}

/// The audit target of a role's default owner: `{role}:{actor}`.
pub fn role_owner_target(role: Role, actor: &str) -> String {
    format!("{}:{actor}", role.as_str())
}

/// Splits a target of the forms above at its `:`.
pub fn split_target(target: &str) -> Option<(&str, &str)> {
    target.split_once(':')
}

#[cfg(test)]
mod tests {
    use super::PersonStatus::{Active, Disabled, Invited};
    use super::*;
    use Role::{Accountant, Client, Dispatcher, Driver, ManagingDirector, Reviewer};

    fn person(id: &str, role: Role, status: PersonStatus) -> Person<'_> {
        Person { id, role, status }
    }

    #[test]
    fn a_person_stands_where_their_account_says() {
        assert_eq!(status(None), Invited);
        assert_eq!(status(Some(AccountStatus::Active)), Active);
        assert_eq!(status(Some(AccountStatus::Disabled)), Disabled);
        assert_eq!(sign_in_method(None), SignInMethod::Invited);
        assert_eq!(sign_in_method(Some(true)), SignInMethod::Password);
        assert_eq!(sign_in_method(Some(false)), SignInMethod::SingleSignOn);
    }

    #[test]
    fn the_last_active_managing_director_is_kept() {
        let anna = person("anna", ManagingDirector, Active);
        let bea = person("bea", ManagingDirector, Active);
        let off = person("carl", ManagingDirector, Disabled);
        let new = person("dora", ManagingDirector, Invited);
        let marek = person("marek", Dispatcher, Active);
        /// A sentence, the people, who changes, to what, and whether it is allowed.
        type Case<'a> = (
            &'a str,
            &'a [Person<'a>],
            &'a str,
            (Role, PersonStatus),
            bool,
        );
        let cases: &[Case<'_>] = &[
            (
                "the only director may not be demoted",
                &[anna, marek],
                "anna",
                (Dispatcher, Active),
                false,
            ),
            (
                "the only director may not be disabled",
                &[anna, marek],
                "anna",
                (ManagingDirector, Disabled),
                false,
            ),
            (
                "a disabled or invited director does not count",
                &[anna, off, new],
                "anna",
                (Accountant, Active),
                false,
            ),
            (
                "one of two directors may be demoted",
                &[anna, bea],
                "anna",
                (Dispatcher, Active),
                true,
            ),
            (
                "one of two directors may be disabled",
                &[anna, bea],
                "bea",
                (ManagingDirector, Disabled),
                true,
            ),
            (
                "the director stays a director",
                &[anna],
                "anna",
                (ManagingDirector, Active),
                true,
            ),
            (
                "anyone else may change",
                &[anna, marek],
                "marek",
                (Reviewer, Disabled),
                true,
            ),
            (
                "a disabled director may be changed",
                &[anna, off],
                "carl",
                (Dispatcher, Disabled),
                true,
            ),
            (
                "a dispatcher may become a director",
                &[anna, marek],
                "marek",
                (ManagingDirector, Active),
                true,
            ),
        ];
        for &(sentence, people, subject, after, allowed) in cases {
            assert_eq!(
                keeps_a_director(people, subject, after).is_ok(),
                allowed,
                "{sentence}"
            );
        }
        assert_eq!(
            keeps_a_director(&[anna], "anna", (Dispatcher, Active)),
            Err(Refusal::LastDirector)
        );
    }

    #[test]
    fn an_item_is_given_only_to_a_person_holding_its_owner_role() {
        use ItemKind::{Decision, Derived, OwnerCheck, Probe};
        let cases = [
            (
                "a dispatcher owns a dispatcher's check",
                Dispatcher,
                Active,
                OwnerCheck,
                Some(Dispatcher),
                Ok(()),
            ),
            (
                "an invited dispatcher may be given it",
                Dispatcher,
                Invited,
                OwnerCheck,
                Some(Dispatcher),
                Ok(()),
            ),
            (
                "an accountant does not own a dispatcher's check",
                Accountant,
                Active,
                OwnerCheck,
                Some(Dispatcher),
                Err(Refusal::NotTheOwnerRole),
            ),
            (
                "a director does not own a dispatcher's check",
                ManagingDirector,
                Active,
                OwnerCheck,
                Some(Dispatcher),
                Err(Refusal::NotTheOwnerRole),
            ),
            (
                "a disabled dispatcher is given nothing",
                Dispatcher,
                Disabled,
                OwnerCheck,
                Some(Dispatcher),
                Err(Refusal::Disabled),
            ),
            (
                "a driver never writes, even named",
                Driver,
                Active,
                OwnerCheck,
                Some(Driver),
                Err(Refusal::RoleNeverWrites),
            ),
            (
                "a client never writes",
                Client,
                Active,
                OwnerCheck,
                Some(Client),
                Err(Refusal::RoleNeverWrites),
            ),
            (
                "a reviewer never writes",
                Reviewer,
                Active,
                OwnerCheck,
                Some(Reviewer),
                Err(Refusal::RoleNeverWrites),
            ),
            (
                "a director owns a director's decision",
                ManagingDirector,
                Active,
                Decision,
                Some(ManagingDirector),
                Ok(()),
            ),
            (
                "a dispatcher does not decide, even named",
                Dispatcher,
                Active,
                Decision,
                Some(Dispatcher),
                Err(Refusal::RoleNeverWrites),
            ),
            (
                "an item without an owner role is nobody's",
                Dispatcher,
                Active,
                OwnerCheck,
                None,
                Err(Refusal::NotTheOwnerRole),
            ),
            (
                "a probe is assigned to nobody",
                Dispatcher,
                Active,
                Probe,
                Some(Dispatcher),
                Err(Refusal::UnknownItem),
            ),
            (
                "a derived item is assigned to nobody",
                ManagingDirector,
                Active,
                Derived,
                Some(ManagingDirector),
                Err(Refusal::UnknownItem),
            ),
        ];
        for (sentence, role, status, kind, owner_role, expected) in cases {
            assert_eq!(
                may_own(person("x", role, status), kind, owner_role),
                expected,
                "{sentence}"
            );
        }
    }

    #[test]
    fn an_item_nobody_is_pinned_to_goes_to_the_role_default_then_the_programmes_owner_then_the_director()
     {
        let marek = person("marek", Dispatcher, Active);
        let irena = person("irena", Dispatcher, Active);
        let moved = person("marek", Accountant, Active);
        let off = person("marek", Dispatcher, Disabled);
        let invited = person("marek", Dispatcher, Invited);
        /// A sentence, the role default, the people, and who owns a dispatcher's item.
        type Case<'a> = (&'a str, Option<&'a str>, &'a [Person<'a>], Option<&'a str>);
        let cases: &[Case<'_>] = &[
            (
                "the role's default person first",
                Some("irena"),
                &[marek, irena],
                Some("irena"),
            ),
            (
                "else the programme's owner",
                None,
                &[marek, irena],
                Some("marek"),
            ),
            (
                "an invited programme owner counts",
                None,
                &[invited],
                Some("marek"),
            ),
            ("not when they left the role", None, &[moved], Some("anna")),
            ("not when they are disabled", None, &[off], Some("anna")),
            (
                "not when the tenant does not have them",
                None,
                &[irena],
                Some("anna"),
            ),
        ];
        for &(sentence, default, people, expected) in cases {
            assert_eq!(
                default_owner(
                    Some(Dispatcher),
                    Some("marek"),
                    default,
                    people,
                    Some("anna")
                ),
                expected,
                "{sentence}"
            );
        }
        assert_eq!(
            default_owner(
                Some(Dispatcher),
                None,
                Some("irena"),
                &[irena],
                Some("anna")
            ),
            None,
            "an item the programme names nobody for is nobody's"
        );
    }

    #[test]
    fn a_role_default_is_a_writing_person_of_that_role() {
        let cases = [
            (Dispatcher, Active, Dispatcher, Ok(())),
            (Accountant, Invited, Accountant, Ok(())),
            (
                Accountant,
                Active,
                Dispatcher,
                Err(Refusal::NotTheOwnerRole),
            ),
            (Dispatcher, Disabled, Dispatcher, Err(Refusal::Disabled)),
            (Driver, Active, Driver, Err(Refusal::RoleNeverWrites)),
        ];
        for (role, status, of, expected) in cases {
            assert_eq!(
                may_own_role(person("x", role, status), of),
                expected,
                "{role:?} {of:?}"
            );
        }
    }

    #[test]
    fn only_the_roles_that_accept_checks_write() {
        for role in Role::ALL {
            assert_eq!(
                role_writes(role),
                matches!(role, ManagingDirector | Dispatcher | Accountant),
                "{role:?}"
            );
        }
    }

    #[test]
    fn an_email_is_one_address_in_lower_case() {
        let cases = [
            (" Irena.Kovac@Example.COM ", Ok("irena.kovac@example.com")),
            ("irena+ops@mail.example.eu", Ok("irena+ops@mail.example.eu")),
            ("irena", Err(Refusal::Email)),
            ("irena@", Err(Refusal::Email)),
            ("@example.com", Err(Refusal::Email)),
            ("irena@example", Err(Refusal::Email)),
            ("irena@@example.com", Err(Refusal::Email)),
            ("irena kovac@example.com", Err(Refusal::Email)),
            ("irena@example..com", Err(Refusal::Email)),
            ("irena@.example.com", Err(Refusal::Email)),
        ];
        for (typed, expected) in cases {
            assert_eq!(
                Email::parse(typed)
                    .as_ref()
                    .map(Email::as_str)
                    .map_err(|e| *e),
                expected,
                "{typed}"
            );
        }
    }

    #[test]
    fn a_name_is_trimmed_and_bounded() {
        assert_eq!(
            PersonName::parse("  Irena Kovac ").unwrap().as_str(),
            "Irena Kovac"
        );
        assert_eq!(PersonName::parse("   "), Err(Refusal::Name));
        assert_eq!(PersonName::parse(&"x".repeat(121)), Err(Refusal::Name));
        assert_eq!(PersonName::parse("a\u{7}b"), Err(Refusal::Name));
        assert_eq!(parse_role("dispatcher"), Ok(Dispatcher));
        assert_eq!(parse_role("admin"), Err(Refusal::Role));
    }

    #[test]
    fn targets_name_their_subjects_and_split_back() {
        assert_eq!(
            new_actor_id(Dispatcher, "1a2b3c4d5e6f"),
            "user_dispatcher_1a2b3c4d"
        );
        assert_eq!(
            new_actor_id(ManagingDirector, "0011aabbccdd"),
            "user_md_0011aabb"
        );
        let change = role_change_target("user_x", Accountant);
        assert_eq!(change, "user_x:accountant");
        assert_eq!(split_target(&change), Some(("user_x", "accountant")));
        let assigned = assignment_target("passage.role_headers", "user_x");
        assert_eq!(
            split_target(&assigned),
            Some(("passage.role_headers", "user_x"))
        );
        assert_eq!(role_owner_target(Dispatcher, "user_x"), "dispatcher:user_x");
    }
}
