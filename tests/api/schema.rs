//! Row-level security and the roles: the app role sees one tenant at a time, writes nothing it
//! was not granted, and cannot bypass the policies; the audit trail is append-only.

use readiness_console::db;

use crate::support::{TestDb, refusal};

async fn add_second_tenant(db: &TestDb) {
    let mut tx = db.owner.begin().await.expect("begin");
    let id: uuid::Uuid = sqlx::query_scalar(
        "insert into tenants (slug, name, scenario_contract, storage_adapter, auth_mode,
                              tenant_mode, adapter_target, environment)
         values ('acme', 'Acme', 'ScenarioStore.v1', 'file-local', 'mock-auth-header',
                 'single-tenant-local', 'db-auth-session-adapter', 'local-demo')
         returning id",
    )
    .fetch_one(&mut *tx)
    .await
    .expect("tenant");
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .expect("enter");
    sqlx::query(
        "insert into actors (tenant_id, actor_id, name, unit, role, permissions, position)
         values ($1, 'acme_md', 'Acme MD', 'direction', 'managing_director', '{x}', 0)",
    )
    .bind(id)
    .execute(&mut *tx)
    .await
    .expect("actor");
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn each_tenant_sees_only_its_own_rows() {
    let db = TestDb::new().await;
    add_second_tenant(&db).await;
    let demo = db::load_console(&db.app, "bfg-control")
        .await
        .expect("load")
        .expect("demo");
    let acme = db::load_console(&db.app, "acme")
        .await
        .expect("load")
        .expect("acme");
    assert_eq!(demo.state.actors.len(), 6);
    assert_eq!(acme.state.actors.len(), 1);
    assert_eq!(acme.state.actors[0].id, "acme_md");
    assert!(acme.catalogue.sections.is_empty());
    assert!(
        db::load_console(&db.app, "nobody")
            .await
            .expect("load")
            .is_none()
    );
}

#[tokio::test]
async fn without_a_tenant_context_the_app_role_sees_nothing() {
    let db = TestDb::new().await;
    let actors: i64 = sqlx::query_scalar("select count(*) from actors")
        .fetch_one(&db.app)
        .await
        .expect("count");
    assert_eq!(actors, 0);
    // The owner, too, is filtered: the tables force row-level security.
    let owner_sees: i64 = sqlx::query_scalar("select count(*) from catalogue_items")
        .fetch_one(&db.owner)
        .await
        .expect("count");
    assert_eq!(owner_sees, 0);
}

#[tokio::test]
async fn the_tenant_context_does_not_outlive_the_loading_statement() {
    let db = TestDb::new().await;
    let mut conn = db.app.acquire().await.expect("connection");
    let _: Option<serde_json::Value> = sqlx::query_scalar("select console_state('bfg-control')")
        .fetch_one(&mut *conn)
        .await
        .expect("load");
    let after: Option<String> = sqlx::query_scalar("select current_setting('app.tenant_id', true)")
        .fetch_one(&mut *conn)
        .await
        .expect("setting");
    assert_eq!(after.unwrap_or_default(), "");
    let actors: i64 = sqlx::query_scalar("select count(*) from actors")
        .fetch_one(&mut *conn)
        .await
        .expect("count");
    assert_eq!(actors, 0);
}

#[tokio::test]
async fn the_app_role_cannot_write_what_it_was_not_granted() {
    let db = TestDb::new().await;
    for statement in [
        // Evidence, once given, is never rewritten; acceptances are revoked, never deleted.
        "update acceptances set evidence_note = 'rewritten'",
        "delete from acceptances",
        // People are invited, renamed, given roles and disabled, never deleted or renumbered;
        // an account's username and identity stay; the catalogue belongs to the owner (the app
        // moves versions and owners only).
        "update actors set actor_id = 'x', position = 9",
        "delete from actors",
        "update accounts set username = 'forged'",
        "delete from accounts",
        "update catalogue_items set kind = 'derived'",
        "delete from audit_events",
    ] {
        let error = refusal(&db.app, statement).await;
        assert!(error.contains("permission denied"), "{statement}: {error}");
    }
}

#[tokio::test]
async fn only_a_role_that_cannot_bypass_rls_may_serve() {
    let db = TestDb::new().await;
    db::ensure_app_role_is_safe(&db.app)
        .await
        .expect("the app role is safe");
    let refused = db::ensure_app_role_is_safe(&db.owner)
        .await
        .expect_err("owner refused");
    assert!(refused.to_string().contains("owns tables"), "{refused}");
    let superuser = db::connect(
        &crate::support::cluster().url(db::embedded::SUPERUSER, "postgres"),
        1,
    )
    .await
    .expect("superuser");
    let refused = db::ensure_app_role_is_safe(&superuser)
        .await
        .expect_err("superuser refused");
    assert!(refused.to_string().contains("superuser"), "{refused}");
}

#[tokio::test]
async fn audit_events_are_append_only_even_for_the_owner() {
    let db = TestDb::new().await;
    // The demo seed's event is there to try to change; one more, inserted straight.
    db.as_owner_in_demo(
        "insert into audit_events (tenant_id, seq, action, target, canonical, prev_hash, hash)
         values (current_setting('app.tenant_id')::uuid, 2, 'test', 'x', '{}', '', 'h');",
    )
    .await;
    for statement in [
        "update audit_events set action = 'forged'",
        "delete from audit_events",
        "truncate audit_events",
    ] {
        let error = refusal(&db.owner, statement).await;
        assert!(error.contains("append-only"), "{statement}: {error}");
    }
}
