//! Isolation between tenants, proven with three of them: Alpha and Gamma made as an operator
//! makes them (each with a managing director who accepted the invitation), and the demo as
//! the busy neighbour holding a row in every tenant table. Signed in to Alpha, nothing of the
//! others can be read or changed — table by table as the app role, and route by route over
//! HTTP. The tables come from the catalogue and the routes from `TENANT_ROUTES`, so a new
//! table or route is covered without editing this file.

use readiness_console::db::{self, signature::Consent, tenants};
use readiness_console::readiness::lifecycle::NewSlug;
use readiness_console::readiness::packets::PacketKey;
use readiness_console::web::TENANT_ROUTES;
use sqlx::PgPool;
use uuid::Uuid;

use crate::support::{ANNA, Client, MAREK, TestApp, freeze_demo_snapshot, test_clock, test_key};

const A: &str = "alpha";
const B: &str = "bfg-control";
const C: &str = "gamma";
const MD_USER: &str = "md.alpha";
const MD_PASSWORD: &str = "alpha-managing-director";

/// Creates a tenant as the operator does and lets its managing director accept the
/// invitation with a password: the tenant's id.
pub(crate) async fn tenant_with_md(
    app: &TestApp,
    slug: &str,
    username: &str,
    password: &str,
) -> Uuid {
    let by = tenants::Operator {
        name: "olga.ops",
        request_id: "isolation-test",
        key: test_key(),
        clock: test_clock(),
    };
    let new = tenants::NewTenant {
        slug: NewSlug::parse(slug).unwrap(),
        name: &format!("{slug} Logistics"),
        programme: readiness_console::readiness::programme::demo(),
        md_name: &format!("{slug} Director"),
        md_email: &format!("md@{slug}.example"),
    };
    let created = tenants::create(&app.db.owner, &new, &by).await.unwrap();
    let hash = readiness_console::password::hash(password).unwrap();
    tenants::accept_invitation(
        &app.db.app,
        slug,
        &created.invitation,
        username,
        &hash,
        &tenants::Stamp {
            key: test_key(),
            clock: test_clock(),
            request_id: "isolation-test",
        },
    )
    .await
    .unwrap();
    created.tenant
}

/// Gives the demo a row in every tenant table it can have one in: a write with its
/// idempotency key, probes and a GO with its checkpoint, an import frozen, a withdrawal, a
/// rehearsal target and run.
async fn fill_the_demo(app: &TestApp) {
    let db = &app.db;
    // A webhook endpoint first, so that the writes below store deliveries to it (no worker
    // runs here: they stay pending).
    let url =
        readiness_console::readiness::outbox::parse_url("https://hooks.example.com/in").unwrap();
    let hook = db::webhooks::NewEndpoint {
        id: uuid::Uuid::new_v4(),
        url: &url,
        events: &readiness_console::readiness::outbox::EventType::ALL,
        secret_hint: "0123456789ab",
    };
    let stamp = tenants::Stamp {
        key: test_key(),
        clock: test_clock(),
        request_id: "isolation-test",
    };
    db::webhooks::add(
        &db.app,
        B,
        &hook,
        db::api_keys::KeyAuthor::Person(ANNA),
        &stamp,
    )
    .await
    .expect("Anna adds a webhook endpoint");
    db.make_all_green().await;
    freeze_demo_snapshot(db).await;
    db.writer(ANNA).sign_off_go().await.expect("GO");
    db.writer(MAREK)
        .check_with(
            "passage.role_headers",
            0,
            &db::write::CheckCommand::Revoke(
                readiness_console::readiness::evidence::EvidenceNote::parse(
                    "Headers changed in staging",
                )
                .unwrap(),
            ),
            Consent::Given,
        )
        .await
        .expect("Marek revokes and withdraws the GO");
    db.as_owner_in_demo(
        "insert into rehearsal_targets (tenant_id, reference, actor_id)
         values (current_setting('app.tenant_id')::uuid, 'env:BFG_TARGET', 'user_dispatcher_marek');
         insert into rehearsal_runs (tenant_id, kind, state, actor_id)
         values (current_setting('app.tenant_id')::uuid, 'connection', 'passed',
                 'user_dispatcher_marek');
         insert into role_owners (tenant_id, role, actor_id)
         values (current_setting('app.tenant_id')::uuid, 'dispatcher', 'user_dispatcher_marek');
         insert into tenant_sso (tenant_id, issuer, client_id, client_secret_ref)
         values (current_setting('app.tenant_id')::uuid, 'https://id.bfg.example', 'console',
                 'env:BFG_OIDC_SECRET');
         insert into sign_ins (id, tenant_id, actor_id, method, started_at)
         values (md5('isolation'), current_setting('app.tenant_id')::uuid,
                 'user_dispatcher_marek', 'password', now())
         on conflict do nothing;
         insert into mail_queue (tenant_id, kind, actor_id, to_address, to_name, lang, content,
                                 next_attempt_at, created_at)
         values (current_setting('app.tenant_id')::uuid, 'waiting', 'user_dispatcher_marek',
                 'marek@example.com', 'Marek', 'en', '{\"item\": \"passage.role_headers\"}',
                 now(), now());",
    )
    .await;
    // A role's default owner, named on the People page.
    db::people::set_role_owner(
        &db.app,
        &crate::support::author(ANNA),
        uuid::Uuid::new_v4(),
        readiness_console::readiness::state::Role::Dispatcher,
        MAREK,
    )
    .await
    .expect("Anna names Marek the dispatchers' default owner");
    // An API key, with its service account.
    let new = db::api_keys::NewKey {
        name: readiness_console::readiness::api_key::KeyName::parse("deploy-pipeline").unwrap(),
        scope: readiness_console::readiness::api_key::Scope::Read,
        expires_at: None,
    };
    let stamp = tenants::Stamp {
        key: test_key(),
        clock: test_clock(),
        request_id: "isolation-test",
    };
    db::api_keys::create(&db.app, B, &new, ANNA, &stamp)
        .await
        .expect("Anna creates an API key");
}

/// Every table of the schema with a `tenant_id` column and row-level security, and whether
/// its select policy is the tenant's (a platform table such as `tenant_summaries` is
/// readable by every tenant by design, its writes still the tenant's own). A policy for the
/// owner alone (the checkpoint signer's read of every head) is not the app's.
async fn tenant_tables(owner: &PgPool) -> Vec<(String, bool)> {
    sqlx::query_as(
        "select c.relname::text,
                exists (select from pg_policies p
                        where p.schemaname = 'public' and p.tablename = c.relname
                          and p.cmd in ('SELECT', 'ALL')
                          and p.qual like '%app.tenant_id%')
                and not exists (select from pg_policies p
                        where p.schemaname = 'public' and p.tablename = c.relname
                          and p.cmd in ('SELECT', 'ALL') and p.qual = 'true'
                          and p.roles && array['public', 'readiness_app']::name[])
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity
           and exists (select from pg_attribute a where a.attrelid = c.oid
                       and a.attname = 'tenant_id' and not a.attisdropped)
         order by 1",
    )
    .fetch_all(owner)
    .await
    .unwrap()
}

/// The columns a copied row can be inserted with (not generated).
async fn insertable_columns(owner: &PgPool, table: &str) -> Vec<String> {
    sqlx::query_scalar(
        "select attname::text from pg_attribute
         where attrelid = $1::regclass and attnum > 0 and not attisdropped
           and attidentity <> 'a' and attgenerated = ''
         order by attnum",
    )
    .bind(table)
    .fetch_all(owner)
    .await
    .unwrap()
}

/// A column of `table` the app role may update, if any; otherwise its first other column
/// (an update of which it must be refused anyway).
async fn updatable_column(owner: &PgPool, table: &str) -> String {
    sqlx::query_scalar(
        "select attname::text from pg_attribute
         where attrelid = $1::regclass and attnum > 0 and not attisdropped
           and attname <> 'tenant_id' and attidentity = '' and attgenerated = ''
         order by has_column_privilege('readiness_app', attrelid, attnum, 'UPDATE') desc,
                  attnum
         limit 1",
    )
    .bind(table)
    .fetch_one(owner)
    .await
    .unwrap()
}

/// What the owner sees of `tenant`'s rows of `table`: their count and a digest of them all.
async fn rows_of(owner: &PgPool, tenant: Uuid, table: &str) -> (i64, String) {
    let mut tx = owner.begin().await.unwrap();
    enter(&mut tx, tenant).await;
    let found = sqlx::query_as(&format!(
        "select count(*), coalesce(md5(string_agg(t::text, '|' order by t::text)), '')
         from {table} t where tenant_id = $1"
    ))
    .bind(tenant)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    tx.rollback().await.unwrap();
    found
}

/// One of `tenant`'s rows of `table` as JSON, if it has one.
async fn a_row_of(owner: &PgPool, tenant: Uuid, table: &str) -> Option<serde_json::Value> {
    let mut tx = owner.begin().await.unwrap();
    enter(&mut tx, tenant).await;
    let row = sqlx::query_scalar(&format!(
        "select to_jsonb(t) from {table} t where tenant_id = $1 limit 1"
    ))
    .bind(tenant)
    .fetch_optional(&mut *tx)
    .await
    .unwrap();
    tx.rollback().await.unwrap();
    row
}

async fn enter(tx: &mut sqlx::PgConnection, tenant: Uuid) {
    sqlx::query("select set_config('app.tenant_id', $1::text, true)")
        .bind(tenant)
        .execute(&mut *tx)
        .await
        .unwrap();
}

/// Runs `sql` (binding `others`, then `row` when given) as the app role inside `tenant`:
/// the rows it affected or returned as a count, or the SQLSTATE it was refused with.
async fn as_app_in(
    app: &PgPool,
    tenant: Uuid,
    sql: &str,
    others: &[Uuid],
    row: Option<&serde_json::Value>,
) -> Result<i64, String> {
    let mut tx = app.begin().await.unwrap();
    enter(&mut tx, tenant).await;
    let mut query = sqlx::query_scalar::<_, i64>(sql).bind(others);
    if let Some(row) = row {
        query = query.bind(row);
    }
    let result = query.fetch_one(&mut *tx).await;
    tx.rollback().await.unwrap();
    result.map_err(|e| match e {
        sqlx::Error::Database(e) => e.code().unwrap_or_default().into_owned(),
        other => panic!("{sql}: {other}"),
    })
}

/// Counts and digests of every tenant table's rows of each of `tenants`.
async fn snapshot(
    owner: &PgPool,
    tables: &[(String, bool)],
    tenants: &[Uuid],
) -> Vec<(i64, String)> {
    let mut all = Vec::new();
    for tenant in tenants {
        for (table, _) in tables {
            all.push(rows_of(owner, *tenant, table).await);
        }
    }
    all
}

/// Refused by a privilege or a policy (SQLSTATE 42501), or it touched nothing.
fn touched_nothing(result: &Result<i64, String>) -> bool {
    matches!(result, Ok(0)) || matches!(result, Err(code) if code == "42501")
}

#[tokio::test]
async fn a_tenant_reads_and_changes_nothing_of_another_tenant_in_any_table() {
    let app = TestApp::spawn().await;
    let a = tenant_with_md(&app, A, MD_USER, MD_PASSWORD).await;
    let c = tenant_with_md(&app, C, "md.gamma", "gamma-managing-director").await;
    fill_the_demo(&app).await;
    let b: Uuid = sqlx::query_scalar("select id from tenants where slug = $1")
        .bind(B)
        .fetch_one(&app.db.owner)
        .await
        .unwrap();
    let (owner, pool) = (&app.db.owner, &app.db.app);
    let others = [b, c];
    let tables = tenant_tables(owner).await;
    let before = snapshot(owner, &tables, &others).await;

    let mut checks = 0;
    let mut readable = Vec::new();
    for (table, tenant_scoped) in &tables {
        // Something of the others' to see and to aim at, in every table.
        let target = match a_row_of(owner, b, table).await {
            Some(row) => Some(row),
            None => a_row_of(owner, c, table).await,
        };
        let row = target.unwrap_or_else(|| panic!("B or C has a row of {table}"));
        let (own, _) = rows_of(owner, a, table).await;

        // Select: Alpha's rows only (a platform table shows every tenant's, by design).
        let seen = as_app_in(
            pool,
            a,
            &format!("select count(*) from {table} where tenant_id = any($1)"),
            &others,
            None,
        )
        .await;
        if *tenant_scoped {
            assert!(touched_nothing(&seen), "{table}: select saw {seen:?}");
            let all = as_app_in(
                pool,
                a,
                &format!("select count(*) from {table} where $1::uuid[] is not null"),
                &[],
                None,
            )
            .await;
            assert!(
                all == Ok(own) || all == Err("42501".to_owned()),
                "{table}: select saw {all:?}, Alpha has {own}"
            );
        } else {
            readable.push(table.clone());
            assert!(
                seen.as_ref().is_ok_and(|n| *n > 0),
                "{table} is readable: {seen:?}"
            );
        }
        checks += 1;

        // Insert a copy of the other tenant's row, its tenant id and all.
        let columns = insertable_columns(owner, table).await.join(", ");
        let inserted = as_app_in(
            pool,
            a,
            &format!(
                "with x as (insert into {table} ({columns})
                            select {columns} from jsonb_populate_record(null::{table}, $2)
                            where $1::uuid[] is not null
                            returning 1)
                 select count(*) from x"
            ),
            &others,
            Some(&row),
        )
        .await;
        assert!(touched_nothing(&inserted), "{table}: insert {inserted:?}");
        checks += 1;

        let column = updatable_column(owner, table).await;
        let updated = as_app_in(
            pool,
            a,
            &format!(
                "with x as (update {table} set {column} = {column}
                            where tenant_id = any($1) returning 1)
                 select count(*) from x"
            ),
            &others,
            None,
        )
        .await;
        assert!(touched_nothing(&updated), "{table}: update {updated:?}");
        checks += 1;

        let deleted = as_app_in(
            pool,
            a,
            &format!(
                "with x as (delete from {table} where tenant_id = any($1) returning 1)
                 select count(*) from x"
            ),
            &others,
            None,
        )
        .await;
        assert!(touched_nothing(&deleted), "{table}: delete {deleted:?}");
        checks += 1;
    }
    assert_eq!(snapshot(owner, &tables, &others).await, before);
    eprintln!(
        "isolation: {} tenant tables × 4 operations (select, insert, update, delete) = {checks} \
         checks; readable by every tenant by design: {readable:?}",
        tables.len()
    );
    assert_eq!(checks, tables.len() * 4);
    assert_eq!(readable, ["tenant_summaries"]);
    assert!(tables.len() >= 20, "{tables:?}");
}

/// A path of `route` on `slug`, its parameters filled with values the demo has.
fn path_of(route: &str, slug: &str) -> String {
    route
        .replace("{tenant}", slug)
        .replace("{section}", "passage")
        .replace("{key}", "passage.role_headers")
        .replace("{item}", "passage.role_headers")
        .replace("{action}", "accept")
        .replace("{name}", PacketKey::ALL[0].as_str())
        .replace("{kind}", "connection")
        .replace("{token}", &format!("rc_inv_{}", "A".repeat(43)))
}

/// What a write would leave in the demo: its chain's length, its acceptances, and every row
/// of every tenant table.
async fn demo_state(
    app: &TestApp,
    tables: &[(String, bool)],
    b: Uuid,
) -> (i64, i64, Vec<(i64, String)>) {
    (
        app.db.count_in_demo("audit_events").await,
        app.db.count_in_demo("acceptances").await,
        snapshot(&app.db.owner, tables, &[b]).await,
    )
}

#[tokio::test]
async fn signed_in_to_one_tenant_no_route_of_another_serves_or_changes_anything() {
    let app = TestApp::spawn().await;
    tenant_with_md(&app, A, MD_USER, MD_PASSWORD).await;
    tenant_with_md(&app, C, "md.gamma", "gamma-managing-director").await;
    let b: Uuid = sqlx::query_scalar("select id from tenants where slug = $1")
        .bind(B)
        .fetch_one(&app.db.owner)
        .await
        .unwrap();
    let tables = tenant_tables(&app.db.owner).await;

    // Alpha's managing director, signed in to Alpha, with Alpha's form for an owner check.
    let mut md = Client::new(&app.router);
    let page = md.get(&format!("/t/{A}/sign-in?lang=en")).await;
    let form = page
        .form("name=\"csrf\"")
        .set("username", MD_USER)
        .set("password", MD_PASSWORD);
    let done = md.submit(&form, &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let console = md.get(&format!("/t/{A}?lang=en")).await;
    assert_eq!(console.status, 200);
    assert!(
        console.body.contains("alpha Director"),
        "signed in to Alpha"
    );
    let alpha_form = console.item_form("passage.role_headers");
    let csrf = alpha_form.field("csrf").to_owned();

    // Anyone may download the demo's bundle, which signs a checkpoint of its head the first
    // time: done once before, so that what follows has nothing to sign.
    let mut anonymous = Client::new(&app.router);
    assert_eq!(anonymous.get(&format!("/t/{B}/bundle")).await.status, 200);
    let before = demo_state(&app, &tables, b).await;
    let (mut gets, mut posts) = (0, 0);
    let sign_in = format!("/t/{B}/sign-in");
    for route in TENANT_ROUTES {
        let path = path_of(route.path, B);
        if route.get {
            // Alpha's session on the demo is nobody there: what anyone gets, without Alpha.
            // (`kind` is what the run's fragment asks for; the other pages ignore it.)
            let url = format!("{path}?lang=en&kind=connection");
            let page = md.get(&url).await;
            let nobody = anonymous.get(&url).await;
            assert_eq!(page.status, nobody.status, "GET {path}");
            assert!(
                [200, 204, 303, 401, 403, 404].contains(&page.status.as_u16()),
                "GET {path}: {}",
                page.status
            );
            if page.status == 303 {
                assert!(page.header("location").starts_with(&sign_in), "GET {path}");
            }
            assert!(
                !page.body.contains("alpha Director"),
                "GET {path} shows Alpha's MD"
            );
            gets += 1;
        }
        if route.post {
            let key = Uuid::new_v4().to_string();
            let fields = [
                ("csrf", csrf.as_str()),
                ("version", "0"),
                ("idempotency_key", key.as_str()),
                ("note", "Verified by a neighbour"),
                ("reason", "A neighbour says no"),
                ("value", "db-auth-session-adapter"),
                ("decision", "GO"),
                ("username", MD_USER),
                ("password", MD_PASSWORD),
                ("password_again", MD_PASSWORD),
                ("reference", "env:NEIGHBOUR_TARGET"),
                ("import_id", "1"),
                ("confirm_withdraw", "yes"),
            ];
            let url = format!("{path}?lang=en");
            let page = if path.ends_with("/snapshot/import") {
                let payload = include_bytes!("../../demo/bfg-control-scenario.jsonl");
                md.post_multipart(&url, &fields[..3], ("file", "scenario.jsonl", payload), &[])
                    .await
            } else {
                md.post(&url, &fields, &[]).await
            };
            let refused = [401, 403, 404, 422].contains(&page.status.as_u16())
                || (page.status == 303 && page.header("location").starts_with(&sign_in));
            assert!(
                refused,
                "POST {path}: {} {}",
                page.status,
                page.header("location")
            );
            posts += 1;
        }
    }
    // Alpha's own form for its owner check, sent to the demo's URL of the same check.
    let aimed = alpha_form.posting_to(&format!("/t/{B}/items/passage.role_headers/accept?lang=en"));
    let page = md.submit(&aimed.set("note", "Alpha's evidence"), &[]).await;
    assert!(
        [403, 404].contains(&page.status.as_u16())
            || (page.status == 303 && page.header("location").starts_with(&sign_in)),
        "Alpha's form on the demo: {}",
        page.status
    );
    assert_eq!(
        demo_state(&app, &tables, b).await,
        before,
        "the demo changed"
    );
    // And Alpha is still signed in to Alpha only.
    assert!(
        md.get(&format!("/t/{A}?lang=en"))
            .await
            .body
            .contains("alpha Director")
    );

    let (get_routes, post_routes) = (
        TENANT_ROUTES.iter().filter(|r| r.get).count(),
        TENANT_ROUTES.iter().filter(|r| r.post).count(),
    );
    eprintln!(
        "isolation: {} tenant routes, {gets} GET and {posts} POST called with Alpha's session on \
         {B}, and Alpha's own form posted to {B}",
        TENANT_ROUTES.len()
    );
    assert_eq!((gets, posts), (get_routes, post_routes));
}
