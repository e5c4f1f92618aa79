//! The audit trail over HTTP and in the database: keyset pages that neither skip nor repeat
//! while events are appended, filters, the chain's verification (and each kind of tampering it
//! catches in PostgreSQL), signed checkpoints, and the proof bundle checked with `sha256sum`
//! and `verify-bundle`.

use std::collections::BTreeSet;

use readiness_console::bundle;
use readiness_console::chain::{self, Fault, Verification};
use readiness_console::db::audit::{self, NewEvent};
use readiness_console::i18n::Lang;
use readiness_console::readiness::{AuditAction, AuditTarget};

use crate::support::{
    CONSOLE, Client, TestApp, TestDb, assert_fails_saying, cli, test_clock, test_key, verify_chain,
};

/// Appends `n` events to the demo tenant's chain as the app would, through the app role.
async fn append(db: &TestDb, n: i64, action: AuditAction, target: &str) {
    let (mut tx, tenant) = db.app_tx().await;
    for _ in 0..n {
        audit::append(
            &mut tx,
            tenant,
            &NewEvent {
                actor: "user_dispatcher_marek",
                action,
                target,
                evidence_digest: None,
                request_id: "test",
            },
            test_key(),
            test_clock(),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// The sequence numbers of the events a page lists, in order.
fn seqs(body: &str) -> Vec<i64> {
    body.match_indices("<tr id=\"e-")
        .filter_map(|(at, m)| {
            let rest = &body[at + m.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}

/// The "older" link of a page.
fn older(body: &str) -> Option<String> {
    let at = body.find("rel=\"next\"")?;
    let start = body[..at].rfind("href=\"")? + 6;
    Some(
        body[start..at]
            .trim_end_matches("\" ")
            .replace("&#38;", "&")
            .replace("&amp;", "&"),
    )
}

#[tokio::test]
async fn paging_back_while_events_are_appended_neither_skips_nor_repeats() {
    let app = TestApp::spawn().await;
    append(&app.db, 180, AuditAction::Accept, "passage.role_headers").await;
    // Writers keep appending while a reader pages back from the newest event.
    let writer_db = app.db.app.clone();
    let writer = tokio::spawn(async move {
        let db = TestDb {
            owner: writer_db.clone(),
            app: writer_db,
        };
        for _ in 0..20 {
            append(&db, 5, AuditAction::Revoke, "passage.role_headers").await;
        }
    });
    let mut page = app.get(&format!("{CONSOLE}/audit?lang=en"), &[]).await;
    assert_eq!(page.status, 200);
    let first = seqs(&page.body);
    assert_eq!(first.len(), 50);
    let newest = first[0];
    let mut seen = first.clone();
    while let Some(next) = older(&page.body) {
        page = app.get(&next, &[]).await;
        assert_eq!(page.status, 200, "{next}");
        seen.extend(seqs(&page.body));
    }
    writer.await.unwrap();
    let expected: Vec<i64> = (1..=newest).rev().collect();
    assert_eq!(
        seen, expected,
        "every event from the first page's newest down, once"
    );
    // The next first page starts at the new head (after the demo seed's event, #1).
    let now = app.get(&format!("{CONSOLE}/audit?lang=en"), &[]).await;
    assert_eq!(seqs(&now.body)[0], 281);
    // And the chain the writers made verifies, with its signed checkpoints (none due yet).
    assert!(matches!(
        verify_chain(&app.db.app).await,
        Some(Verification::Intact { events: 281, .. })
    ));
}

#[tokio::test]
async fn filters_narrow_the_trail_and_a_bad_date_is_reported_in_the_users_language() {
    let app = TestApp::spawn().await;
    append(&app.db, 3, AuditAction::Accept, "passage.role_headers").await;
    append(&app.db, 2, AuditAction::Revoke, "wiring.oidc_issuer").await;
    // Event #1 is the demo seed's decision, Anna's, on the decision board.
    let revokes = app
        .get(&format!("{CONSOLE}/audit?lang=es&action=revoke"), &[])
        .await;
    assert_eq!(seqs(&revokes.body), vec![6, 5]);
    let passage = app
        .get(&format!("{CONSOLE}/audit?lang=fr&section=passage"), &[])
        .await;
    assert_eq!(seqs(&passage.body), vec![4, 3, 2]);
    let nobody = app
        .get(
            &format!("{CONSOLE}/audit?lang=en&actor=user_accountant_olena"),
            &[],
        )
        .await;
    assert!(seqs(&nobody.body).is_empty());
    assert!(
        nobody
            .body
            .contains(&Lang::En.tr().t("audit-none-matching"))
    );
    let today = test_clock().now().date();
    let dated = app
        .get(
            &format!("{CONSOLE}/audit?lang=en&from={today}&to={today}"),
            &[],
        )
        .await;
    assert_eq!(seqs(&dated.body).len(), 6);
    let yesterday = today.previous_day().unwrap();
    let before = app
        .get(&format!("{CONSOLE}/audit?lang=en&to={yesterday}"), &[])
        .await;
    assert!(seqs(&before.body).is_empty());
    let bad = app
        .get(&format!("{CONSOLE}/audit?lang=fr&from=22/11/2026"), &[])
        .await;
    assert_eq!(bad.status, 200);
    assert!(bad.body.contains(&Lang::Fr.tr().t("audit-filter-bad-from")));
    assert_eq!(
        seqs(&bad.body).len(),
        6,
        "the bad filter is ignored, not fatal"
    );
    // Each event links to the item it names, and shows its hash and the previous one.
    assert!(
        passage
            .body
            .contains("href=\"/t/bfg-control/items/passage.role_headers?lang=fr\"")
    );
}

#[tokio::test]
async fn the_filter_offers_and_selects_every_action_the_chain_records() {
    let app = TestApp::spawn().await;
    // After the demo seed's event #1: two acceptances (#2, #3), then the rehearsal's events.
    append(&app.db, 2, AuditAction::Accept, "passage.role_headers").await;
    let target = AuditTarget::Connection.as_str();
    append(&app.db, 1, AuditAction::SetTarget, target).await;
    let probe = "connection.endpoint_reachability";
    append(&app.db, 1, AuditAction::ProbePassed, probe).await;
    append(&app.db, 1, AuditAction::ProbeFailed, probe).await;
    for (action, expected) in [
        (AuditAction::SetTarget, vec![4]),
        (AuditAction::ProbePassed, vec![5]),
        (AuditAction::ProbeFailed, vec![6]),
    ] {
        let page = app
            .get(&format!("{CONSOLE}/audit?lang=en&action={action}"), &[])
            .await;
        assert_eq!(seqs(&page.body), expected, "{action}");
        let label = Lang::En.tr().t(&format!("audit-action-{action}"));
        assert!(
            page.body.contains(&format!(
                "<option value=\"{action}\" selected>{label}</option>"
            )),
            "{action} is shown as the chosen filter"
        );
    }
    // Every action is offered, labelled in the reader's language.
    let page = app.get(&format!("{CONSOLE}/audit?lang=es"), &[]).await;
    for action in AuditAction::ALL {
        let label = Lang::Es.tr().t(&format!("audit-action-{action}"));
        assert!(
            page.body
                .contains(&format!("<option value=\"{action}\">{label}</option>")),
            "{action}"
        );
    }
}

#[tokio::test]
async fn verifying_from_the_page_needs_a_session_and_shows_the_head() {
    let app = TestApp::spawn().await;
    append(&app.db, 3, AuditAction::Accept, "passage.role_headers").await;
    let anonymous = app
        .get(&format!("{CONSOLE}/audit/verify?lang=en"), &[])
        .await;
    assert_eq!(anonymous.status, 401);
    let mut reviewer = app.actor("reviewer").await;
    let Some(Verification::Intact { head_hash, .. }) = verify_chain(&app.db.app).await else {
        panic!("the chain verifies");
    };
    for lang in Lang::ALL {
        let tr = lang.tr();
        let page = reviewer.page_in("/audit/verify", lang).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&tr.t("audit-verify-intact")), "{lang:?}");
        assert!(page.body.contains(&head_hash));
    }
    // Edited behind the app's back: the page names the event and why.
    tamper(
        &app.db,
        "update audit_events set target = 'passage.other' where seq = 2",
    )
    .await;
    let broken = reviewer
        .get(&format!("{CONSOLE}/audit/verify?lang=es"))
        .await;
    let tr = Lang::Es.tr();
    assert!(
        broken
            .body
            .contains(&tr.t1("audit-verify-broken", "seq", 2u32))
    );
    assert!(
        broken
            .body
            .contains(&tr.t("audit-fault-columns_differ_from_canonical"))
    );
}

/// Runs `sql` on the demo tenant as the owner with the append-only triggers off: what someone
/// with the database's keys could do.
async fn tamper(db: &TestDb, sql: &str) {
    db.as_owner_in_demo(&format!(
        "alter table audit_events disable trigger user;
         {sql};
         alter table audit_events enable trigger user;"
    ))
    .await;
}

async fn broken_at(db: &TestDb) -> (i64, Fault) {
    match verify_chain(&db.app).await {
        Some(Verification::Broken { seq, reason }) => (seq, reason),
        other => panic!("tampering went unnoticed: {other:?}"),
    }
}

#[tokio::test]
async fn each_kind_of_tampering_in_the_database_is_caught_at_several_positions() {
    // Event #1 is the demo seed's; the twelve appended are #2 to #13.
    for position in [2, 7, 13] {
        // Edited.
        let db = TestDb::new().await;
        append(&db, 12, AuditAction::Accept, "passage.role_headers").await;
        assert!(matches!(
            verify_chain(&db.app).await,
            Some(Verification::Intact { .. })
        ));
        tamper(
            &db,
            &format!("update audit_events set actor_id = 'user_md_anna' where seq = {position}"),
        )
        .await;
        assert_eq!(
            broken_at(&db).await,
            (position, Fault::ColumnsDifferFromCanonical)
        );

        // Deleted (the head rewritten when it was the newest).
        let db = TestDb::new().await;
        append(&db, 12, AuditAction::Accept, "passage.role_headers").await;
        tamper(
            &db,
            &format!("delete from audit_events where seq = {position}"),
        )
        .await;
        if position == 13 {
            // Without a checkpoint past it, the head catches a deleted newest event…
            assert_eq!(broken_at(&db).await.1, Fault::HeadMismatch);
        } else {
            assert_eq!(broken_at(&db).await, (position, Fault::Missing));
        }

        // Reordered: two neighbours swap numbers.
        let db = TestDb::new().await;
        append(&db, 12, AuditAction::Accept, "passage.role_headers").await;
        let other = if position == 13 { 12 } else { position + 1 };
        tamper(
            &db,
            &format!(
                "update audit_events set seq = 1000000 where seq = {position};
                 update audit_events set seq = {position} where seq = {other};
                 update audit_events set seq = {other} where seq = 1000000"
            ),
        )
        .await;
        assert!(broken_at(&db).await.0 <= position.min(other));

        // Inserted: later events renumbered to make room for a forged one.
        let db = TestDb::new().await;
        append(&db, 12, AuditAction::Accept, "passage.role_headers").await;
        tamper(
            &db,
            &format!(
                "update audit_events set seq = seq + 1000 where seq >= {position};
                 update audit_events set seq = seq - 999 where seq >= 1000;
                 insert into audit_events (tenant_id, seq, actor_id, action, target, canonical,
                                           prev_hash, hash)
                 select tenant_id, {position}, 'user_md_anna', 'accept', 'production', 'forged',
                        coalesce((select hash from audit_events where seq = {position} - 1), ''),
                        repeat('0', 64)
                 from audit_heads;
                 update audit_heads set seq = seq + 1"
            ),
        )
        .await;
        assert_eq!(broken_at(&db).await.0, position);
    }
}

#[tokio::test]
async fn deleting_the_newest_events_is_caught_against_a_signed_checkpoint() {
    for keep in [0, 5, 11] {
        let db = TestDb::new().await;
        append(&db, 12, AuditAction::Accept, "passage.role_headers").await;
        let cp = audit::checkpoint_now(&db.app, "bfg-control", test_key(), test_clock())
            .await
            .unwrap()
            .unwrap();
        // The demo seed's event and the twelve appended.
        assert_eq!(cp.seq, 13);
        // The newest events go, and the head is rewritten to the last one left: the chain
        // alone would look whole.
        tamper(
            &db,
            &format!(
                "delete from audit_events where seq > {keep};
                 update audit_heads set seq = {keep},
                     hash = coalesce((select hash from audit_events where seq = {keep}), '')"
            ),
        )
        .await;
        assert_eq!(
            broken_at(&db).await,
            (keep + 1, Fault::TruncatedBeforeCheckpoint)
        );
    }
}

#[tokio::test]
async fn every_thousandth_event_is_checkpointed_as_it_is_appended() {
    let db = TestDb::new().await;
    append(&db, 1001, AuditAction::Accept, "passage.role_headers").await;
    let checkpoints: Vec<(i64, String)> =
        sqlx::query_as("select seq, public_key from audit_checkpoints order by seq")
            .fetch_all(&mut *db.demo_tx().await)
            .await
            .unwrap();
    assert_eq!(checkpoints, vec![(1000, test_key().public_hex())]);
    // The hourly signer has nothing to add while the last checkpoint is recent.
    assert_eq!(
        audit::checkpoint_due(&db.app, test_key(), test_clock())
            .await
            .unwrap(),
        0
    );
    // The demo seed's event and the 1,001 appended.
    assert!(matches!(
        verify_chain(&db.app).await,
        Some(Verification::Intact {
            events: 1002,
            checkpoints: 1,
            ..
        })
    ));
    // The app role cannot remove or edit a checkpoint.
    let delete = sqlx::query("delete from audit_checkpoints")
        .execute(&db.app)
        .await;
    assert!(delete.is_err());
}

#[tokio::test]
async fn the_hourly_signer_signs_only_the_chains_that_moved() {
    let db = TestDb::new().await;
    readiness_console::db::seed_tenants::seed_tenants(
        &db.owner,
        test_key(),
        test_clock(),
        3,
        |_| {},
    )
    .await
    .unwrap();
    // Chains that moved past their last checkpoint (the seeded tenants' end on one).
    let (heads, moved): (i64, i64) = sqlx::query_as(
        "select count(*), count(*) filter (where h.seq > coalesce(
             (select max(c.seq) from audit_checkpoints c where c.tenant_id = h.tenant_id), 0))
         from audit_heads h",
    )
    .fetch_one(&db.owner)
    .await
    .unwrap();
    assert!(heads >= 4 && moved >= 1, "{heads} chains, {moved} moved");
    let clock =
        readiness_console::clock::Clock::fixed(test_clock().now() + time::Duration::hours(2));
    let checkpoints = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from audit_checkpoints")
            .fetch_one(&db.owner)
            .await
            .unwrap()
    };
    let before = checkpoints().await;
    // Every chain that moved since its last checkpoint over an hour ago is signed once…
    let signed = audit::checkpoint_due(&db.app, test_key(), &clock)
        .await
        .unwrap();
    assert_eq!(i64::try_from(signed).unwrap(), moved);
    assert_eq!(checkpoints().await, before + moved);
    // One event on the demo's chain: within the hour of its checkpoint nothing is due…
    append(&db, 1, AuditAction::Accept, "passage.role_headers").await;
    assert_eq!(
        audit::checkpoint_due(&db.app, test_key(), &clock)
            .await
            .unwrap(),
        0
    );
    // …after it the demo alone, once, however late it gets while no other chain moves.
    clock.advance(time::Duration::minutes(61));
    assert_eq!(
        audit::checkpoint_due(&db.app, test_key(), &clock)
            .await
            .unwrap(),
        1
    );
    clock.advance(time::Duration::hours(5));
    assert_eq!(
        audit::checkpoint_due(&db.app, test_key(), &clock)
            .await
            .unwrap(),
        0
    );
    assert_eq!(checkpoints().await, before + moved + 1);
    // The app role still reads no other tenant's head or checkpoints.
    let (mut tx, _) = db.app_tx().await;
    let foreign: i64 = sqlx::query_scalar(
        "select count(*) from audit_heads where tenant_id <> nullif(current_setting('app.tenant_id'), '')::uuid",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(foreign, 0);
}

/// Unpacks a tar into a new temporary folder.
fn unpack(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = tar::Archive::new(bytes);
    archive.unpack(dir.path()).unwrap();
    let inner = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    (dir, inner)
}

/// Builds a tar of a folder, as someone editing an unpacked bundle would.
fn repack(dir: &std::path::Path) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    builder.append_dir_all(&name, dir).unwrap();
    builder.into_inner().unwrap()
}

#[tokio::test]
async fn the_proof_bundle_passes_sha256sum_and_verify_bundle_and_edits_are_named() {
    let app = TestApp::spawn().await;
    append(&app.db, 7, AuditAction::Accept, "passage.role_headers").await;
    audit::checkpoint_now(&app.db.app, "bfg-control", test_key(), test_clock())
        .await
        .unwrap();
    let mut client = Client::new(&app.router);
    let response = client.get(&format!("{CONSOLE}/bundle")).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), "application/x-tar");
    // The demo seed's event and the seven appended.
    assert!(
        response
            .header("content-disposition")
            .contains("bfg-control-proof-8.tar")
    );
    let bytes = get_bytes(&app, &format!("{CONSOLE}/bundle")).await;
    let report = bundle::verify(&bytes, Some(&test_key().public_hex()));
    assert!(report.ok(), "{:?}", report.problems);
    assert!(matches!(
        report.chain,
        Some(Verification::Intact {
            events: 8,
            checkpoints: 1,
            ..
        })
    ));
    let (_tmp, dir) = unpack(&bytes);
    let sums = std::process::Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        sums.status.success(),
        "{}",
        String::from_utf8_lossy(&sums.stdout)
    );
    // Each packet inside is the file the console offers, byte for byte.
    let packet = get_bytes(&app, &format!("{CONSOLE}/packets/rollback")).await;
    assert_eq!(
        std::fs::read(dir.join("packets/bfg-control-rollback.env")).unwrap(),
        packet
    );

    // Any edit is named, and `sha256sum -c` fails too.
    for (file, edit) in [
        ("summary.json", "\"decision\": \"GO\""),
        ("evidence.jsonl", "{}"),
        ("packets/bfg-control-runbook-sql.sql", "-- edited"),
        ("audit-public-key.txt", "00"),
    ] {
        let (_tmp, dir) = unpack(&bytes);
        let path = dir.join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(edit);
        std::fs::write(&path, text).unwrap();
        let report = bundle::verify(&repack(&dir), None);
        assert!(
            report.problems.iter().any(|p| p.contains(file)),
            "{file}: {:?}",
            report.problems
        );
        let sums = std::process::Command::new("sha256sum")
            .args(["-c", "--quiet", "SHA256SUMS"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(!sums.status.success());
    }
    // Events edited and the manifest recomputed to match: the chain inside still gives it away
    // (Marek's first event is #2, after the demo seed's).
    let (_tmp, dir) = unpack(&bytes);
    let events = std::fs::read_to_string(dir.join(bundle::EVENTS)).unwrap();
    std::fs::write(
        dir.join(bundle::EVENTS),
        events.replacen("user_dispatcher_marek", "user_md_anna", 1),
    )
    .unwrap();
    let manifest: String = ["packets", ""]
        .iter()
        .flat_map(|sub| std::fs::read_dir(dir.join(sub)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.ends_with(bundle::MANIFEST))
        .map(|p| {
            let rel = p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
            format!("{}  {rel}\n", bundle::sha256(&std::fs::read(&p).unwrap()))
        })
        .collect();
    std::fs::write(dir.join(bundle::MANIFEST), manifest).unwrap();
    let report = bundle::verify(&repack(&dir), Some(&test_key().public_hex()));
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("broken at event #2")),
        "{:?}",
        report.problems
    );
    // Checkpoints re-signed by another key are refused under the key the audit page shows.
    let report = bundle::verify(&bytes, Some(&"ab".repeat(32)));
    assert!(!report.ok());
}

async fn get_bytes(app: &TestApp, path: &str) -> Vec<u8> {
    app.get(path, &[]).await.bytes
}

#[tokio::test]
async fn the_audit_page_works_in_every_language_and_links_back_to_the_proof_path() {
    let app = TestApp::spawn().await;
    append(&app.db, 2, AuditAction::Accept, "passage.role_headers").await;
    for lang in Lang::ALL {
        let tr = lang.tr();
        let page = app.page_in("/audit", lang).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.html_lang(), lang.code());
        assert!(page.body.contains(&tr.t("audit-verify-sign-in")));
        assert!(page.body.contains(&test_key().public_hex()));
        assert!(page.body.contains(&tr.t("audit-action-accept")));
        // The demo seed's event and the two appended.
        let seen: BTreeSet<i64> = seqs(&page.body).into_iter().collect();
        assert_eq!(seen, BTreeSet::from([1, 2, 3]));
    }
    let unknown = app.get("/t/nobody/audit?lang=es", &[]).await;
    assert_eq!(unknown.status, 404);
}

/// What the app role's login allows without the audit key: the next event, correctly chained,
/// for any actor, with the head moved to it. `copy_signature` borrows the previous event's.
/// Returns the forged event's sequence number.
async fn forge_as_app(db: &TestDb, copy_signature: bool) -> i64 {
    let (mut tx, tenant) = db.app_tx().await;
    let (head, prev_hash): (i64, String) = sqlx::query_as("select seq, hash from audit_heads")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let seq = head + 1;
    let signature: Option<String> = if copy_signature {
        sqlx::query_scalar("select signature from audit_events where seq = $1")
            .bind(head)
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    } else {
        None
    };
    let now = test_clock().now();
    let at = now
        .replace_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap();
    let text = chain::canonical(
        tenant,
        seq,
        "user_md_anna",
        "sign_go",
        "production",
        None,
        "forged",
        at,
    );
    let hash = chain::chain_hash(&prev_hash, &text);
    sqlx::query(
        "insert into audit_events (tenant_id, seq, actor_id, action, target, request_id, at,
                                   canonical, prev_hash, hash, signature)
         values ($1, $2, 'user_md_anna', 'sign_go', 'production', 'forged', $3, $4, $5, $6, $7)",
    )
    .bind(tenant)
    .bind(seq)
    .bind(at)
    .bind(&text)
    .bind(&prev_hash)
    .bind(&hash)
    .bind(signature)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query("update audit_heads set seq = $1, hash = $2")
        .bind(seq)
        .bind(&hash)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    seq
}

/// Runs `verify-audit` for the demo tenant with the test key as the audit key, and with a kept
/// `checkpoints.jsonl` if given: whether it passed, stdout, stderr.
fn verify_audit_cli(db: &TestDb, kept: Option<&[u8]>) -> (bool, String, String) {
    let verify = ["verify-audit", "--tenant", "bfg-control"];
    let Some(kept) = kept else {
        return cli(db, &verify);
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("checkpoints.jsonl");
    std::fs::write(&file, kept).unwrap();
    cli(
        db,
        &[&verify[..], &["--checkpoints", file.to_str().unwrap()]].concat(),
    )
}

/// The `checkpoints.jsonl` of a proof bundle downloaded now.
async fn kept_checkpoints(app: &TestApp) -> Vec<u8> {
    let bytes = get_bytes(app, &format!("{CONSOLE}/bundle")).await;
    let (_tmp, dir) = unpack(&bytes);
    std::fs::read(dir.join(bundle::CHECKPOINTS)).unwrap()
}

#[tokio::test]
async fn an_event_forged_with_the_app_login_alone_is_named_by_every_verification() {
    for (copy_signature, fault) in [
        (false, Fault::EventUnsigned),
        (true, Fault::EventBadSignature),
    ] {
        let app = TestApp::spawn().await;
        append(&app.db, 5, AuditAction::Accept, "passage.role_headers").await;
        let forged = forge_as_app(&app.db, copy_signature).await;
        // After the demo seed's event and the five appended.
        assert_eq!(forged, 7);
        let named = Some(Verification::Broken {
            seq: 7,
            reason: fault,
        });
        assert_eq!(verify_chain(&app.db.app).await, named);
        assert_fails_saying(
            &verify_audit_cli(&app.db, None),
            &format!("broken at event #7: {fault}"),
        );
        // Downloading the bundle signs a checkpoint of the forged head: that does not make the
        // forged event pass.
        let bytes = get_bytes(&app, &format!("{CONSOLE}/bundle")).await;
        let report = bundle::verify(&bytes, Some(&test_key().public_hex()));
        assert_eq!(report.chain, named);
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.contains(&format!("broken at event #7: {fault}"))),
            "{:?}",
            report.problems
        );
        // The audit page says so in the reviewer's language.
        let mut reviewer = app.actor("reviewer").await;
        let page = reviewer
            .get(&format!("{CONSOLE}/audit/verify?lang=fr"))
            .await;
        let tr = Lang::Fr.tr();
        assert!(
            page.body
                .contains(&tr.t1("audit-verify-broken", "seq", 7u32))
        );
        assert!(
            page.body
                .contains(&tr.t(&format!("audit-fault-{}", fault.as_str())))
        );
    }
}

#[tokio::test]
async fn the_app_role_cannot_move_where_signatures_begin() {
    let db = TestDb::new().await;
    let (mut tx, _) = db.app_tx().await;
    let moved = sqlx::query("update audit_heads set signed_from = 100")
        .execute(&mut *tx)
        .await
        .unwrap_err();
    // Refused for want of the privilege (not, say, for want of the column).
    assert_eq!(
        moved.as_database_error().and_then(|e| e.code()).as_deref(),
        Some("42501"),
        "{moved}"
    );
}

#[tokio::test]
async fn deleting_the_newest_three_events_is_caught_against_a_bundle_kept_from_the_old_head() {
    let app = TestApp::spawn().await;
    // After the demo seed's event, #1: nine to #10, checkpointed, and three more.
    append(&app.db, 9, AuditAction::Accept, "passage.role_headers").await;
    audit::checkpoint_now(&app.db.app, "bfg-control", test_key(), test_clock())
        .await
        .unwrap();
    append(&app.db, 3, AuditAction::Revoke, "passage.role_headers").await;
    // A reviewer downloads the bundle at head 13 and keeps its checkpoints: the bundle pins
    // its own head, not only the older checkpoint at 10.
    let kept = kept_checkpoints(&app).await;
    let seqs: Vec<i64> = bundle::read_checkpoints(&kept)
        .unwrap()
        .iter()
        .map(|c| c.seq)
        .collect();
    assert_eq!(seqs, vec![10, 13]);
    // The owner deletes the newest three events and every checkpoint past them, and rewrites
    // the head: what is left is signed and checkpointed, so the database alone looks whole.
    tamper(
        &app.db,
        "delete from audit_events where seq > 10;
         alter table audit_checkpoints disable trigger user;
         delete from audit_checkpoints where seq > 10;
         alter table audit_checkpoints enable trigger user;
         update audit_heads set seq = 10, hash = (select hash from audit_events where seq = 10)",
    )
    .await;
    assert!(matches!(
        verify_chain(&app.db.app).await,
        Some(Verification::Intact { events: 10, .. })
    ));
    // The kept checkpoint names event #13: events from #11 on are gone.
    let cut = Some(Verification::Broken {
        seq: 11,
        reason: Fault::TruncatedBeforeCheckpoint,
    });
    let trusted = test_key().public_hex();
    let kept_list = bundle::read_checkpoints(&kept).unwrap();
    assert_eq!(
        audit::verify(&app.db.app, "bfg-control", Some(&trusted), &kept_list)
            .await
            .unwrap(),
        cut
    );
    assert_fails_saying(
        &verify_audit_cli(&app.db, Some(&kept)),
        "broken at event #11: truncated_before_checkpoint",
    );
}

#[tokio::test]
async fn an_event_edited_and_re_hashed_is_reported_at_its_own_position() {
    // Event #25 gets another actor, its text to match, and a hash to match; with `relink`,
    // every later event is re-linked and re-hashed too and the head rewritten.
    let edit = "update audit_events set actor_id = 'user_md_anna',
                    canonical = replace(canonical, 'actor=user_dispatcher_marek',
                                        'actor=user_md_anna')
                where seq = 25;
                update audit_events
                set hash = encode(sha256(convert_to(prev_hash || E'\\n' || canonical, 'UTF8')), 'hex')
                where seq = 25";
    let relink = "do $$
                  declare
                      r record;
                      p text;
                  begin
                      select hash into p from audit_events where seq = 25;
                      for r in select seq, canonical from audit_events where seq > 25 order by seq
                      loop
                          update audit_events set prev_hash = p,
                              hash = encode(sha256(convert_to(p || E'\\n' || r.canonical, 'UTF8')), 'hex')
                          where seq = r.seq returning hash into p;
                      end loop;
                      update audit_heads set hash = p;
                  end
                  $$";
    for relinked in [false, true] {
        let db = TestDb::new().await;
        append(&db, 30, AuditAction::Accept, "passage.role_headers").await;
        let sql = if relinked {
            format!("{edit};\n{relink}")
        } else {
            edit.to_owned()
        };
        tamper(&db, &sql).await;
        assert_eq!(
            broken_at(&db).await,
            (25, Fault::EventBadSignature),
            "later events re-linked: {relinked}"
        );
    }
}

#[tokio::test]
async fn a_checkpoint_stored_and_kept_in_a_file_is_counted_once() {
    let app = TestApp::spawn().await;
    // Events that record no acceptance (which `verify-audit` would find missing): targets
    // named, with the demo seed's event four in all.
    append(&app.db, 3, AuditAction::SetTarget, "connection").await;
    // The download checkpoints the head: it is now in the database and in the kept file.
    let kept = kept_checkpoints(&app).await;
    let kept_list = bundle::read_checkpoints(&kept).unwrap();
    assert_eq!(kept_list.len(), 1);
    assert!(matches!(
        audit::verify(
            &app.db.app,
            "bfg-control",
            Some(&test_key().public_hex()),
            &kept_list
        )
        .await
        .unwrap(),
        Some(Verification::Intact {
            events: 4,
            checkpoints: 1,
            unsigned: 0,
            ..
        })
    ));
    let (ok, stdout, stderr) = verify_audit_cli(&app.db, Some(&kept));
    assert!(ok, "{stderr}");
    assert!(stdout.contains(", 1 signed checkpoints"), "{stdout}");
}
