//! `seed-demo --tenants N`: demo tenants in varied states, each with its history on a chain
//! that verifies with every record accounted for, its summary as its console evaluates it,
//! and nothing added twice when it runs again.

use readiness_console::db::{self, seed_tenants};
use readiness_console::readiness::evaluate;

use crate::support::{TestApp, test_clock, test_key};

#[tokio::test]
async fn seeding_many_tenants_gives_varied_verifiable_tenants_once() {
    let app = TestApp::spawn().await;
    let db = &app.db;
    let seeded = seed_tenants::seed_tenants(&db.owner, test_key(), test_clock(), 60, |_| {})
        .await
        .expect("seed 60 tenants");
    assert_eq!(seeded.created, 60);
    assert_eq!(seeded.present, 0);

    // Every tenant is on its way somewhere, and several of them are in each state.
    let statuses: Vec<(String, i64)> = sqlx::query_as(
        "select status, count(*) from tenants where slug like 'demo-%' group by 1 order by 1",
    )
    .fetch_all(&db.owner)
    .await
    .unwrap();
    assert_eq!(
        statuses,
        [("active".to_owned(), 54), ("suspended".to_owned(), 6)]
    );
    let decisions: Vec<(String, i64)> = sqlx::query_as(
        "select decision, count(*) from tenant_summaries where slug like 'demo-%'
         group by 1 order by 1",
    )
    .fetch_all(&db.owner)
    .await
    .unwrap();
    assert!(decisions.len() >= 3, "{decisions:?}");
    assert!(decisions.contains(&("GO".to_owned(), 1)), "{decisions:?}");

    for slug in ["demo-00001", "demo-00003", "demo-00012", "demo-00050"] {
        // The chain holds about a hundred signed events, and every record has its event.
        let verdict =
            db::audit::verify_with_records(&db.owner, slug, Some(&test_key().public_hex()), &[])
                .await
                .unwrap()
                .expect("the tenant exists");
        assert!(verdict.ok(), "{slug}: {verdict:?}");
        let db::audit::Verification::Intact { events, .. } = verdict.chain else {
            unreachable!()
        };
        assert!((95..=105).contains(&events), "{slug}: {events} events");
        // The summary says what its console evaluates.
        let console = db::load_console(&db.owner, slug).await.unwrap().unwrap();
        let evaluation = evaluate(&console.catalogue, &console.state);
        let (decision, seq): (String, i64) =
            sqlx::query_as("select decision, audit_seq from tenant_summaries where slug = $1")
                .bind(slug)
                .fetch_one(&db.owner)
                .await
                .unwrap();
        assert_eq!(decision, evaluation.decision.as_str(), "{slug}");
        assert_eq!(seq, events, "{slug}");
    }

    // Each seeded tenant's console serves its own name; a suspended one says so.
    let page = app.get("/t/demo-00001?lang=en", &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Demo Logistics 00001"), "{}", page.body);
    let page = app.get("/t/demo-00003?lang=en", &[]).await;
    assert_eq!(page.status, 423);

    // Again: nothing new.
    let count = |sql: &'static str| {
        let owner = db.owner.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&owner)
                .await
                .unwrap()
        }
    };
    let tenants = count("select count(*) from tenants").await;
    let events = count("select count(*) from tenant_events").await;
    let again = seed_tenants::seed_tenants(&db.owner, test_key(), test_clock(), 60, |_| {})
        .await
        .expect("seed again");
    assert_eq!((again.created, again.present), (0, 60));
    assert_eq!(count("select count(*) from tenants").await, tenants);
    assert_eq!(count("select count(*) from tenant_events").await, events);
}
