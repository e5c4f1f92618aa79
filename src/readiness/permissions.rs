//! Who may change what: one table of (role, action, target) → allowed.
//!
//! The database layer loads the facts a rule needs — the actor's role and, for an item, its kind
//! and whether the actor owns it — inside the write's transaction and asks [`allows`]; it decides
//! nothing itself. Whatever [`RULES`] does not list is refused, so a new action or target is
//! closed until a row opens it.

use super::catalogue::ItemKind;
use super::state::Role;

/// Something an actor asks the console to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Accept an owner check, with evidence.
    Accept,
    /// Record and accept a decision's value, with evidence.
    Decide,
    /// Revoke a standing acceptance or decision, saying why.
    Revoke,
    /// Sign production GO or NO-GO.
    SignOff,
    /// Store a scenario snapshot payload as an import.
    ImportSnapshot,
    /// Freeze an import as the next snapshot version.
    FreezeSnapshot,
    /// Name the target database of the rehearsals.
    SetRehearsalTarget,
    /// Start a rehearsal run against the target.
    StartRehearsal,
    /// Change the tenant's profile: its modes, its environment, its providers' modes.
    SetProfile,
    /// Invite people, change their roles, disable and enable their accounts, send them a
    /// password-reset link.
    ManagePeople,
    /// Name who owns an item, or the default owner of a role's items.
    AssignOwner,
    /// Add and remove the tenant's webhook endpoints, and retry a dead delivery.
    ManageWebhooks,
}

impl Action {
    /// Every action.
    pub const ALL: [Self; 12] = [
        Self::Accept,
        Self::Decide,
        Self::Revoke,
        Self::SignOff,
        Self::ImportSnapshot,
        Self::FreezeSnapshot,
        Self::SetRehearsalTarget,
        Self::StartRehearsal,
        Self::SetProfile,
        Self::ManagePeople,
        Self::AssignOwner,
        Self::ManageWebhooks,
    ];
}

/// What an action is done to, told apart only where a rule tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An owner check the actor owns.
    OwnCheck,
    /// An owner check someone else owns, or nobody.
    OthersCheck,
    /// A decision the actor owns.
    OwnDecision,
    /// A decision someone else owns, or nobody.
    OthersDecision,
    /// Any other item: a probe (its run records it), a derived item (computed from others), or
    /// one whose stored kind the console cannot read.
    OtherItem,
    /// The tenant as a whole: its sign-off, its scenario snapshot, its rehearsals, its
    /// profile.
    Tenant,
}

impl Target {
    /// Every target.
    pub const ALL: [Self; 6] = [
        Self::OwnCheck,
        Self::OthersCheck,
        Self::OwnDecision,
        Self::OthersDecision,
        Self::OtherItem,
        Self::Tenant,
    ];

    /// The target an item is, from the facts the caller loaded: its kind (`None` when the
    /// stored kind cannot be read) and whether the actor is its owner.
    pub fn item(kind: Option<ItemKind>, owned: bool) -> Self {
        match (kind, owned) {
            (Some(ItemKind::OwnerCheck), true) => Self::OwnCheck,
            (Some(ItemKind::OwnerCheck), false) => Self::OthersCheck,
            (Some(ItemKind::Decision), true) => Self::OwnDecision,
            (Some(ItemKind::Decision), false) => Self::OthersDecision,
            (Some(ItemKind::Probe | ItemKind::Derived) | None, _) => Self::OtherItem,
        }
    }
}

/// One row of the table: `roles` may do `action` to `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// What is done.
    pub action: Action,
    /// To what.
    pub target: Target,
    /// Who may.
    pub roles: &'static [Role],
}

/// Who accepts and revokes the owner checks they own: the roles that own checks, and the service
/// account of an API key (whose scope the API asks first: only an `attest` key gets this far).
/// Drivers, clients and reviewers read: they never write, even if a catalogue names one of them
/// as an owner.
const CHECK_ATTESTERS: &[Role] = &[
    Role::ManagingDirector,
    Role::Dispatcher,
    Role::Accountant,
    Role::Service,
];

/// Decisions and the sign-off are the managing director's alone.
const DIRECTOR: &[Role] = &[Role::ManagingDirector];

/// The scenario snapshot and the rehearsals are run by the managing director and dispatch.
const OPERATORS: &[Role] = &[Role::ManagingDirector, Role::Dispatcher];

/// Everything that is allowed; anything else is refused.
pub const RULES: [Rule; 13] = [
    Rule {
        action: Action::Accept,
        target: Target::OwnCheck,
        roles: CHECK_ATTESTERS,
    },
    Rule {
        action: Action::Revoke,
        target: Target::OwnCheck,
        roles: CHECK_ATTESTERS,
    },
    Rule {
        action: Action::Decide,
        target: Target::OwnDecision,
        roles: DIRECTOR,
    },
    Rule {
        action: Action::Revoke,
        target: Target::OwnDecision,
        roles: DIRECTOR,
    },
    Rule {
        action: Action::SignOff,
        target: Target::Tenant,
        roles: DIRECTOR,
    },
    Rule {
        action: Action::ImportSnapshot,
        target: Target::Tenant,
        roles: OPERATORS,
    },
    Rule {
        action: Action::FreezeSnapshot,
        target: Target::Tenant,
        roles: OPERATORS,
    },
    Rule {
        action: Action::SetRehearsalTarget,
        target: Target::Tenant,
        roles: OPERATORS,
    },
    Rule {
        action: Action::StartRehearsal,
        target: Target::Tenant,
        roles: OPERATORS,
    },
    Rule {
        action: Action::SetProfile,
        target: Target::Tenant,
        roles: DIRECTOR,
    },
    Rule {
        action: Action::ManagePeople,
        target: Target::Tenant,
        roles: DIRECTOR,
    },
    Rule {
        action: Action::ManageWebhooks,
        target: Target::Tenant,
        roles: DIRECTOR,
    },
    Rule {
        action: Action::AssignOwner,
        target: Target::Tenant,
        roles: DIRECTOR,
    },
];

/// Who can make an item ready now, among `actors`: its owner, if it has one (and their role may
/// write it); for a probe, whoever may run the rehearsals that record it. Nobody for anything
/// else (a derived item follows the items it is made of).
pub fn who_may_act<'a>(
    actors: &'a [super::state::Actor],
    kind: ItemKind,
    owner: Option<&str>,
) -> Vec<&'a super::state::Actor> {
    match (kind, owner) {
        (ItemKind::Probe, _) => actors
            .iter()
            .filter(|a| allows(a.role, Action::StartRehearsal, Target::Tenant))
            .collect(),
        (ItemKind::OwnerCheck | ItemKind::Decision, Some(owner)) => {
            let action = match kind {
                ItemKind::Decision => Action::Decide,
                _ => Action::Accept,
            };
            let target = Target::item(Some(kind), true);
            actors
                .iter()
                .filter(|a| a.id == owner && allows(a.role, action, target))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Whether `role` may change anything at all: whether any row of [`RULES`] names it. A role
/// that may not only ever reads, and nothing ever waits on it.
pub fn writes_anything(role: Role) -> bool {
    RULES.iter().any(|rule| rule.roles.contains(&role))
}

/// Whether `role` may do `action` to `target`: exactly when a row of [`RULES`] says so.
pub fn allows(role: Role, action: Action, target: Target) -> bool {
    RULES
        .iter()
        .any(|rule| rule.action == action && rule.target == target && rule.roles.contains(&role))
}

#[cfg(test)]
mod tests {
    use super::Action::{
        Accept, AssignOwner, Decide, FreezeSnapshot, ImportSnapshot, ManagePeople, ManageWebhooks,
        Revoke, SetProfile, SetRehearsalTarget, SignOff, StartRehearsal,
    };
    use super::Target::{OtherItem, OthersCheck, OthersDecision, OwnCheck, OwnDecision, Tenant};
    use super::*;
    use crate::readiness::state::Role::{
        Accountant, Client, Dispatcher, Driver, ManagingDirector, Reviewer,
    };

    /// Every (role, action, target) that is allowed, each as a sentence. Anything not listed
    /// here is refused ([`nothing_else_is_allowed`]).
    const ALLOWED: &[(&str, Role, Action, Target)] = &[
        (
            "the managing director accepts a check they own",
            ManagingDirector,
            Accept,
            OwnCheck,
        ),
        (
            "the dispatcher accepts a check they own",
            Dispatcher,
            Accept,
            OwnCheck,
        ),
        (
            "the accountant accepts a check they own",
            Accountant,
            Accept,
            OwnCheck,
        ),
        (
            "the managing director revokes a check they own",
            ManagingDirector,
            Revoke,
            OwnCheck,
        ),
        (
            "the dispatcher revokes a check they own",
            Dispatcher,
            Revoke,
            OwnCheck,
        ),
        (
            "the accountant revokes a check they own",
            Accountant,
            Revoke,
            OwnCheck,
        ),
        (
            "the managing director decides a decision they own",
            ManagingDirector,
            Decide,
            OwnDecision,
        ),
        (
            "the managing director revokes a decision they own",
            ManagingDirector,
            Revoke,
            OwnDecision,
        ),
        (
            "the managing director signs production off",
            ManagingDirector,
            SignOff,
            Tenant,
        ),
        (
            "the managing director imports a snapshot",
            ManagingDirector,
            ImportSnapshot,
            Tenant,
        ),
        (
            "the dispatcher imports a snapshot",
            Dispatcher,
            ImportSnapshot,
            Tenant,
        ),
        (
            "the managing director freezes a snapshot",
            ManagingDirector,
            FreezeSnapshot,
            Tenant,
        ),
        (
            "the dispatcher freezes a snapshot",
            Dispatcher,
            FreezeSnapshot,
            Tenant,
        ),
        (
            "the managing director names the rehearsal target",
            ManagingDirector,
            SetRehearsalTarget,
            Tenant,
        ),
        (
            "the dispatcher names the rehearsal target",
            Dispatcher,
            SetRehearsalTarget,
            Tenant,
        ),
        (
            "the managing director starts a rehearsal",
            ManagingDirector,
            StartRehearsal,
            Tenant,
        ),
        (
            "the dispatcher starts a rehearsal",
            Dispatcher,
            StartRehearsal,
            Tenant,
        ),
        (
            "the managing director changes the tenant's profile",
            ManagingDirector,
            SetProfile,
            Tenant,
        ),
        (
            "the managing director manages the tenant's people",
            ManagingDirector,
            ManagePeople,
            Tenant,
        ),
        (
            "the managing director names the owners of items",
            ManagingDirector,
            AssignOwner,
            Tenant,
        ),
        (
            "the managing director manages the tenant's webhooks",
            ManagingDirector,
            ManageWebhooks,
            Tenant,
        ),
    ];

    /// Refusals worth naming: the boundaries a reader of the rules would ask about first. They
    /// are covered by [`nothing_else_is_allowed`] too; here each has its sentence.
    const REFUSED: &[(&str, Role, Action, Target)] = &[
        (
            "the dispatcher may not accept someone else's check",
            Dispatcher,
            Accept,
            OthersCheck,
        ),
        (
            "the managing director may not accept someone else's check",
            ManagingDirector,
            Accept,
            OthersCheck,
        ),
        (
            "the accountant may not revoke someone else's check",
            Accountant,
            Revoke,
            OthersCheck,
        ),
        (
            "the managing director may not decide someone else's decision",
            ManagingDirector,
            Decide,
            OthersDecision,
        ),
        (
            "the dispatcher may not decide even a decision they own",
            Dispatcher,
            Decide,
            OwnDecision,
        ),
        (
            "the accountant may not revoke even a decision they own",
            Accountant,
            Revoke,
            OwnDecision,
        ),
        (
            "a decision is decided, not accepted",
            ManagingDirector,
            Accept,
            OwnDecision,
        ),
        (
            "a check is accepted, not decided",
            ManagingDirector,
            Decide,
            OwnCheck,
        ),
        (
            "nobody accepts a probe or a derived item",
            ManagingDirector,
            Accept,
            OtherItem,
        ),
        (
            "nobody revokes a probe or a derived item",
            ManagingDirector,
            Revoke,
            OtherItem,
        ),
        (
            "a driver may not accept even a check they are named owner of",
            Driver,
            Accept,
            OwnCheck,
        ),
        (
            "a client may not accept even a check they are named owner of",
            Client,
            Accept,
            OwnCheck,
        ),
        (
            "a reviewer may not accept even a check they are named owner of",
            Reviewer,
            Accept,
            OwnCheck,
        ),
        (
            "the dispatcher may not sign production off",
            Dispatcher,
            SignOff,
            Tenant,
        ),
        (
            "the accountant may not import a snapshot",
            Accountant,
            ImportSnapshot,
            Tenant,
        ),
        (
            "the accountant may not start a rehearsal",
            Accountant,
            StartRehearsal,
            Tenant,
        ),
        (
            "a reviewer may not name the rehearsal target",
            Reviewer,
            SetRehearsalTarget,
            Tenant,
        ),
        (
            "a reviewer may not freeze a snapshot",
            Reviewer,
            FreezeSnapshot,
            Tenant,
        ),
        (
            "the dispatcher may not change the tenant's profile",
            Dispatcher,
            SetProfile,
            Tenant,
        ),
        (
            "the accountant may not change the tenant's profile",
            Accountant,
            SetProfile,
            Tenant,
        ),
        (
            "a reviewer may not change the tenant's profile",
            Reviewer,
            SetProfile,
            Tenant,
        ),
        (
            "the dispatcher may not manage people",
            Dispatcher,
            ManagePeople,
            Tenant,
        ),
        (
            "a reviewer may not manage people",
            Reviewer,
            ManagePeople,
            Tenant,
        ),
        (
            "the dispatcher may not manage webhooks",
            Dispatcher,
            ManageWebhooks,
            Tenant,
        ),
        (
            "the accountant may not name owners",
            Accountant,
            AssignOwner,
            Tenant,
        ),
        (
            "the dispatcher may not name owners, even of their own checks",
            Dispatcher,
            AssignOwner,
            Tenant,
        ),
        (
            "nobody assigns an owner through an item",
            ManagingDirector,
            AssignOwner,
            OwnCheck,
        ),
        (
            "nobody changes the profile through an item",
            ManagingDirector,
            SetProfile,
            OwnCheck,
        ),
    ];

    #[test]
    fn each_allowed_row_is_allowed() {
        for &(sentence, role, action, target) in ALLOWED {
            assert!(allows(role, action, target), "{sentence}");
        }
    }

    #[test]
    fn each_named_refusal_is_refused() {
        for &(sentence, role, action, target) in REFUSED {
            assert!(!allows(role, action, target), "{sentence}");
        }
    }

    #[test]
    fn nothing_else_is_allowed() {
        for role in Role::ALL {
            for action in Action::ALL {
                for target in Target::ALL {
                    let listed = ALLOWED
                        .iter()
                        .any(|&(_, r, a, t)| (r, a, t) == (role, action, target));
                    assert_eq!(
                        allows(role, action, target),
                        listed,
                        "{role:?} {action:?} {target:?}: allowed exactly when listed"
                    );
                }
            }
        }
    }

    #[test]
    fn drivers_clients_and_reviewers_change_nothing_at_all() {
        for role in Role::ALL {
            let writes = !matches!(role, Driver | Client | Reviewer);
            assert_eq!(writes_anything(role), writes, "{role:?}");
        }
    }

    #[test]
    fn an_item_is_told_apart_by_its_kind_and_its_owner() {
        let cases = [
            (Some(ItemKind::OwnerCheck), true, OwnCheck),
            (Some(ItemKind::OwnerCheck), false, OthersCheck),
            (Some(ItemKind::Decision), true, OwnDecision),
            (Some(ItemKind::Decision), false, OthersDecision),
            (Some(ItemKind::Probe), true, OtherItem),
            (Some(ItemKind::Derived), false, OtherItem),
            // A kind the loader could not read is written by nobody, whoever owns it.
            (None, true, OtherItem),
        ];
        for (kind, owned, target) in cases {
            assert_eq!(Target::item(kind, owned), target, "{kind:?}, owned {owned}");
        }
    }

    #[test]
    fn a_probe_waits_on_whoever_runs_the_rehearsals_and_a_check_on_its_owner() {
        let state = crate::readiness::demo::state(time::OffsetDateTime::UNIX_EPOCH);
        let names = |found: Vec<&crate::readiness::state::Actor>| {
            found.iter().map(|a| a.role).collect::<Vec<_>>()
        };
        assert_eq!(
            names(who_may_act(&state.actors, ItemKind::Probe, None)),
            [ManagingDirector, Dispatcher]
        );
        let marek = state
            .actors
            .iter()
            .find(|a| a.role == Dispatcher)
            .expect("the dispatcher");
        assert_eq!(
            names(who_may_act(
                &state.actors,
                ItemKind::OwnerCheck,
                Some(&marek.id)
            )),
            [Dispatcher]
        );
        // An owner whose role never writes, a check nobody owns, a derived item: nobody.
        let reviewer = state
            .actors
            .iter()
            .find(|a| a.role == Reviewer)
            .expect("reviewer");
        assert!(who_may_act(&state.actors, ItemKind::OwnerCheck, Some(&reviewer.id)).is_empty());
        assert!(who_may_act(&state.actors, ItemKind::OwnerCheck, None).is_empty());
        assert!(who_may_act(&state.actors, ItemKind::Derived, None).is_empty());
    }
}
