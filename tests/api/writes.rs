//! Accepting and revoking owner checks at the data layer: authorisation, optimistic
//! concurrency, idempotency, the audit chain, and 200 writers at once.

use readiness_console::db::audit::{self, Verification};
use readiness_console::db::write::{self, Author, CheckCommand, WriteError, Written};
use readiness_console::readiness::evidence::{Evidence, EvidenceNote};
use uuid::Uuid;

use crate::support::TestDb;

const MAREK: &str = "user_dispatcher_marek";

fn author(actor: &str) -> Author<'_> {
    Author {
        tenant: "bfg-control",
        actor,
        request_id: "test-request",
        key: crate::support::test_key(),
        clock: crate::support::test_clock(),
    }
}

fn accept() -> CheckCommand {
    CheckCommand::Accept(Evidence::parse("Role headers verified in staging", "", "").unwrap())
}

async fn count(db: &TestDb, sql: &str) -> i64 {
    let mut tx = db.owner.begin().await.unwrap();
    sqlx::query(
        "select set_config('app.tenant_id', (select id::text from tenants where slug = 'bfg-control'), true)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *tx).await.unwrap()
}

async fn standing(db: &TestDb, item: &str) -> i64 {
    count(
        db,
        &format!(
            "select count(*) from acceptances where item_key = '{item}' and revoked_at is null"
        ),
    )
    .await
}

#[tokio::test]
async fn the_owner_accepts_with_evidence_and_the_chain_records_it() {
    let db = TestDb::new().await;
    let written = write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        0,
        Uuid::new_v4(),
        &accept(),
    )
    .await
    .expect("Marek owns role headers");
    // Event #1 is the demo seed's decision.
    assert_eq!(written, Written::Applied(2));
    assert_eq!(standing(&db, "passage.role_headers").await, 1);
    let state = readiness_console::db::load_console(&db.app, "bfg-control")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.state.item_versions["passage.role_headers"], 1);
    assert_eq!(state.state.audit_head.map(|h| h.seq), Some(2));
    assert!(matches!(
        crate::support::verify_chain(&db.app).await,
        Some(Verification::Intact { events: 2, .. })
    ));
}

#[tokio::test]
async fn only_the_owner_may_accept_and_read_only_roles_never_write() {
    let db = TestDb::new().await;
    for actor in [
        "user_accountant_olena",
        "user_md_anna",
        "driver_tarasenko",
        "cp_client_lviv_farma",
        "reviewer_audit",
        "nobody",
    ] {
        let refused = write::owner_check(
            &db.app,
            &author(actor),
            "passage.role_headers",
            0,
            Uuid::new_v4(),
            &accept(),
        )
        .await;
        assert!(
            matches!(refused, Err(WriteError::Forbidden)),
            "{actor}: {refused:?}"
        );
    }
    // Decisions, probes and derived items are not owner checks.
    for item in [
        "decision_board.adapter_selection",
        "connection.write_probe",
        "gates.preflight",
    ] {
        let refused = write::owner_check(
            &db.app,
            &author("user_md_anna"),
            item,
            0,
            Uuid::new_v4(),
            &accept(),
        )
        .await;
        assert!(matches!(refused, Err(WriteError::Forbidden)), "{item}");
    }
    let missing = write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.nothing",
        0,
        Uuid::new_v4(),
        &accept(),
    )
    .await;
    assert!(matches!(missing, Err(WriteError::NotFound)));
    assert_eq!(
        count(&db, "select count(*) from audit_events").await,
        1,
        "only the seed's"
    );
    assert_eq!(
        count(&db, "select count(*) from acceptances").await,
        1,
        "only the seed's"
    );
}

#[tokio::test]
async fn a_stale_form_is_refused_and_saves_nothing() {
    let db = TestDb::new().await;
    write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        0,
        Uuid::new_v4(),
        &accept(),
    )
    .await
    .unwrap();
    let stale = write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        0,
        Uuid::new_v4(),
        &CheckCommand::Revoke(EvidenceNote::parse("Headers changed upstream").unwrap()),
    )
    .await;
    assert!(matches!(stale, Err(WriteError::Stale)));
    assert_eq!(standing(&db, "passage.role_headers").await, 1);
    // The seed's and the acceptance's.
    assert_eq!(count(&db, "select count(*) from audit_events").await, 2);
}

#[tokio::test]
async fn a_replayed_form_has_one_effect() {
    let db = TestDb::new().await;
    let key = Uuid::new_v4();
    let first = write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        0,
        key,
        &accept(),
    )
    .await
    .unwrap();
    let again = write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        0,
        key,
        &accept(),
    )
    .await
    .unwrap();
    // Event #1 is the demo seed's decision.
    assert_eq!(first, Written::Applied(2));
    assert_eq!(again, Written::Replayed(2));
    assert_eq!(standing(&db, "passage.role_headers").await, 1);
    assert_eq!(count(&db, "select count(*) from audit_events").await, 2);
}

#[tokio::test]
async fn revoking_needs_a_standing_acceptance_and_keeps_the_history() {
    let db = TestDb::new().await;
    let revoke = CheckCommand::Revoke(EvidenceNote::parse("Headers changed upstream").unwrap());
    let nothing = write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        0,
        Uuid::new_v4(),
        &revoke,
    )
    .await;
    assert!(matches!(nothing, Err(WriteError::NotAccepted)));
    write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        0,
        Uuid::new_v4(),
        &accept(),
    )
    .await
    .unwrap();
    let revoked = write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        1,
        Uuid::new_v4(),
        &revoke,
    )
    .await
    .unwrap();
    // After the seed's event and the acceptance's.
    assert_eq!(revoked, Written::Applied(3));
    assert_eq!(standing(&db, "passage.role_headers").await, 0);
    assert_eq!(
        count(&db, "select count(*) from acceptances where item_key = 'passage.role_headers' and revoke_reason = 'Headers changed upstream'").await,
        1
    );
}

#[tokio::test]
async fn two_hundred_concurrent_accepts_make_one_acceptance_and_a_verifying_chain() {
    let db = TestDb::new().await;
    let pool = readiness_console::db::connect(
        &crate::support::cluster().url(
            readiness_console::db::APP_ROLE,
            db.app.connect_options().get_database().unwrap(),
        ),
        32,
    )
    .await
    .unwrap();
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let pool = pool.clone();
            tokio::spawn(async move {
                write::owner_check(
                    &pool,
                    &author(MAREK),
                    "passage.role_headers",
                    0,
                    Uuid::new_v4(),
                    &accept(),
                )
                .await
            })
        })
        .collect();
    let mut applied = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(Written::Applied(_)) => applied += 1,
            Err(WriteError::Stale | WriteError::AlreadyAccepted) => {}
            other => panic!("unexpected outcome {other:?}"),
        }
    }
    assert_eq!(applied, 1);
    assert_eq!(standing(&db, "passage.role_headers").await, 1);
    // The seed's event and the one acceptance's.
    assert_eq!(count(&db, "select count(*) from audit_events").await, 2);
    assert!(matches!(
        crate::support::verify_chain(&db.app).await,
        Some(Verification::Intact { events: 2, .. })
    ));
}

#[tokio::test]
async fn verification_finds_a_row_edited_behind_the_apps_back() {
    let db = TestDb::new().await;
    for item in ["passage.role_headers", "passage.scenario_store_rehearsal"] {
        write::owner_check(&db.app, &author(MAREK), item, 0, Uuid::new_v4(), &accept())
            .await
            .unwrap();
    }
    // The owner disables the append-only trigger and rewrites the first event's action.
    db.as_owner_in_demo(
        "alter table audit_events disable trigger audit_events_append_only;
         update audit_events set action = 'revoke' where seq = 1;
         alter table audit_events enable trigger audit_events_append_only;",
    )
    .await;
    assert_eq!(
        crate::support::verify_chain(&db.app).await,
        Some(Verification::Broken {
            seq: 1,
            reason: audit::Fault::ColumnsDifferFromCanonical
        })
    );
}

#[tokio::test]
async fn verification_finds_deleted_newest_events() {
    let db = TestDb::new().await;
    for item in ["passage.role_headers", "passage.scenario_store_rehearsal"] {
        write::owner_check(&db.app, &author(MAREK), item, 0, Uuid::new_v4(), &accept())
            .await
            .unwrap();
    }
    // The newest is #3: the seed's event comes first.
    db.as_owner_in_demo(
        "alter table audit_events disable trigger audit_events_append_only;
         delete from audit_events where seq = 3;
         alter table audit_events enable trigger audit_events_append_only;",
    )
    .await;
    assert_eq!(
        crate::support::verify_chain(&db.app).await,
        Some(Verification::Broken {
            seq: 3,
            reason: audit::Fault::HeadMismatch
        })
    );
}

fn verify_audit(db: &TestDb) -> (bool, String, String) {
    let url = crate::support::cluster().url(
        readiness_console::db::APP_ROLE,
        db.app.connect_options().get_database().unwrap(),
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readiness-console"))
        .args([
            "--database-url",
            &url,
            "verify-audit",
            "--tenant",
            "bfg-control",
        ])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn verify_audit_names_the_first_broken_event() {
    let db = TestDb::new().await;
    write::owner_check(
        &db.app,
        &author(MAREK),
        "passage.role_headers",
        0,
        Uuid::new_v4(),
        &accept(),
    )
    .await
    .unwrap();
    let (ok, stdout, _) = verify_audit(&db);
    assert!(ok);
    assert!(
        stdout.starts_with("audit chain of bfg-control intact: 2 events, head "),
        "{stdout}"
    );
    db.as_owner_in_demo(
        "alter table audit_events disable trigger audit_events_append_only;
         update audit_events set target = 'passage.db_schema' where seq = 1;
         alter table audit_events enable trigger audit_events_append_only;",
    )
    .await;
    let (ok, _, stderr) = verify_audit(&db);
    assert!(!ok);
    assert!(
        stderr.contains("broken at event #1: columns_differ_from_canonical"),
        "{stderr}"
    );
}

/// Every role against every kind of write: the owner check of each owner, a decision, and the
/// sign-off. Allowed exactly where the issue says; everything else is Forbidden.
#[tokio::test]
async fn every_role_against_every_write() {
    use readiness_console::db::write::Signoff;
    use readiness_console::readiness::evidence::DecisionValue;
    let db = TestDb::new().await;
    let actors = [
        ("user_md_anna", true),
        ("user_dispatcher_marek", false),
        ("user_accountant_olena", false),
        ("driver_tarasenko", false),
        ("cp_client_lviv_farma", false),
        ("reviewer_audit", false),
    ];
    let checks = [
        ("passage.contracts_frozen", "user_md_anna"),
        ("passage.role_headers", "user_dispatcher_marek"),
        ("passage.db_schema", "user_accountant_olena"),
    ];
    let evidence = || Evidence::parse("Checked for the role matrix", "", "").unwrap();
    for (actor, managing_director) in actors {
        for (item, owner) in checks {
            let result = write::owner_check(
                &db.app,
                &author(actor),
                item,
                0,
                Uuid::new_v4(),
                &CheckCommand::Accept(evidence()),
            )
            .await;
            if actor == owner {
                assert!(
                    matches!(result, Ok(Written::Applied(_))),
                    "{actor} accepts {item}: {result:?}"
                );
                // Put it back for the next actor's turn.
                write::owner_check(
                    &db.app,
                    &author(actor),
                    item,
                    1,
                    Uuid::new_v4(),
                    &CheckCommand::Revoke(EvidenceNote::parse("Undo for the matrix").unwrap()),
                )
                .await
                .unwrap();
                db.as_owner_in_demo(&format!(
                    "update catalogue_items set version = 0 where key = '{item}'"
                ))
                .await;
            } else {
                assert!(
                    matches!(result, Err(WriteError::Forbidden)),
                    "{actor} on {item}: {result:?}"
                );
            }
        }
        let decide = CheckCommand::Decide(DecisionValue::parse("EU").unwrap(), evidence());
        let decided = write::owner_check(
            &db.app,
            &author(actor),
            "infrastructure.region",
            0,
            Uuid::new_v4(),
            &decide,
        )
        .await;
        let signed = write::signoff(
            &db.app,
            &author(actor),
            Uuid::new_v4(),
            &Signoff::NoGo(EvidenceNote::parse("Not yet, for the matrix").unwrap()),
        )
        .await;
        if managing_director {
            assert!(
                matches!(decided, Ok(Written::Applied(_))),
                "{actor} decides: {decided:?}"
            );
            assert!(
                matches!(signed, Ok(Ok(Written::Applied(_)))),
                "{actor} signs: {signed:?}"
            );
        } else {
            assert!(
                matches!(decided, Err(WriteError::Forbidden)),
                "{actor} decides: {decided:?}"
            );
            assert!(
                matches!(signed, Err(WriteError::Forbidden)),
                "{actor} signs: {signed:?}"
            );
        }
    }
    assert!(matches!(
        crate::support::verify_chain(&db.app).await,
        Some(Verification::Intact { .. })
    ));
}
