//! Accepting and revoking owner checks at the data layer: authorisation, optimistic
//! concurrency, idempotency, the audit chain, and 200 writers at once.

use readiness_console::db::audit::{self, Verification};
use readiness_console::db::write::{WriteError, Written};
use uuid::Uuid;

use crate::support::{ANNA, MAREK, TestDb, Writer, assert_fails_saying, cli, verify_chain};

const ROLE_HEADERS: &str = "passage.role_headers";
const EVIDENCE: &str = "Role headers verified in staging";

async fn standing(db: &TestDb, item: &str) -> i64 {
    db.count_in_demo(&format!(
        "acceptances where item_key = '{item}' and revoked_at is null"
    ))
    .await
}

#[tokio::test]
async fn the_owner_accepts_with_evidence_and_the_chain_records_it() {
    let db = TestDb::new().await;
    let written = db
        .writer(MAREK)
        .accept(ROLE_HEADERS, 0, EVIDENCE)
        .await
        .expect("Marek owns role headers");
    // Event #1 is the demo seed's decision.
    assert_eq!(written, Written::Applied(2));
    assert_eq!(standing(&db, ROLE_HEADERS).await, 1);
    let state = readiness_console::db::load_console(&db.app, "bfg-control")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.state.item_versions[ROLE_HEADERS], 1);
    assert_eq!(state.state.audit_head.map(|h| h.seq), Some(2));
    assert!(matches!(
        verify_chain(&db.app).await,
        Some(Verification::Intact { events: 2, .. })
    ));
}

#[tokio::test]
async fn only_the_owner_may_accept_and_read_only_roles_never_write() {
    let db = TestDb::new().await;
    // Everyone but the owner, on his check; then the managing director on what is no owner
    // check (decisions, probes and derived items); then the owner on an item that is not.
    let attempts = [
        ("user_accountant_olena", ROLE_HEADERS),
        (ANNA, ROLE_HEADERS),
        ("driver_tarasenko", ROLE_HEADERS),
        ("cp_client_lviv_farma", ROLE_HEADERS),
        ("reviewer_audit", ROLE_HEADERS),
        ("nobody", ROLE_HEADERS),
        (ANNA, "decision_board.adapter_selection"),
        (ANNA, "connection.write_probe"),
        (ANNA, "gates.preflight"),
    ];
    for (actor, item) in attempts {
        let refused = db.writer(actor).accept(item, 0, EVIDENCE).await;
        assert!(
            matches!(refused, Err(WriteError::Forbidden)),
            "{actor} on {item}: {refused:?}"
        );
    }
    let missing = db
        .writer(MAREK)
        .accept("passage.nothing", 0, EVIDENCE)
        .await;
    assert!(matches!(missing, Err(WriteError::NotFound)));
    assert_eq!(db.count_in_demo("audit_events").await, 1, "only the seed's");
    assert_eq!(db.count_in_demo("acceptances").await, 1, "only the seed's");
}

#[tokio::test]
async fn a_stale_form_is_refused_and_saves_nothing() {
    let db = TestDb::new().await;
    let marek = db.writer(MAREK);
    marek.accept(ROLE_HEADERS, 0, EVIDENCE).await.unwrap();
    let stale = marek
        .revoke(ROLE_HEADERS, 0, "Headers changed upstream")
        .await;
    assert!(matches!(stale, Err(WriteError::Stale)));
    assert_eq!(standing(&db, ROLE_HEADERS).await, 1);
    // The seed's and the acceptance's.
    assert_eq!(db.count_in_demo("audit_events").await, 2);
}

#[tokio::test]
async fn a_replayed_form_has_one_effect() {
    let db = TestDb::new().await;
    let marek = db.writer(MAREK).with_key(Uuid::new_v4());
    let first = marek.accept(ROLE_HEADERS, 0, EVIDENCE).await.unwrap();
    let again = marek.accept(ROLE_HEADERS, 0, EVIDENCE).await.unwrap();
    // Event #1 is the demo seed's decision.
    assert_eq!(first, Written::Applied(2));
    assert_eq!(again, Written::Replayed(2));
    assert_eq!(standing(&db, ROLE_HEADERS).await, 1);
    assert_eq!(db.count_in_demo("audit_events").await, 2);
}

#[tokio::test]
async fn revoking_needs_a_standing_acceptance_and_keeps_the_history() {
    let db = TestDb::new().await;
    let marek = db.writer(MAREK);
    let reason = "Headers changed upstream";
    let nothing = marek.revoke(ROLE_HEADERS, 0, reason).await;
    assert!(matches!(nothing, Err(WriteError::NotAccepted)));
    marek.accept(ROLE_HEADERS, 0, EVIDENCE).await.unwrap();
    let revoked = marek.revoke(ROLE_HEADERS, 1, reason).await.unwrap();
    // After the seed's event and the acceptance's.
    assert_eq!(revoked, Written::Applied(3));
    assert_eq!(standing(&db, ROLE_HEADERS).await, 0);
    assert_eq!(
        db.count_in_demo(
            "acceptances where item_key = 'passage.role_headers' \
             and revoke_reason = 'Headers changed upstream'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn two_hundred_concurrent_accepts_make_one_acceptance_and_a_verifying_chain() {
    let db = TestDb::new().await;
    let pool = readiness_console::db::connect(&db.app_url(), 32)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let pool = pool.clone();
            tokio::spawn(async move {
                Writer::new(&pool, MAREK)
                    .accept(ROLE_HEADERS, 0, EVIDENCE)
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
    assert_eq!(standing(&db, ROLE_HEADERS).await, 1);
    // The seed's event and the one acceptance's.
    assert_eq!(db.count_in_demo("audit_events").await, 2);
    assert!(matches!(
        verify_chain(&db.app).await,
        Some(Verification::Intact { events: 2, .. })
    ));
}

/// Two of Marek's checks accepted (events #2 and #3, after the seed's), then `sql` run as the
/// owner with the append-only trigger off: where verification finds the chain broken.
async fn broken_after(sql: &str) -> Option<Verification> {
    let db = TestDb::new().await;
    for item in [ROLE_HEADERS, "passage.scenario_store_rehearsal"] {
        db.writer(MAREK).accept(item, 0, EVIDENCE).await.unwrap();
    }
    db.as_owner_in_demo(&format!(
        "alter table audit_events disable trigger audit_events_append_only;
         {sql};
         alter table audit_events enable trigger audit_events_append_only;"
    ))
    .await;
    verify_chain(&db.app).await
}

#[tokio::test]
async fn verification_finds_a_row_edited_behind_the_apps_back() {
    // The owner rewrites the first event's action.
    assert_eq!(
        broken_after("update audit_events set action = 'revoke' where seq = 1").await,
        Some(Verification::Broken {
            seq: 1,
            reason: audit::Fault::ColumnsDifferFromCanonical
        })
    );
}

#[tokio::test]
async fn verification_finds_deleted_newest_events() {
    // The newest is #3: the seed's event comes first.
    assert_eq!(
        broken_after("delete from audit_events where seq = 3").await,
        Some(Verification::Broken {
            seq: 3,
            reason: audit::Fault::HeadMismatch
        })
    );
}

#[tokio::test]
async fn verify_audit_names_the_first_broken_event() {
    let db = TestDb::new().await;
    db.writer(MAREK)
        .accept(ROLE_HEADERS, 0, EVIDENCE)
        .await
        .unwrap();
    let verify = ["verify-audit", "--tenant", "bfg-control"];
    let (ok, stdout, _) = cli(&db, &verify);
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
    assert_fails_saying(
        &cli(&db, &verify),
        "broken at event #1: columns_differ_from_canonical",
    );
}

/// Every role against every kind of write: the owner check of each owner, a decision, and the
/// sign-off. Allowed exactly where the issue says; everything else is Forbidden.
#[tokio::test]
async fn every_role_against_every_write() {
    let db = TestDb::new().await;
    let actors = [
        (ANNA, true),
        (MAREK, false),
        ("user_accountant_olena", false),
        ("driver_tarasenko", false),
        ("cp_client_lviv_farma", false),
        ("reviewer_audit", false),
    ];
    let checks = [
        ("passage.contracts_frozen", ANNA),
        (ROLE_HEADERS, MAREK),
        ("passage.db_schema", "user_accountant_olena"),
    ];
    let evidence = "Checked for the role matrix";
    for (actor, managing_director) in actors {
        let writer = db.writer(actor);
        for (item, owner) in checks {
            let result = writer.accept(item, 0, evidence).await;
            if actor == owner {
                assert!(
                    matches!(result, Ok(Written::Applied(_))),
                    "{actor} accepts {item}: {result:?}"
                );
                // Put it back for the next actor's turn.
                writer.revoke(item, 1, "Undo for the matrix").await.unwrap();
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
        let decided = writer
            .decide("infrastructure.region", 0, "EU", evidence)
            .await;
        let signed = writer.sign_off_no_go("Not yet, for the matrix").await;
        if managing_director {
            assert!(
                matches!(decided, Ok(Written::Applied(_))),
                "{actor} decides: {decided:?}"
            );
            assert!(
                matches!(signed, Ok(Written::Applied(_))),
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
        verify_chain(&db.app).await,
        Some(Verification::Intact { .. })
    ));
}
