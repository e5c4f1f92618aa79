//! Many tenants: the lifecycle through the real binary, the refusals it says in one sentence,
//! the managing director's invitation over HTTP, the status policy on every tenant route in
//! every status, and the platform chain verified and a tampered event named.

use std::process::Command;

use readiness_console::clock::Clock;
use readiness_console::db::{self, tenants};
use readiness_console::i18n::Lang;
use readiness_console::readiness::lifecycle::NewSlug;
use readiness_console::web::TENANT_ROUTES;

use crate::support::{
    CONSOLE, Client, TestApp, TestDb, cluster, eventually, outcome, test_clock, test_config,
    test_key,
};

/// Runs the binary's `args` against `db` with both roles' URLs (the tenant commands run as the
/// owner) and the test key: whether it passed, stdout, stderr.
pub(crate) fn tenant_cli(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    let dir = tempfile::tempdir().expect("a folder for the key");
    let key = dir.path().join("audit-signing.key");
    // The seed of `test_key()`.
    std::fs::write(&key, format!("{}\n", "2a".repeat(32))).expect("write the key");
    let options = db.owner.connect_options();
    let owner_url = cluster().url(db::OWNER_ROLE, options.get_database().expect("name"));
    let out = Command::new(env!("CARGO_BIN_EXE_readiness-console"))
        .args(["--database-url", &db.app_url()])
        .args(["--migration-database-url", &owner_url])
        .arg("--audit-key")
        .arg(&key)
        .args(args)
        .output()
        .expect("run the binary");
    outcome(&out)
}

/// The demo's programme file, for `--programme`.
pub(crate) fn programme_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/db-auth-session-adapter.toml")
}

/// A file that is not a programme.
fn not_a_programme() -> tempfile::TempPath {
    let file = tempfile::Builder::new()
        .prefix("logistics-")
        .suffix(".toml")
        .tempfile()
        .expect("a programme file");
    std::fs::write(file.path(), "# the programme\n").expect("write it");
    file.into_temp_path()
}

/// `tenant create` of ACME Logistics as `slug` under `programme`, Maria Keller its managing
/// director.
pub(crate) fn create_args<'a>(slug: &'a str, programme: &'a str) -> Vec<&'a str> {
    vec![
        "tenant",
        "create",
        "--slug",
        slug,
        "--name",
        "ACME Logistics",
        "--programme",
        programme,
        "--md-name",
        "Maria Keller",
        "--md-email",
        "maria@acme.example",
    ]
}

/// It failed, saying `said` in one sentence on one line (beside the log lines).
pub(crate) fn refused_in_one_sentence(run: &(bool, String, String), said: &str) {
    let (ok, _, stderr) = run;
    assert!(!ok, "{stderr}");
    let said_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("readiness-console: "))
        .collect();
    assert_eq!(said_lines.len(), 1, "{stderr}");
    assert!(said_lines[0].contains(said), "{stderr}");
    assert_eq!(
        said_lines[0].matches(". ").count(),
        0,
        "one sentence: {stderr}"
    );
}

/// `sql`'s one number, read inside the tenant `slug` (its tables force row-level security on
/// the owner too).
async fn in_tenant(db: &TestDb, slug: &str, sql: &str) -> i64 {
    let mut tx = db.owner.begin().await.expect("begin");
    sqlx::query(
        "select set_config('app.tenant_id', id::text, true) from tenants where slug = $1
         order by deleted_at desc nulls first limit 1",
    )
    .bind(slug)
    .execute(&mut *tx)
    .await
    .expect("enter");
    let n = sqlx::query_scalar(sql)
        .fetch_one(&mut *tx)
        .await
        .expect("count");
    tx.commit().await.expect("commit");
    n
}

async fn status_of(db: &TestDb, slug: &str) -> Vec<String> {
    sqlx::query_scalar("select status from tenants where slug = $1 order by created_at")
        .bind(slug)
        .fetch_all(&db.owner)
        .await
        .expect("status")
}

#[tokio::test]
async fn the_lifecycle_runs_through_the_command_line_and_refuses_in_one_sentence() {
    let db = TestDb::new().await;
    let programme = programme_file();
    let programme = programme.to_str().expect("path");

    let (ok, stdout, stderr) = tenant_cli(&db, &create_args("acme", programme));
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("tenant acme created and active"),
        "{stdout}"
    );
    let link = stdout
        .lines()
        .find(|l| l.contains("/t/acme/invite/rc_inv_"))
        .unwrap_or_else(|| panic!("no invitation link: {stdout}"));
    let token = link.rsplit('/').next().expect("token");
    assert_eq!(token.len(), "rc_inv_".len() + 43, "{token}");
    // Only its hash is stored.
    let sha = readiness_console::bundle::sha256(token.as_bytes());
    let stored = in_tenant(
        &db,
        "acme",
        &format!(
            "select count(*) from tenant_invitations where token_sha256 = '{sha}'
               and expires_at > now() + interval '71 hours'"
        ),
    )
    .await;
    assert_eq!(stored, 1);
    let items = "select count(*) from catalogue_items";
    assert!(in_tenant(&db, "acme", items).await > 20);
    assert_eq!(status_of(&db, "acme").await, ["active"]);
    let (name, version): (String, i32) =
        sqlx::query_as("select programme_name, programme_version from tenants where slug = 'acme'")
            .fetch_one(&db.owner)
            .await
            .expect("programme");
    assert_eq!(name, "db-auth-session-adapter");
    assert_eq!(
        version,
        i32::try_from(readiness_console::readiness::programme::demo().version).unwrap()
    );

    // The same slug twice, in any case, and slugs no tenant may take.
    refused_in_one_sentence(
        &tenant_cli(&db, &create_args("acme", programme)),
        "a tenant with the slug acme exists already",
    );
    assert_eq!(status_of(&db, "acme").await, ["active"]);
    refused_in_one_sentence(
        &tenant_cli(&db, &create_args("ACME", programme)),
        "must be lowercase: try acme",
    );
    refused_in_one_sentence(
        &tenant_cli(&db, &create_args("platform", programme)),
        "reserved",
    );
    refused_in_one_sentence(&tenant_cli(&db, &create_args("a", programme)), "2 to 63");
    refused_in_one_sentence(
        &tenant_cli(&db, &create_args("beta", "/nonexistent/programme.toml")),
        "cannot read the programme file /nonexistent/programme.toml",
    );
    let invalid = not_a_programme();
    refused_in_one_sentence(
        &tenant_cli(&db, &create_args("beta", invalid.to_str().unwrap())),
        "the programme file is not valid",
    );
    assert!(status_of(&db, "beta").await.is_empty(), "nothing created");

    refused_in_one_sentence(
        &tenant_cli(&db, &["tenant", "resume", "--slug", "acme"]),
        "acme: a tenant that is active cannot be told to resume",
    );
    let (ok, stdout, stderr) = tenant_cli(
        &db,
        &[
            "tenant",
            "suspend",
            "--slug",
            "acme",
            "--reason",
            "Invoice overdue.",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("tenant acme is suspended"), "{stdout}");
    let (ok, stdout, _) = tenant_cli(&db, &["tenant", "list"]);
    assert!(ok);
    assert!(
        stdout.lines().any(|l| l.starts_with("acme ")
            && l.contains("suspended")
            && l.contains("Invoice overdue.")),
        "{stdout}"
    );
    let (ok, _, stderr) = tenant_cli(&db, &["tenant", "resume", "--slug", "acme"]);
    assert!(ok, "{stderr}");
    let (ok, _, stderr) = tenant_cli(&db, &["tenant", "delete", "--slug", "acme"]);
    assert!(ok, "{stderr}");
    refused_in_one_sentence(
        &tenant_cli(&db, &["tenant", "delete", "--slug", "acme"]),
        "acme: a tenant that is deleting cannot be told to delete",
    );
    refused_in_one_sentence(
        &tenant_cli(
            &db,
            &["tenant", "suspend", "--slug", "nobody", "--reason", "x"],
        ),
        "there is no tenant nobody",
    );

    // Not yet 30 days: nothing is purged. Then a month later.
    let (ok, stdout, _) = tenant_cli(&db, &["tenant", "purge", "--older-than", "30d"]);
    assert!(ok);
    assert!(stdout.contains("0 tenants purged"), "{stdout}");
    sqlx::query(
        "update tenants set updated_at = updated_at - interval '31 days' where slug = 'acme'",
    )
    .execute(&db.owner)
    .await
    .expect("a month passes");
    let (ok, stdout, stderr) = tenant_cli(&db, &["tenant", "purge", "--older-than", "30d"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("tenant acme purged"), "{stdout}");
    assert!(stdout.contains("final audit head #0"), "{stdout}");
    assert_eq!(status_of(&db, "acme").await, ["deleted"]);
    assert_eq!(
        in_tenant(&db, "acme", items).await,
        0,
        "the purge removes the tenant's rows"
    );
    // The final head is on the platform chain, which verifies.
    let recorded: serde_json::Value = sqlx::query_scalar(
        "select e.payload from tenant_events e join tenants t on t.id = e.tenant_id
         where t.slug = 'acme' and e.kind = 'deleted'",
    )
    .fetch_one(&db.owner)
    .await
    .expect("the deleted event");
    assert_eq!(recorded["audit_head"]["seq"], 0);
    let (ok, stdout, stderr) = tenant_cli(&db, &["verify-audit", "--platform"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("platform chain intact: 12 events"),
        "{stdout}"
    );

    // A purged tenant's slug may be taken again.
    let (ok, _, stderr) = tenant_cli(&db, &create_args("acme", programme));
    assert!(ok, "{stderr}");
    assert_eq!(status_of(&db, "acme").await, ["deleted", "active"]);
}

#[tokio::test]
async fn the_platform_chain_names_a_tampered_tenant_event() {
    let db = TestDb::new().await;
    let programme = programme_file();
    let (ok, _, stderr) = tenant_cli(&db, &create_args("acme", programme.to_str().expect("path")));
    assert!(ok, "{stderr}");
    let (ok, _, stderr) = tenant_cli(
        &db,
        &["tenant", "suspend", "--slug", "acme", "--reason", "Audit."],
    );
    assert!(ok, "{stderr}");
    let (ok, stdout, stderr) = tenant_cli(&db, &["verify-audit", "--platform"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("intact: 6 events"), "{stdout}");
    assert!(stdout.contains("6 signatures checked"), "{stdout}");

    // The suspension's reason rewritten behind the app's back (the owner lifts the trigger).
    sqlx::raw_sql(
        "begin;
         alter table tenant_events disable trigger tenant_events_append_only;
         update tenant_events set payload = '{\"reason\": \"Nothing happened.\"}' where kind = 'suspended';
         alter table tenant_events enable trigger tenant_events_append_only;
         commit;",
    )
    .execute(&db.owner)
    .await
    .expect("tamper");
    refused_in_one_sentence(
        &tenant_cli(&db, &["verify-audit", "--platform"]),
        "platform chain broken at tenant event #5: columns_differ_from_canonical",
    );
}

/// The path of `route` for `slug`, its parameters filled in with values the demo knows.
fn concrete(path: &str, slug: &str) -> String {
    path.replace("{tenant}", slug)
        .replace("{section}", "decision")
        .replace("{key}", "passage.role_headers")
        .replace("{item}", "passage.role_headers")
        .replace("{action}", "accept")
        .replace("{name}", "rollback")
        .replace("{kind}", "connection")
        .replace("{actor}", "user_dispatcher_marek")
        .replace("{role}", "dispatcher")
        .replace("{token}", &format!("rc_inv_{}", "A".repeat(43)))
        .replace("{id}", "5f0c6a8e-6c1e-4d1a-9d0e-2b7f4c3a9e10")
}

/// Puts the demo tenant in `status` behind the app's back.
async fn put_demo_in(db: &TestDb, status: &str) {
    sqlx::query(
        "update tenants set status = $1,
                suspended_reason = case when $1 = 'suspended' then 'Invoice overdue.' end,
                deleted_at = case when $1 = 'deleted' then now() end
         where slug = 'bfg-control'",
    )
    .bind(status)
    .execute(&db.owner)
    .await
    .expect("status");
}

#[tokio::test]
#[expect(clippy::print_stdout, reason = "the test reports what it walked")]
async fn every_tenant_route_in_every_status_is_answered_by_the_status_policy() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let csrf = anna
        .console(Lang::En)
        .await
        .form("name=\"csrf\"")
        .field("csrf")
        .to_owned();
    let chain = app.db.count_in_demo("audit_events").await;
    // (status set, slug asked for, what every request is answered)
    let statuses: [(&str, &str, Option<u16>); 6] = [
        ("active", "bfg-control", None),
        ("suspended", "bfg-control", Some(423)),
        ("provisioning", "bfg-control", Some(409)),
        ("deleting", "bfg-control", Some(409)),
        ("deleted", "bfg-control", Some(404)),
        ("active", "no-such-tenant", Some(404)),
    ];
    let mut requests = 0;
    let methods: usize = TENANT_ROUTES
        .iter()
        .map(|r| usize::from(r.get) + usize::from(r.post))
        .sum();
    for (status, slug, expected) in statuses {
        put_demo_in(&app.db, status).await;
        let (router, home) = (app.router.clone(), format!("/t/{slug}"));
        eventually(|| {
            let (router, home) = (router.clone(), home.clone());
            async move {
                let answered = crate::support::get(&router, &home, &[]).await.status;
                answered == expected.unwrap_or(200)
            }
        })
        .await;
        for route in TENANT_ROUTES {
            let path = concrete(route.path, slug);
            let mut answers = Vec::new();
            if route.get {
                answers.push(("GET", anna.get(&path).await));
            }
            if route.post {
                // Active: no token, so nothing can be written; otherwise a form as sent from
                // the page, which the policy answers before anything reads it.
                let fields: &[(&str, &str)] = if expected.is_some() {
                    &[("csrf", &csrf), ("note", "Posted anyway.")]
                } else {
                    &[]
                };
                answers.push(("POST", anna.post(&path, fields, &[]).await));
            }
            for (method, page) in answers {
                requests += 1;
                let code = page.status.as_u16();
                match expected {
                    Some(expected) => {
                        assert_eq!(
                            code, expected,
                            "{method} {path} when {status}: {}",
                            page.body
                        );
                    }
                    None => assert!(
                        ![409, 423].contains(&code)
                            // A made-up token names nothing; a tenant without an identity
                            // provider has no single sign-on.
                            && (code != 404
                                || route.path.ends_with("{token}")
                                || route.path.contains("/sso")),
                        "{method} {path} when active answered {code}: {}",
                        page.body
                    ),
                }
                if expected == Some(423) {
                    assert!(
                        page.body.contains("Invoice overdue."),
                        "{path}: {}",
                        page.body
                    );
                }
            }
        }
    }
    put_demo_in(&app.db, "active").await;
    assert_eq!(
        app.db.count_in_demo("audit_events").await,
        chain,
        "nothing was written"
    );
    assert_eq!(requests, methods * statuses.len());
    println!(
        "{} tenant routes ({methods} route × method pairs) × {} statuses = {requests} requests",
        TENANT_ROUTES.len(),
        statuses.len()
    );
}

#[tokio::test]
async fn a_suspended_tenants_form_posted_anyway_is_refused_with_423_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    let form = marek
        .console(Lang::En)
        .await
        .item_form("passage.role_headers")
        .set("note", "Checked the headers on staging.");
    let chain = app.db.count_in_demo("audit_events").await;
    let acceptances = app.db.count_in_demo("acceptances").await;
    put_demo_in(&app.db, "suspended").await;
    let console = app.router.clone();
    eventually(|| {
        let console = console.clone();
        async move { crate::support::get(&console, CONSOLE, &[]).await.status == 423 }
    })
    .await;
    for lang in Lang::ALL {
        let page = marek.get(&format!("{CONSOLE}?lang={}", lang.code())).await;
        assert_eq!(page.status, 423);
        assert!(page.body.contains("Invoice overdue."), "{}", page.body);
        assert_eq!(page.html_lang(), lang.code());
    }
    let answer = marek.submit(&form, &[]).await;
    assert_eq!(answer.status, 423, "{}", answer.body);
    assert!(
        answer.body.contains("This console is suspended"),
        "{}",
        answer.body
    );
    let htmx = marek.submit(&form, &[("hx-request", "true")]).await;
    assert_eq!(htmx.status, 423);
    assert_eq!(htmx.header("hx-retarget"), "#notice");
    assert_eq!(app.db.count_in_demo("audit_events").await, chain);
    assert_eq!(app.db.count_in_demo("acceptances").await, acceptances);
}

/// Creates the tenant `acme` as the command line does, by `clock`: its invitation token.
async fn create_acme(db: &TestDb, clock: &Clock) -> String {
    let by = tenants::Operator {
        name: "operator",
        request_id: "test",
        key: test_key(),
        clock,
    };
    let new = tenants::NewTenant {
        slug: NewSlug::parse("acme").expect("slug"),
        name: "ACME Logistics",
        programme: readiness_console::readiness::programme::demo(),
        md_name: "Maria Keller",
        md_email: "maria@acme.example",
    };
    tenants::create(&db.owner, &new, &by)
        .await
        .expect("create")
        .invitation
}

#[tokio::test]
async fn the_managing_director_accepts_the_invitation_once_and_signs_in() {
    let app = TestApp::spawn().await;
    let token = create_acme(&app.db, test_clock()).await;
    let link = format!("/t/acme/invite/{token}");
    let mut maria = Client::new(&app.router);
    let page = maria.get(&format!("{link}?lang=en")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("Set up your account for ACME Logistics"),
        "{}",
        page.body
    );
    let form = page.form("name=\"password_again\"");

    // Refusals keep the form and store nothing.
    let short = maria
        .submit(
            &form
                .clone()
                .set("username", "maria")
                .set("password", "short")
                .set("password_again", "short"),
            &[],
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(
        short.body.contains("at least 12 characters"),
        "{}",
        short.body
    );
    let forged = maria
        .submit(
            &form
                .clone()
                .set("csrf", "forged")
                .set("username", "maria")
                .set("password", "a long and secret passphrase")
                .set("password_again", "a long and secret passphrase"),
            &[],
        )
        .await;
    assert_eq!(forged.status, 403);

    let password = "a long and secret passphrase";
    let done = maria
        .submit(
            &form
                .clone()
                .set("username", "Maria")
                .set("password", password)
                .set("password_again", password),
            &[],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.header("location"), "/t/acme/sign-in?lang=en");

    // Used: the link says so, and cannot make a second account.
    let again = maria.get(&link).await;
    assert_eq!(again.status, 410);
    assert!(again.body.contains("already been used"), "{}", again.body);
    let replay = maria
        .submit(
            &form
                .set("username", "mallory")
                .set("password", password)
                .set("password_again", password),
            &[],
        )
        .await;
    assert_eq!(replay.status, 410);

    // The account signs in to its tenant.
    let sign_in = maria.get("/t/acme/sign-in?lang=en").await;
    let form = sign_in
        .form("name=\"csrf\"")
        .set("username", "maria")
        .set("password", password);
    let signed = maria.submit(&form, &[]).await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(signed.header("location"), "/t/acme?lang=en");
    let console = maria.get("/t/acme?lang=en").await;
    assert_eq!(console.status, 200);
    assert!(console.body.contains("Maria Keller"), "signed in as the MD");

    // An unknown link, in each language.
    for lang in Lang::ALL {
        let unknown = maria
            .get(&format!(
                "/t/acme/invite/rc_inv_{}?lang={}",
                "B".repeat(43),
                lang.code()
            ))
            .await;
        assert_eq!(unknown.status, 404);
        assert_eq!(unknown.html_lang(), lang.code());
    }
}

#[tokio::test]
async fn an_invitation_expires_after_72_hours_by_the_apps_clock() {
    let start = test_clock().now();
    let clock = Clock::fixed(start);
    let app = TestApp::spawn_with(&test_config(), clock.clone()).await;
    let token = create_acme(&app.db, &clock).await;
    let link = format!("/t/acme/invite/{token}?lang=en");
    let mut maria = Client::new(&app.router);
    let form = maria.get(&link).await.form("name=\"password_again\"");
    clock.advance(time::Duration::hours(72));
    let expired = maria.get(&link).await;
    assert_eq!(expired.status, 410);
    assert!(
        expired.body.contains("This invitation has expired"),
        "{}",
        expired.body
    );
    let password = "a long and secret passphrase";
    let late = maria
        .submit(
            &form
                .set("username", "maria")
                .set("password", password)
                .set("password_again", password),
            &[],
        )
        .await;
    assert_eq!(late.status, 410);
    assert!(
        late.body.contains("This invitation has expired"),
        "{}",
        late.body
    );
}

#[tokio::test]
async fn the_invitation_and_status_pages_are_valid_html_in_every_language() {
    let app = TestApp::spawn().await;
    let token = create_acme(&app.db, test_clock()).await;
    let mut pages = crate::html::Pages::new();
    for lang in Lang::ALL {
        let code = lang.code();
        let form = app
            .get(&format!("/t/acme/invite/{token}?lang={code}"), &[])
            .await;
        assert_eq!(form.status, 200);
        pages.keep(&format!("invite-{code}"), &form);
        let unknown = app
            .get(
                &format!("/t/acme/invite/rc_inv_{}?lang={code}", "C".repeat(43)),
                &[],
            )
            .await;
        assert_eq!(unknown.status, 404);
        pages.keep(&format!("invite-unknown-{code}"), &unknown);
    }
    put_demo_in(&app.db, "suspended").await;
    let router = app.router.clone();
    eventually(|| {
        let router = router.clone();
        async move { crate::support::get(&router, CONSOLE, &[]).await.status == 423 }
    })
    .await;
    for lang in Lang::ALL {
        let code = lang.code();
        let page = app.get(&format!("{CONSOLE}?lang={code}"), &[]).await;
        pages.keep(&format!("suspended-{code}"), &page);
    }
    pages.assert_valid();
}
