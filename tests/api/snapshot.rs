//! The scenario snapshot over HTTP: importing the demo payload, freezing it (and again),
//! the console's figures moving, refused files listed by line with nothing stored, the size
//! limit, roles, and frozen rows that cannot change.

use readiness_console::i18n::Lang;
use readiness_console::readiness::scenario;

use crate::support::{CONSOLE, Client, Page, TestApp, html_escape};

const DEMO: &[u8] = include_bytes!("../../demo/bfg-control-scenario.jsonl");

/// Uploads `file` through the snapshot page's form in `lang`.
async fn import(client: &mut Client, lang: &str, file: &[u8]) -> Page {
    let page = client.get(&format!("{CONSOLE}/snapshot?lang={lang}")).await;
    let form = page.form("enctype=\"multipart/form-data\"");
    assert_eq!(
        form.action,
        format!("{CONSOLE}/snapshot/import?lang={lang}")
    );
    let fields: Vec<(&str, &str)> = form
        .fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client
        .post_multipart(&form.action, &fields, ("file", "payload.jsonl", file), &[])
        .await
}

/// Freezes the newest import through its form on the snapshot page.
async fn freeze(client: &mut Client) -> Page {
    let page = client.get(&format!("{CONSOLE}/snapshot?lang=en")).await;
    let form = page.form("action=\"/t/bfg-control/snapshot/freeze");
    client.submit(&form, &[]).await
}

async fn imports(app: &TestApp) -> i64 {
    app.db.count_in_demo("scenario_imports").await
}

#[tokio::test]
async fn importing_and_freezing_the_demo_payload_moves_the_console() {
    let app = TestApp::spawn().await;
    let before = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    assert_eq!(before.texts("tile-value")[3], "1/5", "preflight before");
    let mut marek = app.actor("marek").await;
    let imported = import(&mut marek, "en", DEMO).await;
    assert_eq!(imported.status, 303, "{}", imported.body);
    let page = marek
        .get(&format!("{CONSOLE}/snapshot?lang=en&done=imported"))
        .await;
    assert!(page.body.contains("bfg-5de6a303"));
    // Imported is not frozen: the console has not moved yet.
    let still = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    assert_eq!(still.texts("tile-value")[3], "1/5");

    let frozen = freeze(&mut marek).await;
    assert_eq!(frozen.status, 303, "{}", frozen.body);
    crate::support::eventually(|| async {
        let after = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
        after.texts("tile-value")[3] == "2/5"
    })
    .await;
    let after = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    let counts = after.texts("section-count");
    let tr = Lang::En.tr();
    assert!(
        counts.contains(&tr.t2("section-count", "ready", 2u32, "total", 6u32)),
        "runbook 2/6: {counts:?}"
    );
    // The batch groups carry the frozen rows.
    for rows in ["300", "80", "20"] {
        assert!(
            after
                .body
                .contains(&tr.t1("batch-rows", "rows", rows.parse::<u32>().unwrap())),
            "{rows}"
        );
    }
    let (version, rows, checksum): (i32, i64, String) =
        sqlx::query_as("select version, rows, checksum from scenario_snapshots")
            .fetch_one(&mut *app.db.demo_tx().await)
            .await
            .unwrap();
    assert_eq!((version, rows, checksum.as_str()), (1, 400, "bfg-5de6a303"));

    // Frozen is frozen: not even the owner can change or remove it.
    for sql in [
        "update scenario_snapshots set rows = 1",
        "delete from scenario_snapshots",
        "update scenario_records set canonical = '{}'",
        "delete from scenario_imports",
    ] {
        let mut tx = app.db.demo_tx().await;
        assert!(sqlx::raw_sql(sql).execute(&mut *tx).await.is_err(), "{sql}");
    }
    // Freezing again makes a new version; the first stays as it was.
    assert_eq!(freeze(&mut marek).await.status, 303);
    let versions: Vec<(i32, i64)> =
        sqlx::query_as("select version, rows from scenario_snapshots order by version")
            .fetch_all(&mut *app.db.demo_tx().await)
            .await
            .unwrap();
    assert_eq!(versions, vec![(1, 400), (2, 400)]);
    // Each import and freeze is an audit event.
    let audit = app
        .get(
            &format!("{CONSOLE}/audit?lang=en&action=freeze_snapshot"),
            &[],
        )
        .await;
    assert!(audit.body.contains(&tr.t("audit-action-freeze_snapshot")));
}

/// A refused file: its text, the problem's code, the message's arguments, and the line named.
type Case = (String, &'static str, Vec<(&'static str, String)>, usize);

#[tokio::test]
async fn a_refused_file_names_each_line_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let text = String::from_utf8(DEMO.to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let first_id = lines[1]
        .split("\"id\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let cases: Vec<Case> = vec![
        (
            format!("{}\n{}\n{{\"kind\": \"order\"", lines[0], lines[1]),
            "broken-json",
            vec![],
            3,
        ),
        (
            text.replacen("BFGScenarioSnapshot.v1", "BFGScenarioSnapshot.v0", 1),
            "wrong-schema",
            vec![("found", "BFGScenarioSnapshot.v0".into())],
            1,
        ),
        (
            format!("{}\n{}\n{}", lines[0], lines[1], lines[1]),
            "duplicate-id",
            vec![("id", first_id), ("first_line", "2".into())],
            3,
        ),
        (
            format!(
                "{}\n{}",
                lines[0],
                lines[1].replacen('{', "{\"colour\": \"red\", ", 1)
            ),
            "unknown-field",
            vec![("field", "colour".into())],
            2,
        ),
    ];
    for lang in Lang::ALL {
        let tr = lang.tr();
        for (file, code, args, line) in &cases {
            let page = import(&mut anna, lang.code(), file.as_bytes()).await;
            assert_eq!(page.status, 422, "{code}");
            assert!(
                page.body
                    .contains(&tr.t1("scenario-error-line", "line", *line as u32)),
                "{code} names line {line} in {lang:?}"
            );
            let args: Vec<(&str, readiness_console::i18n::Arg)> =
                args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
            let message = tr.t_args(&format!("scenario-error-{code}"), &args);
            assert!(
                page.body.contains(&html_escape(&message)),
                "{code} in {lang:?}: {message}"
            );
        }
    }
    assert_eq!(imports(&app).await, 0, "nothing stored");
    // Oversize: refused from the announced length, before the body is read.
    let mut big = Vec::from(DEMO);
    big.resize(scenario::MAX_BYTES + 128 * 1024, b' ');
    let page = import(&mut anna, "fr", &big).await;
    assert_eq!(page.status, 413);
    assert!(page.body.contains(&Lang::Fr.tr().t("scenario-error-file")));
    // Just over the file's limit, within the request's: the check says so, by the line.
    big.truncate(scenario::MAX_BYTES + 1);
    let page = import(&mut anna, "es", &big).await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains(&Lang::Es.tr().t("scenario-error-file")));
    assert_eq!(imports(&app).await, 0);
}

#[tokio::test]
async fn only_the_managing_director_and_the_dispatcher_import_or_freeze() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    assert_eq!(import(&mut marek, "en", DEMO).await.status, 303);
    for user in ["reviewer", "olena"] {
        let mut client = app.actor(user).await;
        let page = client.get(&format!("{CONSOLE}/snapshot?lang=es")).await;
        assert!(
            !page.body.contains("enctype=\"multipart/form-data\""),
            "{user} sees no form"
        );
        assert!(page.body.contains(&Lang::Es.tr().t("scenario-who-may")));
        // Forged forms are refused on the server.
        let csrf = {
            let console = client.get(&format!("{CONSOLE}/sign-in?lang=en")).await;
            console.input_after("<form", "csrf")
        };
        let refused = client
            .post_multipart(
                &format!("{CONSOLE}/snapshot/import?lang=es"),
                &[
                    ("csrf", &csrf),
                    ("idempotency_key", &uuid::Uuid::new_v4().to_string()),
                ],
                ("file", "payload.jsonl", DEMO),
                &[],
            )
            .await;
        assert_eq!(refused.status, 403, "{user} imports");
        assert!(
            refused
                .body
                .contains(&Lang::Es.tr().t("error-title-forbidden"))
        );
        let refused = client
            .post(
                &format!("{CONSOLE}/snapshot/freeze?lang=es"),
                &[
                    ("csrf", &csrf),
                    ("idempotency_key", &uuid::Uuid::new_v4().to_string()),
                    ("import_id", "1"),
                ],
                &[],
            )
            .await;
        assert_eq!(refused.status, 403, "{user} freezes");
    }
    assert_eq!(imports(&app).await, 1);
    assert_eq!(app.db.count_in_demo("scenario_snapshots").await, 0);
    // Without a session: sign in first.
    let mut anonymous = Client::new(&app.router);
    let refused = anonymous
        .post_multipart(
            &format!("{CONSOLE}/snapshot/import?lang=en"),
            &[
                ("csrf", "x"),
                ("idempotency_key", &uuid::Uuid::new_v4().to_string()),
            ],
            ("file", "payload.jsonl", DEMO),
            &[],
        )
        .await;
    assert_eq!(refused.status, 401);
}
