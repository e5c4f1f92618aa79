//! The database layer refuses exactly what the permission table refuses: one actor of each
//! role tries every write on each target the table tells apart, straight through `db`, and is
//! refused (`Forbidden`) exactly where `permissions::allows` says no — and otherwise the write
//! goes through.

use readiness_console::db::rehearsal::{self, Runner, StartError};
use readiness_console::db::signature::Consent;
use readiness_console::db::write::{self, Author, CheckCommand, Signoff, WriteError, Written};
use readiness_console::db::{self, people, profile, snapshot};
use readiness_console::readiness::evidence::{DecisionValue, Evidence, EvidenceNote};
use readiness_console::readiness::people::{Email, PersonName};
use readiness_console::readiness::permissions::{self, Action, Target};
use readiness_console::readiness::profile::{Mode, ProfileEdit, ProfileField};
use readiness_console::readiness::scenario;
use readiness_console::readiness::state::Role;
use readiness_console::rehearsal::{Limits, SecretRef};
use uuid::Uuid;

use crate::support::{TestDb, test_clock, test_key, test_secrets};

/// One actor of the demo tenant per role.
const ACTORS: [(Role, &str); 6] = [
    (Role::ManagingDirector, "user_md_anna"),
    (Role::Dispatcher, "user_dispatcher_marek"),
    (Role::Accountant, "user_accountant_olena"),
    (Role::Driver, "driver_tarasenko"),
    (Role::Client, "cp_client_lviv_farma"),
    (Role::Reviewer, "reviewer_audit"),
];

/// The item standing for each item target in an actor's turn, and whether the actor is made its
/// owner for the turn (otherwise someone else is). Even owning a probe lets nobody write it.
const ITEMS: [(Target, &str, bool); 5] = [
    (Target::OwnCheck, "passage.secrets_auth", true),
    (Target::OthersCheck, "passage.migration_rollback", false),
    (Target::OwnDecision, "infrastructure.hosting", true),
    (
        Target::OthersDecision,
        "infrastructure.runtime_owner",
        false,
    ),
    (Target::OtherItem, "connection.write_probe", true),
];

/// What the database layer answered.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    /// The write went through (or, for a run, was started and refused on its own grounds).
    Done,
    /// Forbidden.
    Refused,
    /// Anything else: a failure of the test's set-up.
    Other(String),
}

fn author(actor: &str) -> Author<'_> {
    Author {
        tenant: "bfg-control",
        actor,
        request_id: "permissions-test",
        key: test_key(),
        clock: test_clock(),
    }
}

fn runner(actor: &str) -> Runner {
    Runner {
        tenant: "bfg-control".into(),
        actor: actor.into(),
        request_id: "permissions-test".into(),
        key: test_key().clone(),
        clock: test_clock().clone(),
        secrets: test_secrets().clone(),
    }
}

fn evidence() -> Evidence {
    Evidence::parse("Checked for the permission table", "", "").unwrap()
}

fn written(result: Result<Written, WriteError>) -> Answer {
    match result {
        Ok(Written::Applied(_)) => Answer::Done,
        Err(WriteError::Forbidden) => Answer::Refused,
        other => Answer::Other(format!("{other:?}")),
    }
}

fn started(result: Result<(), StartError>) -> Answer {
    match result {
        Ok(()) => Answer::Done,
        Err(StartError::Forbidden) => Answer::Refused,
        Err(error) => Answer::Other(format!("{error:?}")),
    }
}

/// `action` on `item`, drawn from its current version.
async fn on_item(db: &TestDb, actor: &str, action: Action, item: &str) -> Answer {
    let version: i32 = sqlx::query_scalar("select version from catalogue_items where key = $1")
        .bind(item)
        .fetch_one(&mut *db.demo_tx().await)
        .await
        .unwrap();
    let command = match action {
        Action::Accept => CheckCommand::Accept(evidence()),
        Action::Decide => CheckCommand::Decide(DecisionValue::parse("EU").unwrap(), evidence()),
        Action::Revoke => {
            CheckCommand::Revoke(EvidenceNote::parse("Undone for the table").unwrap())
        }
        other => unreachable!("{other:?} is not done to an item"),
    };
    written(
        write::owner_check(
            &db.app,
            &author(actor),
            item,
            version,
            Uuid::new_v4(),
            &command,
            Consent::Withheld,
        )
        .await,
    )
}

/// `action`, done to the tenant as a whole.
async fn on_tenant(db: &TestDb, actor: &str, action: Action) -> Answer {
    match action {
        Action::SignOff => {
            let no_go = Signoff::NoGo(EvidenceNote::parse("Not yet, for the table").unwrap());
            match write::signoff(&db.app, &author(actor), Uuid::new_v4(), &no_go).await {
                Ok(Written::Applied(_)) => Answer::Done,
                Err(WriteError::Forbidden) => Answer::Refused,
                other => Answer::Other(format!("{other:?}")),
            }
        }
        Action::ImportSnapshot => {
            let demo = include_bytes!("../../demo/bfg-control-scenario.jsonl");
            let parsed = scenario::parse(demo, "bfg-control").unwrap();
            let upload = snapshot::Upload {
                sha256: "0000000000000000000000000000000000000000000000000000000000000000",
                bytes: demo.len(),
            };
            written(
                snapshot::import(&db.app, &author(actor), Uuid::new_v4(), upload, &parsed).await,
            )
        }
        Action::FreezeSnapshot => {
            // The managing director's turn comes first and leaves an import to freeze.
            let import = snapshot::history(&db.app, "bfg-control")
                .await
                .unwrap()
                .imports[0]
                .id;
            written(snapshot::freeze(&db.app, &author(actor), Uuid::new_v4(), import).await)
        }
        Action::SetRehearsalTarget => {
            // A variable the test policy admits; it holds no URL, so a run is refused later.
            let reference = SecretRef::parse("env:CARGO_PKG_NAME").unwrap();
            started(rehearsal::set_target(&db.app, &runner(actor), &reference).await)
        }
        Action::StartRehearsal => {
            match rehearsal::start(
                &db.app,
                &runner(actor),
                readiness_console::readiness::RehearsalKind::Connection,
                Limits::default(),
            )
            .await
            {
                // Past the permission check the run is refused for its target: recorded, not
                // forbidden.
                Ok(_) | Err(StartError::Refused(_)) => Answer::Done,
                Err(StartError::Forbidden) => Answer::Refused,
                Err(error) => Answer::Other(format!("{error:?}")),
            }
        }
        Action::SetProfile => {
            // A value of its own per actor, so that every allowed edit changes something.
            let edit = ProfileEdit {
                fields: vec![(
                    ProfileField::Environment,
                    Mode::parse(&format!("env-{actor}")).unwrap(),
                )],
                providers: Vec::new(),
            };
            match profile::set(&db.app, &author(actor), Uuid::new_v4(), &edit).await {
                Ok(profile::Settled::Written(Written::Applied(_))) => Answer::Done,
                Err(WriteError::Forbidden) => Answer::Refused,
                other => Answer::Other(format!("{other:?}")),
            }
        }
        Action::ManagePeople => {
            // An invitation of a person of its own per actor.
            let new = people::NewPerson {
                name: PersonName::parse("Invited Person").unwrap(),
                email: Email::parse(&format!("{actor}@invited.example")).unwrap(),
                role: Role::Dispatcher,
            };
            match people::invite(&db.app, &author(actor), Uuid::new_v4(), &new).await {
                Ok(people::Invited::Fresh { .. }) => Answer::Done,
                Err(people::PeopleError::Write(WriteError::Forbidden)) => Answer::Refused,
                other => Answer::Other(format!("{other:?}")),
            }
        }
        Action::AssignOwner => {
            let to = people::set_role_owner(
                &db.app,
                &author(actor),
                Uuid::new_v4(),
                Role::Dispatcher,
                "user_dispatcher_marek",
            )
            .await;
            match to {
                Ok(Written::Applied(_)) => Answer::Done,
                Err(people::PeopleError::Write(WriteError::Forbidden)) => Answer::Refused,
                other => Answer::Other(format!("{other:?}")),
            }
        }
        Action::ManageWebhooks => {
            let url =
                readiness_console::readiness::outbox::parse_url("https://hooks.example.com/in")
                    .unwrap();
            let endpoint = db::webhooks::NewEndpoint {
                id: Uuid::new_v4(),
                url: &url,
                events: &[readiness_console::readiness::outbox::EventType::SignoffGo],
                secret_hint: "0123456789ab",
            };
            let stamp = db::tenants::Stamp {
                key: crate::support::test_key(),
                clock: crate::support::test_clock(),
                request_id: "permissions-test",
            };
            match db::webhooks::add(
                &db.app,
                "bfg-control",
                &endpoint,
                db::api_keys::KeyAuthor::Person(actor),
                &stamp,
            )
            .await
            {
                Ok(()) => Answer::Done,
                Err(db::webhooks::HookError::Forbidden) => Answer::Refused,
                other => Answer::Other(format!("{other:?}")),
            }
        }
        other => unreachable!("{other:?} is done to an item"),
    }
}

#[tokio::test]
async fn the_database_layer_refuses_exactly_what_the_table_refuses() {
    let db = TestDb::new().await;
    for (role, actor) in ACTORS {
        let someone_else = if actor == "user_md_anna" {
            "user_dispatcher_marek"
        } else {
            "user_md_anna"
        };
        for (_, item, owned) in ITEMS {
            let owner = if owned { actor } else { someone_else };
            db.as_owner_in_demo(&format!(
                "update catalogue_items set owner_actor_id = '{owner}' where key = '{item}'"
            ))
            .await;
        }
        // Every action in turn: accepting, then deciding, then revoking each item, so that what
        // one allowed write does the next undoes and each turn starts from the same state.
        for action in Action::ALL {
            let on_items = matches!(action, Action::Accept | Action::Decide | Action::Revoke);
            let cases: Vec<(Target, Option<&str>)> = if on_items {
                ITEMS
                    .iter()
                    .map(|&(target, item, _)| (target, Some(item)))
                    .collect()
            } else {
                vec![(Target::Tenant, None)]
            };
            for (target, item) in cases {
                let answer = match item {
                    Some(item) => on_item(&db, actor, action, item).await,
                    None => on_tenant(&db, actor, action).await,
                };
                let expected = if permissions::allows(role, action, target) {
                    Answer::Done
                } else {
                    Answer::Refused
                };
                assert_eq!(
                    answer, expected,
                    "{actor} ({role:?}): {action:?} {target:?}"
                );
            }
        }
    }
}
