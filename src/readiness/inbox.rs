//! A person's inbox: what waits on them now, and which audit events count as changes for
//! "since your last visit".
//!
//! What waits on a person is read off the evaluation, never stored: the items that are open
//! (nothing they depend on is missing) and that [`permissions::who_may_act`] names them for,
//! then the GO signature when the decision waits for it and their role signs. A write that
//! makes an item actionable therefore puts it in its owner's inbox by itself.

use super::actions::AuditAction;
use super::catalogue::ItemKind;
use super::code::code_enum;
use super::evaluate::{Count, Evaluation, NextAction, Status};
use super::permissions::{self, Action, Target};
use super::signature;
use super::state::ReadinessState;

code_enum! {
    /// What a person does about an entry of their inbox.
    pub enum Task as "inbox task" {
        /// Accept an owner check they own, with evidence.
        Accept => "accept",
        /// Record the value of a decision they own.
        Decide => "decide",
        /// Run the rehearsal that records a probe.
        RunRehearsal => "run_rehearsal",
        /// Sign production GO (or NO-GO).
        Sign => "sign",
    }
}

/// One entry of a person's "waiting on you" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waiting {
    /// An item this person can make ready now.
    Item {
        /// The item key, `section.item`.
        key: String,
        /// Its section key.
        section: String,
        /// What to do: accept, decide or run a rehearsal.
        task: Task,
    },
    /// Every gate is green and production waits for this managing director's GO signature.
    Signature {
        /// The GO signatures that stand, of how many the programme requires.
        signatures: Count,
    },
}

impl Waiting {
    /// What to do about it.
    pub fn task(&self) -> Task {
        match self {
            Self::Item { task, .. } => *task,
            Self::Signature { .. } => Task::Sign,
        }
    }
}

/// The task an open item of this kind asks of whoever may act on it; `None` for a derived
/// item, which follows the items it is made of.
fn task_of(kind: ItemKind) -> Option<Task> {
    match kind {
        ItemKind::OwnerCheck => Some(Task::Accept),
        ItemKind::Decision => Some(Task::Decide),
        ItemKind::Probe => Some(Task::RunRehearsal),
        ItemKind::Derived => None,
    }
}

/// What waits on `person` (an actor id of `state`) now: the GO signature first, when the
/// decision waits for it, their role signs and they have not signed this round yet; then, in
/// page order, every open item that [`permissions::who_may_act`] names them for. Empty for
/// someone who is not among the state's actors.
pub fn waiting_on(evaluation: &Evaluation, state: &ReadinessState, person: &str) -> Vec<Waiting> {
    let Some(actor) = state.actor(person) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let signs = permissions::allows(actor.role, Action::SignOff, Target::Tenant);
    if signs
        && evaluation.next_action == Some(NextAction::SignOff)
        && signature::basis(state, person).is_ok()
    {
        out.push(Waiting::Signature {
            signatures: evaluation.signatures,
        });
    }
    for section in &evaluation.sections {
        for item in section.items.iter().filter(|i| i.status == Status::Open) {
            let Some(task) = task_of(item.kind) else {
                continue;
            };
            let named = permissions::who_may_act(&state.actors, item.kind, item.owner.as_deref())
                .iter()
                .any(|a| a.id == person);
            if named {
                out.push(Waiting::Item {
                    key: item.key.clone(),
                    section: section.key.clone(),
                    task,
                });
            }
        }
    }
    out
}

/// The audit actions that mark a visit rather than change anything: "since your last visit"
/// leaves them out.
pub const VISITS: [AuditAction; 3] = [
    AuditAction::SignIn,
    AuditAction::SignOut,
    AuditAction::SignInFailed,
];

/// Whether an event of this action is a change "since your last visit" lists.
pub fn is_change(action: AuditAction) -> bool {
    !VISITS.contains(&action)
}

/// How many events "since your last visit" lists at most; the audit trail holds the rest.
pub const SINCE_LIMIT: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readiness::catalogue::actors::{ANNA, MAREK, OLENA};
    use crate::readiness::demo;
    use crate::readiness::evaluate::evaluate;
    use crate::readiness::programme;
    use crate::readiness::tests::{AT, accept};

    fn demo_waiting(change: impl FnOnce(&mut ReadinessState), person: &str) -> Vec<Waiting> {
        let mut state = demo::state(AT);
        change(&mut state);
        let evaluation = evaluate(&programme::demo().catalogue, &state);
        waiting_on(&evaluation, &state, person)
    }

    /// The entries as `task item` lines, for assertions that read like the page.
    fn lines(waiting: &[Waiting]) -> Vec<String> {
        waiting
            .iter()
            .map(|w| match w {
                Waiting::Item { key, task, .. } => format!("{} {key}", task.as_str()),
                Waiting::Signature { signatures } => format!("sign {signatures}"),
            })
            .collect()
    }

    #[test]
    fn each_person_of_the_demo_waits_on_their_own_open_checks_and_decisions() {
        let cases: [(&str, &[&str]); 3] = [
            (
                ANNA,
                &[
                    "decide provider_acceptance.live_provider",
                    "decide provider_acceptance.auth_rbac_owner",
                    "decide provider_acceptance.tenant_secrets_boundary",
                    "decide infrastructure.hosting",
                    "decide infrastructure.region",
                    "decide infrastructure.runtime_owner",
                    "decide infrastructure.secrets_backup",
                    "accept passage.contracts_frozen",
                    "accept passage.migration_rollback",
                    "run_rehearsal connection.endpoint_reachability",
                    "accept rollback.owner_ack",
                    "accept rollback.storage_fallback",
                ],
            ),
            (
                MAREK,
                &[
                    "accept passage.role_headers",
                    "accept passage.scenario_store_rehearsal",
                    "run_rehearsal connection.endpoint_reachability",
                ],
            ),
            (
                OLENA,
                &["accept passage.db_schema", "accept passage.secrets_auth"],
            ),
        ];
        for (person, expected) in cases {
            assert_eq!(lines(&demo_waiting(|_| {}, person)), expected, "{person}");
        }
    }

    #[test]
    fn the_roles_that_only_read_wait_on_nothing() {
        for person in [
            "driver_tarasenko",
            "cp_client_lviv_farma",
            demo::REVIEWER,
            "nobody_at_all",
        ] {
            assert!(demo_waiting(|_| {}, person).is_empty(), "{person}");
        }
    }

    #[test]
    fn an_accepted_check_leaves_its_owners_inbox() {
        let waiting = demo_waiting(|s| accept(s, "passage.db_schema"), OLENA);
        assert_eq!(lines(&waiting), ["accept passage.secrets_auth"]);
        assert_eq!(
            waiting[0],
            Waiting::Item {
                key: "passage.secrets_auth".to_owned(),
                section: "passage".to_owned(),
                task: Task::Accept,
            }
        );
    }

    #[test]
    fn a_passed_probe_opens_the_next_for_whoever_runs_the_rehearsals() {
        let passed = |s: &mut ReadinessState| {
            s.probes.insert(
                "connection.endpoint_reachability".to_owned(),
                crate::readiness::state::ProbeResult {
                    passed: true,
                    found: None,
                    at: AT,
                },
            );
        };
        let probes = |person| {
            lines(&demo_waiting(passed, person))
                .into_iter()
                .filter(|l| l.starts_with("run_rehearsal"))
                .collect::<Vec<_>>()
        };
        let expected = [
            "run_rehearsal runbook.schema_rls",
            "run_rehearsal connection.tls_fingerprint",
            "run_rehearsal connection.rbac_session",
        ];
        assert_eq!(probes(MAREK), expected);
        assert_eq!(probes(ANNA), expected);
        assert!(probes(OLENA).is_empty());
    }

    #[test]
    fn all_green_the_managing_director_alone_waits_to_sign_until_they_have() {
        let green = crate::readiness::tests::all_green();
        let at_signoff = |state: &ReadinessState, person| {
            let evaluation = evaluate(&programme::demo().catalogue, state);
            lines(&waiting_on(&evaluation, state, person))
        };
        assert_eq!(at_signoff(&green, ANNA), ["sign 0/1"]);
        assert!(at_signoff(&green, MAREK).is_empty());
        assert!(at_signoff(&green, OLENA).is_empty());

        // Two signatures required: Anna's stands, so the round waits on another director.
        let mut partial = green.clone();
        partial.signatures_required =
            crate::readiness::signature::SignaturesRequired::new(2).expect("two");
        let mut anna = crate::readiness::tests::signed();
        let evaluation = evaluate(&programme::demo().catalogue, &partial);
        anna.state_digest = Some(signature::state_digest(&evaluation, None));
        partial.signoff = Some(anna);
        assert!(at_signoff(&partial, ANNA).is_empty(), "signed already");
    }

    #[test]
    fn sign_ins_and_sign_outs_are_visits_not_changes() {
        let changes: Vec<_> = AuditAction::ALL
            .into_iter()
            .filter(|a| !is_change(*a))
            .collect();
        assert_eq!(changes, VISITS);
        assert!(is_change(AuditAction::Accept));
        assert!(is_change(AuditAction::SignGo));
    }
}
