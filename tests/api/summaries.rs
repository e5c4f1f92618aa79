//! `tenant_summaries`: each write leaves its tenant's decision and gate count as the console
//! evaluates them, in the same transaction, and a tenant can write only its own row.

use readiness_console::readiness::evaluate;

use crate::support::{MAREK, TestDb, refusal};

const ROLE_HEADERS: &str = "passage.role_headers";

/// (decision, gates ready, gates total, percent, audit seq) as stored.
async fn stored(db: &TestDb) -> (String, i32, i32, i32, i64) {
    sqlx::query_as(
        "select decision, gates_ready, gates_total, percent, audit_seq from tenant_summaries
         join tenants on tenants.id = tenant_id where tenants.slug = 'bfg-control'",
    )
    .fetch_one(&db.app)
    .await
    .expect("the demo has a summary")
}

/// The same figures, evaluated now from what the console loads.
async fn evaluated(db: &TestDb) -> (String, i32, i32, i32, i64) {
    let console = readiness_console::db::load_console(&db.app, "bfg-control")
        .await
        .unwrap()
        .unwrap();
    let evaluation = evaluate(&console.catalogue, &console.state);
    let gates = evaluation.count("gates");
    let seq = console.state.audit_head.map_or(0, |head| head.seq);
    (
        evaluation.decision.as_str().to_owned(),
        i32::try_from(gates.ready).unwrap(),
        i32::try_from(gates.total).unwrap(),
        i32::try_from(evaluation.percent).unwrap(),
        seq,
    )
}

#[tokio::test]
async fn the_seed_and_every_write_leave_the_summary_the_console_evaluates() {
    let db = TestDb::new().await;
    let seeded = stored(&db).await;
    assert_eq!(seeded, evaluated(&db).await);
    assert_eq!(seeded.0, "BLOCKED_PENDING_DRY_RUN");
    assert_eq!(seeded.4, 1, "the seed's decision event");

    db.writer(MAREK)
        .accept(ROLE_HEADERS, 0, "Role headers verified in staging")
        .await
        .expect("Marek owns role headers");
    let accepted = stored(&db).await;
    assert_eq!(accepted, evaluated(&db).await);
    assert_eq!(accepted.4, 2, "the summary follows the write's event");
    assert!(accepted.3 > seeded.3, "the percentage moved: {accepted:?}");

    db.writer(MAREK)
        .revoke(ROLE_HEADERS, 1, "Headers changed again")
        .await
        .expect("Marek may revoke his acceptance");
    let revoked = stored(&db).await;
    assert_eq!(revoked, evaluated(&db).await);
    assert_eq!((revoked.3, revoked.4), (seeded.3, 3));
}

#[tokio::test]
async fn a_tenant_writes_only_its_own_summary() {
    let db = TestDb::new().await;
    let other = uuid::Uuid::new_v4();
    let error = refusal(
        &db.app,
        &format!(
            "insert into tenant_summaries
                 (tenant_id, slug, decision, gates_ready, gates_total, percent, audit_seq,
                  changed_at)
             values ('{other}', 'other', 'GO', 9, 9, 100, 0, now())"
        ),
    )
    .await;
    assert!(error.contains("row-level security"), "{error}");
    // Its own row, outside its transaction: found by nobody's update.
    let updated = sqlx::query("update tenant_summaries set percent = 100")
        .execute(&db.app)
        .await
        .expect("an update outside a tenant runs")
        .rows_affected();
    assert_eq!(updated, 0);
    assert_eq!(stored(&db).await, evaluated(&db).await);
}
