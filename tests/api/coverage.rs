//! What the audit chain covers: the sign-off's head signed as it commits, the events no signed
//! checkpoint covers named by `verify-bundle` and `verify-audit` (and refused with
//! `--require-signed-head`), a key given that checks nothing never passing, and every record
//! of the state — the demo seed's included — matched with its audit event both ways.

use readiness_console::bundle;
use readiness_console::chain::{Record, Unaccounted, Verification};
use readiness_console::db::audit;
use readiness_console::db::write::CheckCommand;
use readiness_console::i18n::Lang;
use readiness_console::readiness::evidence::Evidence;
use uuid::Uuid;

use crate::support::{
    ANNA, CONSOLE, MAREK, TestApp, TestDb, assert_fails_saying, cli, eventually, outcome,
    test_clock, test_key,
};

/// `verify-bundle` on these bytes, with `args` after the file.
fn verify_bundle_cli(bytes: &[u8], args: &[&str]) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bfg-control-proof.tar");
    std::fs::write(&file, bytes).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readiness-console"))
        .arg("verify-bundle")
        .arg(&file)
        .args(args)
        .output()
        .unwrap();
    outcome(&out)
}

/// `verify-bundle` refuses these bytes, says nothing passed, and says `said` on stderr: its
/// stdout.
fn verify_bundle_refuses(bytes: &[u8], args: &[&str], said: &str) -> String {
    let ran = verify_bundle_cli(bytes, args);
    assert!(!ran.1.contains("passed"), "{}", ran.1);
    assert_fails_saying(&ran, said);
    ran.1
}

async fn bundle_bytes(app: &TestApp) -> Vec<u8> {
    let bundle = app.get(&format!("{CONSOLE}/bundle"), &[]).await;
    assert_eq!(bundle.status, 200);
    bundle.bytes
}

/// The bundle rebuilt — manifest recomputed, as someone who edits it would — with its
/// `checkpoints.jsonl` changed by `edit`.
fn with_checkpoints(bytes: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::Read as _;
    let mut dir = String::new();
    let mut files = Vec::new();
    let mut archive = tar::Archive::new(bytes);
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        let (folder, inner) = path.split_once('/').unwrap();
        dir = folder.to_owned();
        let mut body = Vec::new();
        entry.read_to_end(&mut body).unwrap();
        if inner == bundle::MANIFEST {
            continue;
        }
        if inner == bundle::CHECKPOINTS {
            body = edit(&String::from_utf8(body).unwrap()).into_bytes();
        }
        files.push((inner.to_owned(), body));
    }
    bundle::build(&dir, &files, test_clock().now())
}

/// The sequence numbers of the demo tenant's stored checkpoints.
async fn checkpoint_seqs(db: &TestDb) -> Vec<i64> {
    sqlx::query_scalar("select seq from audit_checkpoints order by seq")
        .fetch_all(&mut *db.demo_tx().await)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_bundle_taken_right_after_go_has_a_signed_head_and_without_its_checkpoint_names_the_events()
 {
    let app = TestApp::spawn().await;
    app.db.make_all_green().await;
    // The demo seed's event, #1, checkpointed; then Anna revokes and accepts one of her checks
    // again (#2, #3), which nothing checkpoints.
    audit::checkpoint_now(&app.db.app, "bfg-control", test_key(), test_clock())
        .await
        .unwrap();
    let anna = app.db.writer(ANNA);
    let frozen = "passage.contracts_frozen";
    anna.revoke(frozen, 0, "Checking the freeze again")
        .await
        .unwrap();
    anna.accept(frozen, 1, "Contracts frozen, checked again")
        .await
        .unwrap();
    // Anna signs GO through the form (#4).
    let mut anna = app.actor("anna").await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    let signed = anna.sign_off_go().await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    // The sign-off signed its own head as it committed: before any bundle was downloaded.
    let go = crate::support::last_seq(&app.db, "sign_go").await;
    assert_eq!(checkpoint_seqs(&app.db).await, vec![1, go]);

    let bytes = bundle_bytes(&app).await;
    let key = test_key().public_hex();
    let report = bundle::verify(&bytes, Some(&key));
    assert!(report.ok(), "{:?}", report.problems);
    // Every event up to the GO (the sign-ins among them), each signed, and two checkpoints.
    let Some(Verification::Intact {
        events,
        checkpointed,
        signatures,
        ..
    }) = report.chain
    else {
        panic!("{:?}", report.chain)
    };
    assert_eq!((events, checkpointed, signatures), (go, go, go + 2));
    let (ok, stdout, stderr) =
        verify_bundle_cli(&bytes, &["--public-key", &key, "--require-signed-head"]);
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("audit chain intact: {go} events, head ")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{} signatures checked under the public key given, {key}",
            go + 2
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "the head, event #{go}, is covered by a signed checkpoint"
        )),
        "{stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("bfg-control-proof.tar passed"),
        "{stdout}"
    );

    // The GO's checkpoint taken out of the bundle: the events after the one left are named.
    let cut = with_checkpoints(&bytes, |text| {
        let lines: Vec<&str> = text.lines().collect();
        format!("{}\n", lines[..lines.len() - 1].join("\n"))
    });
    let strict = ["--public-key", &key, "--require-signed-head"];
    let stdout = verify_bundle_refuses(
        &cut,
        &strict,
        &format!(
            "checkpoints.jsonl has no checkpoint of the head, event #{go}: events #2–#{go} are \
             covered by their own signatures but by no signed checkpoint"
        ),
    );
    assert!(
        stdout.contains(&format!(
            "events #2–#{go} are covered by their own signatures but by no signed checkpoint"
        )),
        "{stdout}"
    );
    // Every checkpoint taken out: every event is named.
    verify_bundle_refuses(
        &with_checkpoints(&bytes, |_| String::new()),
        &strict,
        &format!("events #1–#{go} are covered by their own signatures but by no signed checkpoint"),
    );
}

#[tokio::test]
async fn a_no_go_is_checkpointed_as_it_commits_too() {
    let db = TestDb::new().await;
    db.writer(ANNA)
        .sign_off_no_go("Backup restore not rehearsed yet")
        .await
        .unwrap();
    // The demo seed's event is #1, the NO-GO #2.
    assert_eq!(checkpoint_seqs(&db).await, vec![2]);
    assert!(
        crate::support::verify_chain(&db.app)
            .await
            .unwrap()
            .head_is_signed()
    );
}

#[tokio::test]
async fn verify_audit_names_the_events_no_checkpoint_covers_and_can_require_a_signed_head() {
    let db = TestDb::new().await;
    // #2 and #3 after the demo seed's #1; nothing checkpointed yet.
    crate::support::accept_then_revoke_role_headers(&db, "Headers verified on the gateway", "", "")
        .await;
    let verify = ["verify-audit", "--tenant", "bfg-control"];
    let (ok, stdout, stderr) = cli(&db, &verify);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains(
            "events #1–#3 are covered by their own signatures but by no signed checkpoint"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 signatures checked under the public key of "),
        "{stdout}"
    );
    let strict = [&verify[..], &["--require-signed-head"]].concat();
    assert_fails_saying(
        &cli(&db, &strict),
        "the head of bfg-control, event #3, is covered by no signed checkpoint: events \
             #1–#3 are covered by their own signatures but by no signed checkpoint",
    );

    audit::checkpoint_now(&db.app, "bfg-control", test_key(), test_clock())
        .await
        .unwrap();
    let (ok, stdout, stderr) = cli(&db, &strict);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("the head, event #3, is covered by a signed checkpoint"),
        "{stdout}"
    );
    // One more event: it alone is named.
    db.writer(MAREK)
        .accept("passage.role_headers", 2, "Headers verified again")
        .await
        .unwrap();
    assert_fails_saying(
        &cli(&db, &strict),
        "event #4 is covered by its own signature but by no signed checkpoint",
    );
    // A public key given is the one trusted: another key's is refused at the first event.
    let other = "ab".repeat(32);
    assert_fails_saying(
        &cli(&db, &[&verify[..], &["--public-key", &other]].concat()),
        "broken at event #1: event_bad_signature",
    );
}

#[tokio::test]
async fn a_key_given_that_checks_no_signature_never_passes() {
    // A bundle of an empty chain: every file listed, nothing signed.
    let summary = serde_json::json!({
        "tenant_id": Uuid::new_v4(),
        "audit_head": { "seq": 0, "hash": "", "signed_from": 1 },
    });
    let files = vec![
        (bundle::SUMMARY.to_owned(), summary.to_string().into_bytes()),
        (bundle::EVENTS.to_owned(), Vec::new()),
        (bundle::CHECKPOINTS.to_owned(), Vec::new()),
        (
            bundle::PUBLIC_KEY.to_owned(),
            format!("{}\n", test_key().public_hex()).into_bytes(),
        ),
    ];
    let bytes = bundle::build("bfg-control-proof-0", &files, test_clock().now());
    let key = test_key().public_hex();
    verify_bundle_refuses(
        &bytes,
        &["--public-key", &key],
        "nothing in the bundle is signed: no signature to check under the public key given",
    );
    verify_bundle_refuses(&bytes, &["--require-signed-head"], "there is no head");
}

#[tokio::test]
async fn a_fresh_demo_names_its_seeded_decision_in_the_trail_and_on_the_item_page() {
    let app = TestApp::spawn().await;
    for lang in Lang::ALL {
        let tr = lang.tr();
        let code = lang.code();
        let seeded = tr.t1("coverage-seeded", "request", "seed-demo");
        let trail = app.get(&format!("{CONSOLE}/audit?lang={code}"), &[]).await;
        assert_eq!(trail.status, 200);
        let row = trail.body.find("<tr id=\"e-1\">").expect("event #1");
        let row = &trail.body[row..row + trail.body[row..].find("</tr>").unwrap()];
        assert!(row.contains("Anna Kowalska"), "{lang:?}: {row}");
        assert!(row.contains(&tr.t("audit-action-decide")), "{lang:?}");
        assert!(row.contains(&seeded), "{lang:?}: {row}");
        assert!(
            row.contains(&format!(
                "href=\"/t/bfg-control/items/decision_board.adapter_selection?lang={code}\""
            )),
            "{lang:?}"
        );
        assert!(!trail.body.contains("<tr id=\"e-2\">"), "one event only");

        let item = app
            .get(
                &format!("{CONSOLE}/items/decision_board.adapter_selection?lang={code}"),
                &[],
            )
            .await;
        assert_eq!(item.status, 200);
        assert!(!item.body.contains(&tr.t("proof-no-events")), "{lang:?}");
        assert!(
            item.body
                .contains(&format!("audit?lang={code}&amp;before=2#e-1\">1</a>")),
            "{lang:?}"
        );
        assert!(item.body.contains(&seeded), "{lang:?}");
        assert!(item.body.contains(
            "Staging target selected for rehearsal; the local demo keeps the file adapter."
        ));
    }

    // `verify-audit` passes on the fresh demo, every record matched with its event…
    let (ok, stdout, stderr) = cli(&app.db, &["verify-audit", "--tenant", "bfg-control"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains(
            "every acceptance, decision, revocation, probe result and sign-off of bfg-control \
             has its audit event, and every such event its record"
        ),
        "{stdout}"
    );
    let mut reviewer = app.actor("reviewer").await;
    let page = reviewer
        .get(&format!("{CONSOLE}/audit/verify?lang=en"))
        .await;
    assert!(
        page.body.contains(&Lang::En.tr().t("coverage-records-ok")),
        "{}",
        page.body
    );

    // …and names an acceptance inserted behind the app's back, by table and id.
    app.db
        .as_owner_in_demo(
            "insert into acceptances (tenant_id, item_key, actor_id, evidence_note)
             values (current_setting('app.tenant_id')::uuid, 'passage.role_headers',
                     'user_dispatcher_marek', 'Accepted behind the app''s back')",
        )
        .await;
    let id: i64 =
        sqlx::query_scalar("select id from acceptances where item_key = 'passage.role_headers'")
            .fetch_one(&mut *app.db.demo_tx().await)
            .await
            .unwrap();
    let events = app.db.count_in_demo("audit_events").await;
    let (ok, stdout, stderr) = cli(&app.db, &["verify-audit", "--tenant", "bfg-control"]);
    assert!(!ok);
    // The chain itself is intact: nothing was appended to it (the seed's event and the
    // reviewer's sign-in).
    assert_eq!(events, 2);
    assert!(
        stdout.starts_with(&format!(
            "audit chain of bfg-control intact: {events} events"
        )),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!(
            "records of bfg-control the audit chain does not account for: acceptances #{id} \
             (acceptance): record_without_event"
        )),
        "{stderr}"
    );
    for lang in Lang::ALL {
        let tr = lang.tr();
        let page = reviewer.page_in("/audit/verify", lang).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains(&tr.t("coverage-records-broken")),
            "{lang:?}"
        );
        let row = tr.t2(
            "coverage-row",
            "record",
            tr.t("coverage-record-acceptance"),
            "id",
            id.to_string(),
        );
        assert!(page.body.contains(&row), "{lang:?}: {row}");
        assert!(
            page.body
                .contains(&tr.t("audit-fault-record_without_event")),
            "{lang:?}"
        );
    }
}

#[tokio::test]
async fn every_record_the_app_writes_has_its_event_and_one_changed_behind_its_back_is_named() {
    let db = TestDb::new().await;
    let role_headers = "passage.role_headers";
    // Accepted, revoked, and the same acceptance made again, which needs an event of its own.
    crate::support::accept_then_revoke_role_headers(
        &db,
        "Role headers verified in staging",
        "https://evidence.example/headers",
        "bfg-3d15b1f6",
    )
    .await;
    let same = Evidence::parse(
        "Role headers verified in staging",
        "https://evidence.example/headers",
        "bfg-3d15b1f6",
    )
    .unwrap();
    db.writer(MAREK)
        .check(role_headers, 2, &CheckCommand::Accept(same))
        .await
        .unwrap();
    let anna = db.writer(ANNA);
    let region = "Region fixed by the data protection review";
    anna.decide("infrastructure.region", 0, "EU", region)
        .await
        .unwrap();
    anna.sign_off_no_go("Backup restore not rehearsed yet")
        .await
        .unwrap();
    let verdict = || async {
        audit::verify_with_records(&db.app, "bfg-control", Some(&test_key().public_hex()), &[])
            .await
            .unwrap()
            .unwrap()
    };
    let clean = verdict().await;
    assert!(clean.ok(), "{clean:?}");

    // Behind the app's back, as the owner: a decision's evidence edited, the sign-off deleted,
    // a probe result inserted.
    db.as_owner_in_demo(
        "update acceptances set evidence_note = 'Region chosen by nobody in particular'
         where item_key = 'infrastructure.region';
         delete from signoffs;
         insert into probe_results (tenant_id, item_key, passed, found)
         values (current_setting('app.tenant_id')::uuid, 'connection.write_probe', true, 1);",
    )
    .await;
    let ids = |sql: &'static str| async {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(&mut *db.demo_tx().await)
            .await
            .unwrap()
    };
    let decision_row =
        ids("select id from acceptances where item_key = 'infrastructure.region'").await;
    let probe_row = ids("select id from probe_results").await;
    let decide_event = ids(
        "select seq from audit_events where action = 'decide' and target = 'infrastructure.region'",
    )
    .await;
    let no_go_event = ids("select seq from audit_events where action = 'record_no_go'").await;
    let found = verdict().await;
    assert!(matches!(found.chain, Verification::Intact { .. }));
    assert_eq!(
        found.unaccounted,
        vec![
            Unaccounted::Row {
                record: Record::Decision,
                id: decision_row
            },
            Unaccounted::Event {
                record: Record::Decision,
                seq: decide_event
            },
            Unaccounted::Row {
                record: Record::ProbeResult,
                id: probe_row
            },
            Unaccounted::Event {
                record: Record::Signoff,
                seq: no_go_event
            },
        ]
    );
}
