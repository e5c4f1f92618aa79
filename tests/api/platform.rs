//! The platform operator over HTTP: signing in outside any tenant, the list of tenants read
//! from their summaries, creating a tenant with its one-time invitation, suspending, resuming
//! and deleting it — each visible on the tenant's own pages — and an operator who cannot
//! attest.

use crate::support::{CONSOLE, Client, TestApp};

const OPERATOR: &str = "olga.ops";
const PASSWORD: &str = "platform-operator-passphrase";

async fn operator(app: &TestApp) -> Client {
    let hash = readiness_console::password::hash(PASSWORD).unwrap();
    readiness_console::db::operators::create(&app.db.owner, OPERATOR, &hash)
        .await
        .unwrap();
    let mut client = Client::new(&app.router);
    let page = client.get("/platform/sign-in?lang=en").await;
    assert_eq!(page.status, 200);
    let form = page
        .form("name=\"csrf\"")
        .set("username", OPERATOR)
        .set("password", PASSWORD);
    let done = client.submit(&form, &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.header("location"), "/platform?lang=en");
    client
}

/// The list's row of `slug`: (status, decision, gates), as shown.
fn row(page: &crate::support::Page, slug: &str) -> Option<(String, String, String)> {
    let start = page.body.find(&format!("id=\"tenant-{slug}\""))?;
    let end = page.body[start..].find("</tr>")? + start;
    let row = crate::support::Page {
        status: page.status,
        headers: page.headers.clone(),
        body: page.body[start..end].to_owned(),
        bytes: Vec::new(),
    };
    Some((
        row.text("tenant-status"),
        row.text("tenant-decision"),
        row.text("tenant-gates"),
    ))
}

#[tokio::test]
async fn the_operator_lists_creates_suspends_resumes_and_deletes_a_tenant() {
    let app = TestApp::spawn_platform().await;
    // Nobody signed in: the list is behind the sign-in.
    let anonymous = app.get("/platform?lang=en", &[]).await;
    assert_eq!(anonymous.status, 303);
    assert_eq!(anonymous.header("location"), "/platform/sign-in?lang=en");

    let mut olga = operator(&app).await;
    let list = olga.get("/platform?lang=en").await;
    assert_eq!(list.status, 200, "{}", list.body);
    // The demo's row says what its console says.
    let console = app.get(CONSOLE, &[]).await;
    let (status, decision, gates) = row(&list, "bfg-control").expect("the demo is listed");
    assert_eq!(status, "active");
    assert_eq!(decision, app.decision().await);
    assert!(gates.ends_with("/9"), "{gates}");
    assert_eq!(console.status, 200);

    // Create ACME: the one-time link opens ACME's invitation page.
    let form = list
        .form("action=\"/platform/tenants?")
        .set("slug", "acme")
        .set("name", "ACME Logistics")
        .set("md_name", "Ana Costa")
        .set("md_email", "ana@acme.example");
    let created = olga.submit(&form, &[]).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.header("cache-control"), "no-store");
    let link = created.text("invitation-link");
    let path = link
        .split_once("/t/acme/invite/")
        .map(|(_, token)| format!("/t/acme/invite/{token}"))
        .expect("an invitation link");
    assert!(path.contains("rc_inv_"), "{path}");
    let invite = Client::new(&app.router).get(&path).await;
    assert_eq!(invite.status, 200, "{}", invite.body);
    assert!(invite.body.contains("ACME Logistics"));
    // Its console shows ACME, not BFG.
    let acme = app.get("/t/acme?lang=en", &[]).await;
    assert_eq!(acme.status, 200);
    assert!(acme.body.contains("ACME Logistics"));

    // The same slug again, in another case: refused, one tenant.
    let again = olga.submit(&form.clone().set("slug", "ACME"), &[]).await;
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(again.body.contains("must be lowercase"), "{}", again.body);
    let again = olga.submit(&form, &[]).await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("exists already"));

    // Suspend: a reason is required, then every ACME page answers 423 with it.
    let list = olga.get("/platform?lang=en").await;
    let suspend = list.form("action=\"/platform/tenants/acme/suspend?");
    let refused = olga.submit(&suspend.clone().set("reason", " "), &[]).await;
    assert_eq!(refused.status, 422);
    let done = olga
        .submit(&suspend.set("reason", "Unpaid invoice 2026-11"), &[])
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let list = olga.get("/platform?lang=en").await;
    assert!(
        list.body.contains("acme is now suspended."),
        "{}",
        list.body
    );
    assert_eq!(row(&list, "acme").unwrap().0, "suspended");
    for lang in ["en", "es", "fr", "pt-BR"] {
        let page = app.get(&format!("/t/acme?lang={lang}"), &[]).await;
        assert_eq!(page.status, 423, "{lang}");
        assert!(page.body.contains("Unpaid invoice 2026-11"), "{lang}");
    }
    // Filtered by status: only ACME.
    let suspended = olga.get("/platform?lang=en&status=suspended").await;
    assert!(row(&suspended, "acme").is_some());
    assert!(row(&suspended, "bfg-control").is_none());

    // Resume: served again.
    let resume = suspended.form("action=\"/platform/tenants/acme/resume?");
    assert_eq!(olga.submit(&resume, &[]).await.status, 303);
    assert_eq!(app.get("/t/acme?lang=en", &[]).await.status, 200);

    // Delete: confirmed by typing the slug; then the console is gone (409 while deleting).
    let list = olga.get("/platform?lang=en").await;
    let delete = list.form("action=\"/platform/tenants/acme/delete?");
    let mistyped = olga
        .submit(&delete.clone().set("confirm", "acm"), &[])
        .await;
    assert_eq!(mistyped.status, 422);
    assert_eq!(app.get("/t/acme?lang=en", &[]).await.status, 200);
    assert_eq!(
        olga.submit(&delete.set("confirm", "acme"), &[])
            .await
            .status,
        303
    );
    assert_eq!(app.get("/t/acme?lang=en", &[]).await.status, 409);
    let list = olga.get("/platform?lang=en").await;
    assert_eq!(row(&list, "acme").unwrap().0, "being deleted");
}

#[tokio::test]
async fn an_operator_administers_but_never_attests() {
    let app = TestApp::spawn_platform().await;
    let mut olga = operator(&app).await;
    // On a tenant's console the operator is nobody: no form to accept, decide or sign.
    let console = olga.get(CONSOLE).await;
    assert_eq!(console.status, 200);
    assert!(console.try_form("name=\"note\"").is_none());
    let events = app.db.count_in_demo("audit_events").await;
    // A write posted anyway, with the operator's session token, is refused.
    let list = olga.get("/platform?lang=en").await;
    let csrf = list
        .form("action=\"/platform/tenants?")
        .field("csrf")
        .to_owned();
    let refused = olga
        .post(
            &format!("{CONSOLE}/items/passage.role_headers/accept"),
            &[
                ("csrf", csrf.as_str()),
                ("version", "0"),
                ("note", "operator tries"),
                ("idempotency_key", &uuid::Uuid::new_v4().to_string()),
            ],
            &[],
        )
        .await;
    assert_ne!(refused.status, 200);
    assert_eq!(app.db.count_in_demo("audit_events").await, events);
    // And a tenant's people cannot use the platform's commands.
    let mut marek = app.actor("marek").await;
    let page = marek.get(CONSOLE).await;
    let csrf = page.form("name=\"csrf\"").field("csrf").to_owned();
    let refused = marek
        .post(
            "/platform/tenants/bfg-control/suspend",
            &[("csrf", csrf.as_str()), ("reason", "not mine to say")],
            &[],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(app.get(CONSOLE, &[]).await.status, 200);
}

/// The version of every stored session row: any write to one changes it.
async fn session_rows(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("select xmin::text from tower_sessions.session order by id")
        .fetch_all(&app.db.owner)
        .await
        .unwrap()
}

#[tokio::test]
async fn reading_the_list_writes_nothing_to_the_session() {
    let app = TestApp::spawn_platform().await;
    let mut olga = operator(&app).await;
    // The sign-in's notice is shown once, and taking it away is the one write.
    assert_eq!(olga.get("/platform?lang=en").await.status, 200);
    let before = session_rows(&app).await;
    assert_eq!(before.len(), 1);
    for path in [
        "/platform?lang=en",
        "/platform?lang=en&status=active",
        "/platform?lang=fr",
    ] {
        assert_eq!(olga.get(path).await.status, 200, "{path}");
    }
    assert_eq!(session_rows(&app).await, before);
}

#[tokio::test]
async fn the_list_pages_by_keyset_and_filters_by_decision() {
    let app = TestApp::spawn_platform().await;
    let by = readiness_console::db::tenants::Operator {
        name: "test",
        request_id: "test",
        key: crate::support::test_key(),
        clock: crate::support::test_clock(),
    };
    for n in 0..55 {
        let new = readiness_console::db::tenants::NewTenant {
            slug: readiness_console::readiness::lifecycle::NewSlug::parse(&format!("t{n:03}"))
                .unwrap(),
            name: "Tenant",
            programme: readiness_console::readiness::programme::demo(),
            md_name: "MD",
            md_email: "md@example.com",
        };
        readiness_console::db::tenants::create(&app.db.owner, &new, &by)
            .await
            .unwrap();
    }
    let mut olga = operator(&app).await;
    let first = olga.get("/platform?lang=en").await;
    let next = first
        .body
        .split("rel=\"next\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(crate::support::html_unescape)
        .expect("a next page");
    assert!(next.contains("after=t048"), "{next}");
    let second = olga.get(&next).await;
    let mut slugs: Vec<String> = [&first, &second]
        .iter()
        .flat_map(|page| {
            page.body
                .match_indices("id=\"tenant-")
                .map(|(at, _)| {
                    let rest = &page.body[at + "id=\"tenant-".len()..];
                    rest[..rest.find('"').unwrap()].to_owned()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(slugs.len(), 56, "55 new and the demo, none twice");
    slugs.dedup();
    assert_eq!(slugs.len(), 56);
    assert!(!second.body.contains("rel=\"next\""));
    // Every new tenant starts where the demo programme starts; the demo has moved nowhere.
    let blocked = olga
        .get("/platform?lang=en&decision=BLOCKED_PENDING_DRY_RUN")
        .await;
    assert!(row(&blocked, "t000").is_some());
    let go = olga.get("/platform?lang=en&decision=GO").await;
    assert!(row(&go, "t000").is_none());
    assert!(go.body.contains("No tenant matches this filter."));

    // A tenant of the other programme that comes with the console, chosen on the form.
    let form = first
        .form("action=\"/platform/tenants?")
        .set("slug", "rbac-co")
        .set("name", "RBAC Co")
        .set("md_name", "MD")
        .set("md_email", "md@rbac.example")
        .set("programme", "tenant-rbac-adapter");
    assert_eq!(olga.submit(&form, &[]).await.status, 201);
    let runs: String =
        sqlx::query_scalar("select programme_name from tenants where slug = 'rbac-co'")
            .fetch_one(&app.db.owner)
            .await
            .unwrap();
    assert_eq!(runs, "tenant-rbac-adapter");
}

/// `operator create` through the real binary, the password from the environment or stdin.
fn operator_cli(
    app: &TestApp,
    username: &str,
    env: Option<&str>,
    stdin: &str,
) -> (bool, String, String) {
    use std::io::Write as _;
    let options = app.db.owner.connect_options();
    let owner_url = crate::support::cluster().url(
        readiness_console::db::OWNER_ROLE,
        options.get_database().unwrap(),
    );
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_readiness-console"));
    command
        .args(["--database-url", &app.db.app_url()])
        .args(["--migration-database-url", &owner_url])
        .args(["operator", "create", "--username", username])
        .env_remove("READINESS_OPERATOR_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(password) = env {
        command.env("READINESS_OPERATOR_PASSWORD", password);
    }
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn operator_create_takes_the_password_from_stdin_or_the_environment_never_argv() {
    let app = TestApp::spawn_platform().await;
    let (ok, stdout, stderr) = operator_cli(&app, "ines", None, &format!("{PASSWORD}\n"));
    assert!(ok, "{stderr}");
    assert!(stdout.contains("operator ines created"), "{stdout}");
    let (ok, _, stderr) = operator_cli(&app, "joao", Some(PASSWORD), "");
    assert!(ok, "{stderr}");
    // Both sign in; the stored secret is an argon2id hash, never the password.
    for name in ["ines", "joao"] {
        let mut client = Client::new(&app.router);
        let page = client.get("/platform/sign-in?lang=en").await;
        let form = page
            .form("name=\"csrf\"")
            .set("username", name)
            .set("password", PASSWORD);
        assert_eq!(client.submit(&form, &[]).await.status, 303, "{name}");
    }
    let stored: Vec<String> = sqlx::query_scalar("select password_hash from operators")
        .fetch_all(&app.db.owner)
        .await
        .unwrap();
    assert!(
        stored
            .iter()
            .all(|h| h.starts_with("$argon2id$") && !h.contains(PASSWORD))
    );
    // Refusals: one sentence each, nothing created.
    let twice = operator_cli(&app, "ines", Some(PASSWORD), "");
    crate::tenants::refused_in_one_sentence(&twice, "an operator named ines exists already");
    let short = operator_cli(&app, "kim", None, "short\n");
    crate::tenants::refused_in_one_sentence(&short, "12 to 256 characters");
    let bad = operator_cli(&app, "Kim Smith", Some(PASSWORD), "");
    crate::tenants::refused_in_one_sentence(&bad, "2 to 64 of a-z");
    let count: i64 = sqlx::query_scalar("select count(*) from operators")
        .fetch_one(&app.db.owner)
        .await
        .unwrap();
    assert_eq!(count, 2);
    // A wrong password is refused like an unknown operator.
    let mut client = Client::new(&app.router);
    let page = client.get("/platform/sign-in?lang=es").await;
    let form = page
        .form("name=\"csrf\"")
        .set("username", "ines")
        .set("password", "not the password at all");
    let refused = client.submit(&form, &[]).await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.html_lang(), "es");
}

/// `doctor` through the real binary against the test database.
fn doctor(app: &TestApp) -> (bool, String, String) {
    crate::tenants::tenant_cli(&app.db, &["doctor"])
}

#[tokio::test]
async fn doctor_and_the_health_panel_name_each_failing_check_and_its_tenants() {
    let app = TestApp::spawn_platform().await;
    let (ok, stdout, stderr) = doctor(&app);
    assert!(ok, "a fresh demo is healthy: {stdout}{stderr}");
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        5,
        "{stdout}"
    );

    // A tenant left in provisioning two hours ago, with no event; the demo behind its file.
    let two_hours_ago = crate::support::test_clock().now() - time::Duration::hours(2);
    sqlx::query(
        "insert into tenants (slug, name, scenario_contract, storage_adapter, auth_mode,
                              tenant_mode, adapter_target, environment, status, updated_at)
         select 'stuck', 'Stuck Ltd', scenario_contract, storage_adapter, auth_mode,
                tenant_mode, adapter_target, environment, 'provisioning', $1
         from tenants where slug = 'bfg-control'",
    )
    .bind(two_hours_ago)
    .execute(&app.db.owner)
    .await
    .unwrap();
    sqlx::query("update tenants set programme_version = 0 where slug = 'bfg-control'")
        .execute(&app.db.owner)
        .await
        .unwrap();
    let (ok, stdout, stderr) = doctor(&app);
    assert!(!ok);
    assert!(
        stdout.contains("FAILED  stuck_provisioning: stuck"),
        "{stdout}"
    );
    assert!(stdout.contains("FAILED  without_events: stuck"), "{stdout}");
    assert!(
        stdout.contains("FAILED  programme_behind: bfg-control"),
        "{stdout}"
    );
    assert!(stdout.contains("ok      duplicate_slugs"), "{stdout}");
    crate::tenants::refused_in_one_sentence(&(ok, stdout, stderr), "3 of 5 health checks failed");

    // The panel the list loads says the same, in the operator's language.
    let mut olga = operator(&app).await;
    let list = olga.get("/platform?lang=fr").await;
    assert!(
        list.body
            .contains("data-hx-get=\"/platform/health?lang=fr\"")
    );
    let panel = olga.get("/platform/health?lang=fr").await;
    assert_eq!(panel.status, 200);
    assert!(panel.body.contains("en échec pour stuck"), "{}", panel.body);
    assert!(panel.body.contains("en échec pour bfg-control"));
    assert_eq!(panel.texts("health-failing").len(), 3);
    // Nobody else reads it.
    let anonymous = app.get("/platform/health?lang=fr", &[]).await;
    assert_eq!(anonymous.status, 403);
}

#[tokio::test]
async fn the_platform_pages_are_valid_html_in_every_language() {
    use readiness_console::i18n::Lang;
    let app = TestApp::spawn_platform().await;
    let mut olga = operator(&app).await;
    let mut pages = crate::html::Pages::new();
    for lang in Lang::ALL {
        let code = lang.code();
        let anonymous = app
            .get(&format!("/platform/sign-in?lang={code}"), &[])
            .await;
        assert_eq!(anonymous.html_lang(), code);
        pages.keep(&format!("sign-in-{code}"), &anonymous);
        let list = olga.get(&format!("/platform?lang={code}")).await;
        assert_eq!(list.html_lang(), code);
        pages.keep(&format!("list-{code}"), &list);
        let health = olga.get(&format!("/platform/health?lang={code}")).await;
        pages.keep(&format!("health-{code}"), &health);
        let refused = olga
            .submit(
                &list
                    .form("action=\"/platform/tenants?")
                    .set("slug", "Not A Slug")
                    .set("name", "X")
                    .set("md_name", "Y")
                    .set("md_email", "y@example.com"),
                &[],
            )
            .await;
        assert_eq!(refused.status, 422);
        pages.keep(&format!("refused-{code}"), &refused);
    }
    let form = olga
        .get("/platform?lang=pt-BR")
        .await
        .form("action=\"/platform/tenants?")
        .set("slug", "acme")
        .set("name", "ACME")
        .set("md_name", "Ana")
        .set("md_email", "ana@acme.example");
    let created = olga.submit(&form, &[]).await;
    assert_eq!(created.status, 201);
    pages.keep("created-pt-BR", &created);
    pages.assert_valid();
}
