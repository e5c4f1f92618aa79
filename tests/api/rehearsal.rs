//! Rehearsals against real PostgreSQL targets (other databases of the test cluster): a healthy
//! target passes every probe, the gap analysis and the dry-run and keeps no trace; each kind of
//! broken target fails with its reason in three languages; bad references and runs are refused;
//! and the secret never appears in pages, packets, the database or the logs.

use std::io::Write as _;
use std::time::Duration;

use readiness_console::db::rehearsal::{self, Runner, StartError};
use readiness_console::db::{self, embedded};
use readiness_console::i18n::Lang;
use readiness_console::readiness::packets::RUNBOOK_SQL;
use readiness_console::readiness::{RehearsalKind, RunState};
use readiness_console::rehearsal::{Limits, Refusal, RunReason};
use sqlx::PgPool;

use crate::support::{
    CONSOLE, Client, Logs, Page, TestApp, TestDb, cluster, freeze_demo_snapshot,
    html_escape as escape, secrets_dir, test_key, test_secrets,
};

/// A new database in the test cluster, as a target: its name and an owner pool.
async fn target_db(runbook: bool) -> (String, PgPool) {
    let pool = TestDb::empty().await;
    let name = pool.connect_options().get_database().unwrap().to_owned();
    if runbook {
        sqlx::raw_sql(RUNBOOK_SQL).execute(&pool).await.unwrap();
    }
    (name, pool)
}

/// Writes `url` to a file of its own (as an operator would, readable by the console only) and
/// names it as the target by `file:` reference.
async fn name_target(app: &TestApp, url: &str) {
    test_secrets();
    let path = secrets_dir().join(format!("readiness-target-{}", uuid::Uuid::new_v4()));
    std::fs::write(&path, url).unwrap();
    set_reference(app, &format!("file:{}", path.display())).await;
}

async fn set_reference(app: &TestApp, reference: &str) {
    rehearsal::set_target(
        &app.db.app,
        &runner(),
        &readiness_console::rehearsal::SecretRef::parse(reference).unwrap(),
    )
    .await
    .unwrap();
}

static RUNNER: std::sync::LazyLock<Runner> = std::sync::LazyLock::new(runner);

fn runner() -> Runner {
    Runner {
        tenant: "bfg-control".into(),
        actor: "user_dispatcher_marek".into(),
        request_id: "rehearsal-test".into(),
        key: test_key().clone(),
        clock: crate::support::test_clock().clone(),
        secrets: test_secrets().clone(),
    }
}

fn limits() -> Limits {
    Limits {
        connect: Duration::from_secs(3),
        statement: Duration::from_secs(2),
        run: Duration::from_secs(30),
    }
}

/// Runs a rehearsal to its end, as the CLI does.
async fn run(app: &TestApp, kind: RehearsalKind) -> rehearsal::RunRow {
    let (_, work) = rehearsal::start(&app.db.app, &runner(), kind, limits())
        .await
        .unwrap();
    work.await;
    latest_run(app, kind).await
}

/// The demo tenant's latest run of `kind`.
async fn latest_run(app: &TestApp, kind: RehearsalKind) -> rehearsal::RunRow {
    rehearsal::run_row(&app.db.app, "bfg-control", None, Some(kind))
        .await
        .unwrap()
        .unwrap()
}

fn reasons(run: &rehearsal::RunRow) -> Vec<(String, bool, String)> {
    run.transcript
        .0
        .iter()
        .map(|s| (s.item.clone(), s.passed, s.reason.as_str().to_owned()))
        .collect()
}

/// Rows of the runbook's tables, counted by the superuser (no row-level security in the way).
async fn rows_on_target(name: &str) -> i64 {
    let pool = db::connect(&cluster().url(embedded::SUPERUSER, name), 1)
        .await
        .unwrap();
    let n = sqlx::query_scalar(
        "select (select count(*) from bfg_flowcontrol.tenants)
              + (select count(*) from bfg_flowcontrol.users)
              + (select count(*) from bfg_flowcontrol.scenario_snapshots)
              + (select count(*) from bfg_flowcontrol.audit_events)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn a_healthy_target_passes_every_probe_the_gap_analysis_and_the_dry_run_and_keeps_no_trace() {
    let app = TestApp::spawn().await;
    let (name, _pool) = target_db(true).await;
    name_target(&app, &cluster().url(db::OWNER_ROLE, &name)).await;
    freeze_demo_snapshot(&app.db).await;
    let console = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    assert_eq!(console.texts("tile-value")[5], "0/4", "connection before");

    let connection = run(&app, RehearsalKind::Connection).await;
    assert_eq!(
        connection.state,
        RunState::Passed,
        "{:?}",
        reasons(&connection)
    );
    let steps = reasons(&connection);
    assert!(steps[..4].iter().all(|(_, passed, _)| *passed), "{steps:?}");
    assert_eq!(
        steps[4],
        (
            "wiring.live_credentials".into(),
            false,
            "not_tls_remote".into()
        )
    );
    let gap = run(&app, RehearsalKind::Gap).await;
    assert_eq!(gap.state, RunState::Passed, "{:?}", reasons(&gap));
    assert_eq!(gap.transcript.0[0].found, Some(6));
    let dry = run(&app, RehearsalKind::DryRun).await;
    assert_eq!(dry.state, RunState::Passed, "{:?}", reasons(&dry));
    assert_eq!(dry.transcript.0.len(), 5);
    let replay = &dry.transcript.0[3].detail;
    assert_eq!(replay["rows_read_back"], 400);
    assert_eq!(replay["sha256_before"], replay["sha256_after"]);
    assert_eq!(rows_on_target(&name).await, 0, "the target holds no trace");

    crate::support::eventually(|| async {
        let page = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
        page.texts("tile-value")[5] == "4/4"
    })
    .await;
    let page = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    let tr = Lang::En.tr();
    let counts = page.texts("section-count");
    for (ready, total) in [(4u32, 4u32), (5, 5)] {
        assert!(
            counts.contains(&tr.t2("section-count", "ready", ready, "total", total)),
            "{ready}/{total} in {counts:?}"
        );
    }
    // The connection packet names the endpoint, redacted, and "not TLS".
    let packet = app.get(&format!("{CONSOLE}/packets/connection"), &[]).await;
    assert!(
        packet
            .body
            .contains(&format!("endpoint={}", cluster_endpoint(&name))),
        "{}",
        packet.body
    );
    assert!(packet.body.contains("tls_fingerprint=not_tls"));
    let dry_packet = app.get(&format!("{CONSOLE}/packets/dry-run"), &[]).await;
    assert!(
        dry_packet.body.contains("rows_read_back=400"),
        "{}",
        dry_packet.body
    );
    // Every step is an audit event.
    let audit = app
        .get(&format!("{CONSOLE}/audit?lang=en&action=probe_passed"), &[])
        .await;
    assert!(audit.body.contains("dry_run.rollback_checkpoint"));
    // And every probe result is matched with its event, by item, outcome and the run's actor.
    let verdict = db::audit::verify_with_records(
        &app.db.app,
        "bfg-control",
        Some(&test_key().public_hex()),
        &[],
    )
    .await
    .unwrap()
    .unwrap();
    assert!(verdict.ok(), "{verdict:?}");
}

fn cluster_endpoint(name: &str) -> String {
    let url = cluster().url(db::OWNER_ROLE, name);
    let host = url.split("host=").nth(1).unwrap();
    format!("{host}:5432/{name}")
}

#[tokio::test]
async fn each_broken_target_fails_with_its_reason_in_every_language() {
    let app = TestApp::spawn().await;
    freeze_demo_snapshot(&app.db).await;
    let (bare, _bare_pool) = target_db(false).await;
    let (unforced, unforced_pool) = target_db(true).await;
    sqlx::raw_sql("alter table bfg_flowcontrol.users no force row level security")
        .execute(&unforced_pool)
        .await
        .unwrap();
    let cases = [
        (
            "postgres://nobody@127.0.0.1:1/bfg".to_owned(),
            "connection.endpoint_reachability",
            "unreachable",
        ),
        (
            cluster().url("no_such_role", &bare),
            "connection.endpoint_reachability",
            "auth_failed",
        ),
        (
            cluster().url(db::OWNER_ROLE, "no_such_database"),
            "connection.endpoint_reachability",
            "no_database",
        ),
        (
            cluster().url(db::OWNER_ROLE, &bare),
            "connection.rbac_session",
            "schema_missing",
        ),
        (
            cluster().url(db::OWNER_ROLE, &unforced),
            "connection.rbac_session",
            "rls_not_forced",
        ),
    ];
    for (url, item, reason) in cases {
        name_target(&app, &url).await;
        let run = run(&app, RehearsalKind::Connection).await;
        assert_eq!(run.state, RunState::Failed);
        let steps = reasons(&run);
        assert!(
            steps.contains(&(item.to_owned(), false, reason.to_owned())),
            "{reason}: {steps:?}"
        );
        let mut reviewer = app.actor("reviewer").await;
        for lang in Lang::ALL {
            let page = reviewer.page_in("/rehearsal", lang).await;
            let text = lang.tr().t(&format!("rehearsal-reason-{reason}"));
            assert!(page.body.contains(&escape(&text)), "{reason} in {lang:?}");
            assert!(
                !page.body.contains("rehearsal/connection?"),
                "the reviewer runs nothing"
            );
        }
    }
    // The gap analysis of the bare database: nothing of the runbook, shown line by line.
    name_target(&app, &cluster().url(db::OWNER_ROLE, &bare)).await;
    let gap = run(&app, RehearsalKind::Gap).await;
    assert_eq!(gap.transcript.0[0].found, Some(0));
    let page = app.get(&format!("{CONSOLE}/rehearsal?lang=fr"), &[]).await;
    assert!(page.body.contains("bfg_flowcontrol.users.role_key"));
    assert!(
        page.body
            .contains(&Lang::Fr.tr().t("rehearsal-gap-missing"))
    );
}

/// A healthy target, named, whose tenants table someone holds locked: the holder's
/// transaction (rolled back, it lets go).
async fn a_target_held_locked(app: &TestApp) -> sqlx::Transaction<'static, sqlx::Postgres> {
    let (name, pool) = target_db(true).await;
    name_target(app, &cluster().url(db::OWNER_ROLE, &name)).await;
    let mut blocker = pool.begin().await.unwrap();
    sqlx::query("lock table bfg_flowcontrol.tenants in access exclusive mode")
        .execute(&mut *blocker)
        .await
        .unwrap();
    blocker
}

#[tokio::test]
async fn a_statement_that_outlives_its_limit_is_cancelled_and_recorded() {
    let app = TestApp::spawn().await;
    // Someone holds the tenants table: the probe's insert waits, then its statement times out.
    let blocker = a_target_held_locked(&app).await;
    let run = run(&app, RehearsalKind::Connection).await;
    blocker.rollback().await.unwrap();
    let steps = reasons(&run);
    assert!(
        steps
            .iter()
            .any(|(_, passed, reason)| !passed && reason == "statement_timeout"),
        "{steps:?}"
    );
    assert_eq!(run.state, RunState::Failed);
}

/// Names `reference` as the target through the rehearsal page's form in `lang`.
async fn name_on_the_page(client: &mut Client, reference: &str, lang: Lang) -> Page {
    let path = format!("{CONSOLE}/rehearsal?lang={}", lang.code());
    let page = client.get(&path).await;
    let form = page.form("class=\"target-form\"");
    client.submit(&form.set("reference", reference), &[]).await
}

/// Asks for a run of `kind` with the session's token, as the page's form (when it shows one)
/// would, answered in `lang`.
async fn start_on_the_page(client: &mut Client, csrf: &str, kind: &str, lang: Lang) -> Page {
    let path = format!("{CONSOLE}/rehearsal/{kind}?lang={}", lang.code());
    client.post(&path, &[("csrf", csrf)], &[]).await
}

#[tokio::test]
async fn bad_references_and_runs_are_refused_and_leave_nothing() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    let page = marek.get(&format!("{CONSOLE}/rehearsal?lang=es")).await;
    let csrf = page.form("class=\"target-form\"").field("csrf").to_owned();
    let tr = Lang::Es.tr();
    // Inline secrets and malformed references are refused; the secret is not echoed back.
    for (typed, problem) in [
        (
            "postgres://bfg:S3cretValue@db.example/bfg",
            "rehearsal-ref-inline",
        ),
        ("TARGET_DATABASE_URL", "rehearsal-ref-malformed"),
    ] {
        let refused = name_on_the_page(&mut marek, typed, Lang::Es).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains(&escape(&tr.t(problem))), "{problem}");
        assert!(!refused.body.contains("S3cretValue"));
    }
    assert_eq!(app.db.count_in_demo("rehearsal_targets").await, 0);
    // No target, an unset variable, an unreadable file, something that is not a URL, the
    // console's own database: each refused before anything runs on a target.
    let start = |kind: RehearsalKind| rehearsal::start(&app.db.app, &RUNNER, kind, limits());
    assert!(matches!(
        start(RehearsalKind::Connection).await,
        Err(StartError::Refused(Refusal::NoTarget))
    ));
    // `CARGO_PKG_NAME` is set but holds no URL: the environment is read, and what it holds is
    // checked.
    let missing = format!("file:{}/nonexistent-target-url", secrets_dir().display());
    let refs = [
        ("env:CARGO_PKG_NEVER_SET", Refusal::EnvUnset),
        (missing.as_str(), Refusal::FileUnreadable),
        ("env:CARGO_PKG_NAME", Refusal::MalformedUrl),
    ];
    for (reference, refusal) in refs {
        set_reference(&app, reference).await;
        assert!(
            matches!(start(RehearsalKind::Connection).await, Err(StartError::Refused(r)) if r == refusal),
            "{reference}"
        );
    }
    name_target(&app, "not a url").await;
    assert!(matches!(
        start(RehearsalKind::Gap).await,
        Err(StartError::Refused(Refusal::MalformedUrl))
    ));
    let own = app
        .db
        .app
        .connect_options()
        .get_database()
        .unwrap()
        .to_owned();
    name_target(&app, &cluster().url(db::OWNER_ROLE, &own)).await;
    assert!(matches!(
        start(RehearsalKind::Connection).await,
        Err(StartError::Refused(Refusal::OwnDatabase))
    ));
    // The page says so, in the user's language.
    let page = start_on_the_page(&mut marek, &csrf, "connection", Lang::Fr).await;
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains(&escape(&Lang::Fr.tr().t("rehearsal-refused-own_database")))
    );
    // The dry-run needs a frozen snapshot.
    let (name, _pool) = target_db(true).await;
    name_target(&app, &cluster().url(db::OWNER_ROLE, &name)).await;
    assert!(matches!(
        start(RehearsalKind::DryRun).await,
        Err(StartError::Refused(Refusal::NoSnapshot))
    ));
    // Started twice at once: one runs, the other is told.
    let (_, work) = start(RehearsalKind::Connection).await.unwrap();
    assert!(matches!(
        start(RehearsalKind::Gap).await,
        Err(StartError::Refused(Refusal::Busy))
    ));
    let busy = start_on_the_page(&mut marek, &csrf, "gap", Lang::En).await;
    assert_eq!(busy.status, 409);
    work.await;
    // Refusals write no probe result: only the healthy run's five steps are there.
    assert_eq!(app.db.count_in_demo("probe_results").await, 5);
    // Reviewers run nothing.
    let mut reviewer = app.actor("reviewer").await;
    let page = reviewer.get(&format!("{CONSOLE}/rehearsal?lang=en")).await;
    let csrf = page.form("name=\"csrf\"").field("csrf").to_owned();
    let refused = start_on_the_page(&mut reviewer, &csrf, "connection", Lang::En).await;
    assert_eq!(refused.status, 403);
}

/// Everything the console shows or keeps of a tenant's rehearsals: its pages in every language
/// (signed in and not), every packet, the proof bundle, and the rows of the rehearsal, probe,
/// audit and target tables.
async fn everything_shown(app: &TestApp) -> Vec<String> {
    let mut marek = app.actor("marek").await;
    let mut seen = Vec::new();
    for lang in Lang::ALL {
        for path in ["", "/rehearsal", "/audit", "/proof", "/print"] {
            let path = format!("{CONSOLE}{path}?lang={}", lang.code());
            seen.push(marek.get(&path).await.body);
            seen.push(app.get(&path, &[]).await.body);
        }
    }
    for packet in readiness_console::readiness::packets::PacketKey::ALL {
        seen.push(
            app.get(&format!("{CONSOLE}/packets/{packet}"), &[])
                .await
                .body,
        );
    }
    let mut client = Client::new(&app.router);
    let bundle = client.get(&format!("{CONSOLE}/bundle")).await;
    assert_eq!(bundle.status, 200);
    seen.push(bundle.body);
    let dump: String = sqlx::query_scalar(
        "select string_agg(t::text, E'\\n') from (
             select r::text as t from rehearsal_runs r
             union all select p::text from probe_results p
             union all select a::text from audit_events a
             union all select g::text from rehearsal_targets g) x",
    )
    .fetch_one(&mut *app.db.demo_tx().await)
    .await
    .unwrap();
    seen.push(dump);
    seen
}

#[tokio::test]
async fn a_file_outside_the_secret_dirs_is_never_read_not_even_through_a_symlink() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    // Named on the page, a file outside the allowed folders is refused in every language.
    for lang in Lang::ALL {
        let refused = name_on_the_page(&mut marek, "file:/etc/passwd", lang).await;
        assert_eq!(refused.status, 422);
        let message = lang.tr().t("rehearsal-ref-outside_secret_dirs");
        assert!(refused.body.contains(&escape(&message)), "{lang:?}");
    }
    assert_eq!(app.db.count_in_demo("rehearsal_targets").await, 0);

    // A symlink inside the allowed folder that leads out of it, to /etc/passwd or to a
    // `.pgpass`-style file, passes the naming (it is judged on its text) and is refused when
    // the run resolves it: nothing of either file is read.
    let outside = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    const PGPASS_SECRET: &str = "PgpassS3cret-71c0";
    let pgpass = outside.path().join(".pgpass");
    std::fs::write(
        &pgpass,
        format!("db.example:5432:bfg:bfg:{PGPASS_SECRET}\n"),
    )
    .unwrap();
    let passwd_line = std::fs::read_to_string("/etc/passwd")
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    test_secrets();
    for (name, points_to) in [
        ("passwd", std::path::Path::new("/etc/passwd")),
        ("pgpass", &pgpass),
    ] {
        let link = secrets_dir().join(format!("{name}-{}", uuid::Uuid::new_v4()));
        std::os::unix::fs::symlink(points_to, &link).unwrap();
        let reference = format!("file:{}", link.display());
        let saved = name_on_the_page(&mut marek, &reference, Lang::En).await;
        assert_eq!(saved.status, 303, "{name}");
        let started =
            rehearsal::start(&app.db.app, &runner(), RehearsalKind::Connection, limits()).await;
        assert!(
            matches!(
                started,
                Err(StartError::Refused(Refusal::FileOutsideSecretDirs))
            ),
            "{name}"
        );
        let refused = latest_run(&app, RehearsalKind::Connection).await;
        assert_eq!(refused.state, RunState::Refused, "{name}");
        assert_eq!(
            refused.reason.map(RunReason::as_str),
            Some("file_outside_secret_dirs")
        );
    }
    let page = app.get(&format!("{CONSOLE}/rehearsal?lang=es"), &[]).await;
    assert!(page.body.contains(&escape(
        &Lang::Es.tr().t("rehearsal-reason-file_outside_secret_dirs")
    )));
    for text in everything_shown(&app).await {
        assert!(!text.contains(&passwd_line), "/etc/passwd leaked");
        assert!(!text.contains(PGPASS_SECRET), "the .pgpass leaked");
    }
}

#[tokio::test]
async fn an_endpoint_recorded_from_a_file_that_held_no_url_is_cleared_by_the_migration() {
    let db = TestDb::new().await;
    db.as_owner_in_demo(
        "insert into rehearsal_runs (tenant_id, kind, state, actor_id, endpoint) values
           (current_setting('app.tenant_id')::uuid, 'connection', 'failed',
            'user_dispatcher_marek', 'localhost:5432/x:0:0:root:/root:/bin/bash'),
           (current_setting('app.tenant_id')::uuid, 'gap', 'passed',
            'user_dispatcher_marek', 'db.example:6543/bfg_prod');",
    )
    .await;
    sqlx::raw_sql(include_str!("../../migrations/0004_redact_endpoints.sql"))
        .execute(&db.owner)
        .await
        .unwrap();
    let endpoints: Vec<Option<String>> =
        sqlx::query_scalar("select endpoint from rehearsal_runs order by id")
            .fetch_all(&mut *db.demo_tx().await)
            .await
            .unwrap();
    assert_eq!(endpoints, [None, Some("db.example:6543/bfg_prod".into())]);
}

#[tokio::test]
async fn the_secret_is_nowhere_in_logs_pages_packets_or_the_database() {
    let (logs, _guard) = Logs::capture(tracing::Level::TRACE);

    let app = TestApp::spawn().await;
    freeze_demo_snapshot(&app.db).await;
    const SECRET: &str = "S3cretValue-9f2c";
    // A password-bearing URL to an unreachable port, in a file.
    name_target(&app, &format!("postgres://bfg:{SECRET}@127.0.0.1:1/bfg")).await;
    run(&app, RehearsalKind::Connection).await;
    let file = tempfile::NamedTempFile::new_in(secrets_dir()).unwrap();
    writeln!(file.as_file(), "postgres://bfg:{SECRET}@127.0.0.1:1/bfg").unwrap();
    set_reference(&app, &format!("file:{}", file.path().display())).await;
    run(&app, RehearsalKind::DryRun).await;
    run(&app, RehearsalKind::Gap).await;

    let mut seen = everything_shown(&app).await;
    assert!(
        seen.iter().any(|t| t.contains("127.0.0.1:1/bfg")),
        "the redacted endpoint is recorded"
    );
    let logged = logs.text();
    assert!(!logged.is_empty());
    seen.push(logged);
    for text in seen {
        assert!(!text.contains(SECRET), "the secret leaked");
    }
}

/// A throwaway cluster on 127.0.0.1 with TLS (a self-signed certificate) and passwords over
/// TCP: the SHA-256 of its certificate, its port, and the cluster (stopped and removed on drop).
pub(crate) struct TlsCluster {
    pg: Option<embedded::EmbeddedPostgres>,
    dir: std::path::PathBuf,
    port: u16,
    certificate_sha256: String,
}

impl TlsCluster {
    /// The URL of its `bfg` database (the runbook applied) as its owner, over TLS: what an
    /// operator writes into the secret file a rehearsal target is named by.
    pub(crate) fn owner_url(&self) -> String {
        format!(
            "postgres://bfg:Tls-pass-42@127.0.0.1:{}/bfg?sslmode=require",
            self.port
        )
    }
}

impl Drop for TlsCluster {
    fn drop(&mut self) {
        if let Some(pg) = self.pg.take() {
            let _ = pg.stop();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn command(program: &str, args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

pub(crate) async fn tls_cluster() -> TlsCluster {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("tls-pg-{}", uuid::Uuid::new_v4().simple()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let options = vec![
        "listen_addresses=127.0.0.1".to_owned(),
        format!("port={port}"),
        "ssl=on".to_owned(),
        "fsync=off".to_owned(),
    ];
    let pg = embedded::EmbeddedPostgres::open(&dir, options).unwrap();
    // The server's files: a self-signed certificate in the data directory (its defaults
    // `server.crt` and `server.key`), and passwords (SCRAM) for every TCP connection.
    let data = dir.join("postgres");
    let (crt, key) = (data.join("server.crt"), data.join("server.key"));
    command(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-keyout",
            key.to_str().unwrap(),
            "-out",
            crt.to_str().unwrap(),
        ],
    );
    let owner = std::fs::metadata(&data).unwrap();
    for file in [&crt, &key] {
        std::os::unix::fs::chown(
            file,
            Some(std::os::unix::fs::MetadataExt::uid(&owner)),
            Some(std::os::unix::fs::MetadataExt::gid(&owner)),
        )
        .unwrap();
        std::fs::set_permissions(file, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
    }
    let hba = data.join("pg_hba.conf");
    let rules: String = std::fs::read_to_string(&hba)
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with("host") {
                l.replace("trust", "scram-sha-256")
            } else {
                l.to_owned()
            }
        })
        .map(|l| l + "\n")
        .collect();
    std::fs::write(&hba, rules).unwrap();
    pg.start().unwrap();
    let der = command(
        "openssl",
        &["x509", "-in", crt.to_str().unwrap(), "-outform", "DER"],
    );
    let certificate_sha256 = readiness_console::bundle::sha256(&der);
    // A role with a password, owning a database with the runbook applied (set up over the
    // trusted local socket).
    let socket = |user: &str, database: &str| {
        pg.url(user, database)
            .replacen("@localhost/", &format!("@localhost:{port}/"), 1)
    };
    let su = db::connect(&socket(embedded::SUPERUSER, "postgres"), 1)
        .await
        .unwrap();
    for sql in [
        "create role bfg login password 'Tls-pass-42'",
        "create database bfg owner bfg",
    ] {
        sqlx::raw_sql(sql).execute(&su).await.unwrap();
    }
    su.close().await;
    let owner = db::connect(&socket("bfg", "bfg"), 1).await.unwrap();
    sqlx::raw_sql(RUNBOOK_SQL).execute(&owner).await.unwrap();
    owner.close().await;
    TlsCluster {
        pg: Some(pg),
        dir,
        port,
        certificate_sha256,
    }
}

#[tokio::test]
async fn a_tls_target_is_fingerprinted_and_lets_live_credentials_through() {
    let tls = tls_cluster().await;
    let app = TestApp::spawn().await;
    for url in [
        format!("postgres://bfg:Tls-pass-42@127.0.0.1:{}/bfg", tls.port),
        tls.owner_url(),
    ] {
        name_target(&app, &url).await;
        let run = run(&app, RehearsalKind::Connection).await;
        assert_eq!(run.state, RunState::Passed, "{:?}", reasons(&run));
        let steps = reasons(&run);
        assert_eq!(
            steps[4],
            ("wiring.live_credentials".into(), true, "ok".into())
        );
        assert_eq!(
            run.transcript.0[1].detail["tls"], tls.certificate_sha256,
            "the fingerprint is the certificate's SHA-256"
        );
    }
    let packet = app.get(&format!("{CONSOLE}/packets/connection"), &[]).await;
    assert!(
        packet
            .body
            .contains(&format!("tls_fingerprint={}", tls.certificate_sha256)),
        "{}",
        packet.body
    );
    assert!(!packet.body.contains("Tls-pass-42"));
    // A wrong password is refused by the target, and said so.
    name_target(
        &app,
        &format!("postgres://bfg:wrong-password@127.0.0.1:{}/bfg", tls.port),
    )
    .await;
    let run = run(&app, RehearsalKind::Connection).await;
    assert_eq!(
        reasons(&run)[0],
        (
            "connection.endpoint_reachability".into(),
            false,
            "auth_failed".into()
        )
    );
}

#[tokio::test]
async fn a_run_that_outlives_its_limit_is_cancelled_and_recorded_as_timed_out() {
    let app = TestApp::spawn().await;
    let blocker = a_target_held_locked(&app).await;
    // Statements may wait longer than the whole run may take.
    let limits = Limits {
        connect: Duration::from_secs(3),
        statement: Duration::from_secs(30),
        run: Duration::from_secs(2),
    };
    let (_, work) = rehearsal::start(&app.db.app, &runner(), RehearsalKind::Connection, limits)
        .await
        .unwrap();
    work.await;
    blocker.rollback().await.unwrap();
    let run = latest_run(&app, RehearsalKind::Connection).await;
    assert_eq!(
        (run.state.as_str(), run.reason.map(RunReason::as_str)),
        ("timed_out", Some("timed_out"))
    );
    // Nothing partial: no step of the cancelled run was recorded, and the next run may start.
    assert_eq!(app.db.count_in_demo("probe_results").await, 0);
    let page = app.get(&format!("{CONSOLE}/rehearsal?lang=es"), &[]).await;
    assert!(
        page.body
            .contains(&escape(&Lang::Es.tr().t("rehearsal-state-timed_out")))
    );
    assert!(
        rehearsal::start(&app.db.app, &runner(), RehearsalKind::Gap, limits)
            .await
            .is_ok()
    );
}
