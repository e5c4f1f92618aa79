//! A GO signature counts for the state it was given on: a later write that changes an item's
//! status withdraws it (only once its writer confirms), every page that shows the signature
//! says so in every language, re-accepting never brings the old signature back, and the
//! sign-off form signs the state it was drawn from, once.

use readiness_console::i18n::{Arg, Lang};
use readiness_console::readiness::RehearsalKind;

use crate::support::{
    Actor, CONSOLE, HTMX, OLENA, Page, TestApp, eventually, html_unescape, import_demo_payload,
    refusal,
};

const DB_SCHEMA: &str = "passage.db_schema";

/// Every gate green (straight in the database), then Anna signs GO through her form.
async fn signed_go(app: &TestApp) -> Actor {
    app.db.make_all_green().await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    let mut anna = app.actor("anna").await;
    let signed = anna.sign_off_go().await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(app.decision().await, "GO");
    anna
}

/// Olena revokes her DB schema check, confirming that it withdraws the GO.
async fn olena_revokes_confirming_the_withdrawal(app: &TestApp) -> Actor {
    let mut olena = app.actor("olena").await;
    revokes_confirming_the_withdrawal(&mut olena).await;
    olena
}

/// [`olena_revokes_confirming_the_withdrawal`], by Olena signed in already.
async fn revokes_confirming_the_withdrawal(olena: &mut Actor) {
    let revoked = olena
        .revoke(DB_SCHEMA, "The schema migration failed on the staging copy")
        .confirming_withdrawal()
        .await;
    assert_eq!(revoked.status, 303, "{}", revoked.body);
}

/// The text of the signature's main line on a page, tags stripped.
fn signature_line(page: &Page) -> String {
    let at = page
        .body
        .find("class=\"signoff-last\"")
        .expect("the page shows the signature");
    let rest = &page.body[at..];
    let inner = &rest[rest.find('>').unwrap() + 1..rest.find("</p>").unwrap()];
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    html_unescape(&text)
}

/// "Withdrawn GO signed by Anna Kowalska · Direction on … — withdrawn at event #`seq` when
/// Olena Shevchenko revoked “DB schema”", in `lang`.
pub async fn withdrawn_line(app: &TestApp, lang: Lang, seq: i64) -> String {
    let console = readiness_console::db::load_console(&app.db.app, "bfg-control")
        .await
        .unwrap()
        .unwrap();
    let signoff = console.state.signoff.clone().unwrap();
    let tr = lang.tr();
    let line = tr.t_args(
        "signature-withdrawn-revoke",
        &[
            (
                "owner",
                Arg::from(format!("Anna Kowalska · {}", tr.t("unit-direction"))),
            ),
            ("date", Arg::from(tr.datetime(&signoff.at))),
            ("actor", Arg::from("Olena Shevchenko")),
            ("event", Arg::from(format!("#{seq}"))),
            ("item", Arg::from(tr.t("item-passage-db_schema"))),
        ],
    );
    format!("{} {line}", tr.t("signature-badge-withdrawn"))
}

/// No claim that production is GO, or that a signature holds, anywhere on the page.
fn claims_no_go(page: &Page, lang: Lang) {
    let tr = lang.tr();
    assert!(
        !page.body.contains("verdict-go\""),
        "{lang:?}: a GO verdict"
    );
    assert!(
        page.body.contains("verdict-nogo\""),
        "{lang:?}: the NO-GO verdict"
    );
    assert!(
        !page
            .body
            .contains(&format!(">{}</strong>", tr.t("decision-verdict-go"))),
        "{lang:?}: the words of a GO verdict"
    );
    assert!(
        !page.body.contains("signature-standing"),
        "{lang:?}: a standing signature"
    );
    assert!(
        !page.body.contains(&format!(
            "signature-badge\">{}<",
            tr.t("signature-badge-standing")
        )),
        "{lang:?}: the standing badge"
    );
}

async fn count(app: &TestApp, table: &str) -> i64 {
    app.db.count_in_demo(table).await
}

#[tokio::test]
async fn a_revocation_after_go_withdraws_the_signature_and_every_page_says_so() {
    let app = TestApp::spawn().await;
    let mut anna = signed_go(&app).await;
    // Standing: the decision section says what it holds for.
    let page = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    assert!(page.body.contains("signature-standing"));
    assert!(
        signature_line(&page).starts_with(&Lang::En.tr().t("signature-badge-standing")),
        "{}",
        signature_line(&page)
    );

    // Olena's revoke form warns that it withdraws Anna's GO and asks to confirm.
    let mut olena = app.actor("olena").await;
    let page = olena.console(Lang::En).await;
    let action = page.item_form(DB_SCHEMA).action;
    assert!(
        action.contains("/items/passage.db_schema/revoke"),
        "{action}"
    );
    assert!(page.body.contains("id=\"form-passage-db_schema-confirm\""));
    assert!(
        page.body.contains(&Lang::En.tr().t1(
            "signature-confirm-warning",
            "owner",
            "Anna Kowalska"
        ))
    );
    revokes_confirming_the_withdrawal(&mut olena).await;

    // Event #1 is the demo seed's decision; then come the signature and, after it, the
    // revocation that withdrew it (the sign-ins between them are events too).
    let go = crate::support::last_seq(&app.db, "sign_go").await;
    let mut tx = app.db.demo_tx().await;
    let withdrawal: (i64, String, String, String) =
        sqlx::query_as("select audit_seq, actor_id, action, item_key from signoff_withdrawals")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert!(withdrawal.0 > go, "withdrawn after the signature #{go}");
    assert_eq!(
        (
            withdrawal.1.as_str(),
            withdrawal.2.as_str(),
            withdrawal.3.as_str()
        ),
        ("user_accountant_olena", "revoke", DB_SCHEMA)
    );
    let event: (String, String) =
        sqlx::query_as("select action, target from audit_events where seq = $1")
            .bind(withdrawal.0)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!(event, ("revoke".to_owned(), DB_SCHEMA.to_owned()));
    drop(tx);

    assert_eq!(app.decision().await, "BLOCKED_PENDING_PREFLIGHT");
    let revocation = crate::support::last_seq(&app.db, "revoke").await;
    for lang in [Lang::Es, Lang::Fr, Lang::En] {
        let code = lang.code();
        let expected = withdrawn_line(&app, lang, revocation).await;
        for path in [
            format!("{CONSOLE}?lang={code}"),
            format!("{CONSOLE}/print?lang={code}"),
            format!("{CONSOLE}/proof?lang={code}"),
            format!("{CONSOLE}/items/{DB_SCHEMA}?lang={code}"),
        ] {
            let page = app.get(&path, &[]).await;
            assert_eq!(page.status, 200, "{path}");
            assert_eq!(signature_line(&page), expected, "{path}");
            // The sentence links to the event in the audit trail and to the item.
            let at = page.body.find("class=\"signoff-last\"").unwrap();
            assert!(
                page.body.contains(&format!(
                    "<a href=\"/t/bfg-control/audit?lang={code}&#38;before={}#e-{revocation}\">#{revocation}</a>",
                    revocation + 1
                )),
                "{path}: the event link in {}",
                &page.body[at..at + 600]
            );
            assert!(
                page.body.contains(&format!(
                    "href=\"/t/bfg-control/items/{DB_SCHEMA}?lang={code}\""
                )),
                "{path}: the item link"
            );
            assert!(
                page.body
                    .contains(&lang.tr().t("signature-withdrawn-detail"))
            );
            if !path.contains("/items/") {
                claims_no_go(&page, lang);
            }
        }
        // The item's own page marks the event that withdrew the signature.
        let item = app
            .get(&format!("{CONSOLE}/items/{DB_SCHEMA}?lang={code}"), &[])
            .await;
        assert!(item.body.contains(&lang.tr().t("signature-event-withdrew")));
    }
    let audit = app
        .get(&format!("{CONSOLE}/audit?lang=en&before=3"), &[])
        .await;
    assert!(
        audit.body.contains("id=\"e-2\""),
        "the linked event is there"
    );

    // Re-accepting brings every gate back, not the signature: sign-off is needed again.
    let page = olena.console(Lang::En).await;
    let action = page.item_form(DB_SCHEMA).action;
    assert!(
        action.contains("/items/passage.db_schema/accept"),
        "{action}"
    );
    assert!(
        !page.body.contains("name=\"confirm_withdraw\""),
        "nothing left to withdraw"
    );
    let accepted = olena
        .accept(DB_SCHEMA, "The schema migration passed on a fresh copy")
        .htmx()
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    assert_eq!(app.decision().await, "BLOCKED_PENDING_SIGNOFF");
    let page = app.get(&format!("{CONSOLE}?lang=fr"), &[]).await;
    assert_eq!(
        signature_line(&page),
        withdrawn_line(&app, Lang::Fr, revocation).await
    );
    claims_no_go(&page, Lang::Fr);
    assert_eq!(
        page.text("action-title"),
        Lang::Fr.tr().t("action-title-signoff")
    );

    // A new signature, on the state as it is now, is GO again.
    let signed = anna.sign_off_go().await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(app.decision().await, "GO");
    let page = app.get(&format!("{CONSOLE}?lang=es"), &[]).await;
    assert!(page.body.contains("signature-standing"));
    assert!(signature_line(&page).starts_with(&Lang::Es.tr().t("signature-badge-standing")));
    assert_eq!(count(&app, "signoffs").await, 2);
    assert_eq!(count(&app, "signoff_withdrawals").await, 1);
    assert!(matches!(
        crate::support::verify_chain(&app.db.app).await,
        Some(readiness_console::chain::Verification::Intact { .. })
    ));
    // The seed's, two signatures, the revocation and the acceptance (and the sign-ins).
    assert_eq!(crate::support::write_events(&app.db).await, 5);
}

#[tokio::test]
async fn a_write_that_would_withdraw_the_signature_is_refused_unconfirmed_with_nothing_written() {
    let app = TestApp::spawn().await;
    let _anna = signed_go(&app).await;
    let mut olena = app.actor("olena").await;
    let before = [
        count(&app, "audit_events").await,
        count(&app, "signoff_withdrawals").await,
        count(&app, "acceptances where revoked_at is not null").await,
    ];
    let note = "Typed before noticing the warning";
    for (htmx, lang) in [(false, Lang::Es), (true, Lang::Fr)] {
        let revoke = olena.revoke(DB_SCHEMA, note).lang(lang);
        let refused = if htmx { revoke.htmx() } else { revoke }.await;
        assert_eq!(refused.status, 409, "htmx {htmx}");
        assert!(
            refused
                .body
                .contains(&lang.tr().t("signature-confirm-required")),
            "htmx {htmx}: the message in {lang:?}"
        );
        assert!(refused.body.contains(note), "the typed reason is kept");
        assert!(
            refused
                .body
                .contains("id=\"form-passage-db_schema-confirm\""),
            "the fresh section asks to confirm"
        );
    }
    let after = [
        count(&app, "audit_events").await,
        count(&app, "signoff_withdrawals").await,
        count(&app, "acceptances where revoked_at is not null").await,
    ];
    assert_eq!(before, after, "nothing was written");
    assert_eq!(app.decision().await, "GO");

    // Anna's own decision form says so too, and is refused the same way.
    let mut anna = app.actor("anna").await;
    let page = anna.console(Lang::En).await;
    assert!(
        page.body
            .contains("id=\"form-infrastructure-region-confirm\"")
    );
    let refused = anna
        .revoke("infrastructure.region", "Residency reconsidered")
        .await;
    assert_eq!(refused.status, 409);

    // A rehearsal run asks too: refused unconfirmed with no run recorded; confirmed, it starts
    // (and, with no target named, is recorded as refused — which changes no status).
    let rehearsal = anna.get(&format!("{CONSOLE}/rehearsal?lang=en")).await;
    assert!(rehearsal.body.contains("id=\"run-connection-confirm\""));
    assert!(html_unescape(&rehearsal.body).contains(&Lang::En.tr().t1(
        "signature-confirm-warning-run",
        "owner",
        "Anna Kowalska"
    )));
    let run = rehearsal.form(&format!("action=\"{CONSOLE}/rehearsal/connection?"));
    let runs = count(&app, "rehearsal_runs").await;
    let refused = anna.submit(&run, &[]).await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .body
            .contains(&Lang::En.tr().t("signature-confirm-required"))
    );
    assert_eq!(count(&app, "rehearsal_runs").await, runs, "no run recorded");
    let confirmed = anna.submit(&run.set("confirm_withdraw", "yes"), &[]).await;
    assert_eq!(confirmed.status, 422, "refused for want of a target");
    assert_eq!(count(&app, "rehearsal_runs").await, runs + 1);
    assert_eq!(app.decision().await, "GO", "a run that changes no status");
    assert_eq!(count(&app, "signoff_withdrawals").await, 0);
}

#[tokio::test]
async fn a_snapshot_freeze_withdraws_only_if_it_changes_a_status() {
    let app = TestApp::spawn().await;
    let mut anna = signed_go(&app).await;
    // An import changes no status; freezing the demo payload keeps every batch group populated.
    import_demo_payload(&app.db).await;
    let page = anna.get(&format!("{CONSOLE}/snapshot?lang=en")).await;
    let id = "freeze-";
    assert!(html_unescape(&page.body).contains(&Lang::En.tr().t1(
        "signature-confirm-warning-freeze",
        "owner",
        "Anna Kowalska"
    )));
    let form = page.form("action=\"/t/bfg-control/snapshot/freeze");
    assert!(page.body.contains(id));
    let frozen = anna.submit(&form, &[]).await;
    assert_eq!(frozen.status, 303, "{}", frozen.body);
    assert_eq!(count(&app, "scenario_snapshots").await, 2);
    assert_eq!(
        app.decision().await,
        "GO",
        "no status moved: the signature holds"
    );
    assert_eq!(count(&app, "signoff_withdrawals").await, 0);
}

#[tokio::test]
async fn a_go_form_drawn_before_the_state_moved_answers_409_with_the_fresh_decision() {
    let app = TestApp::spawn().await;
    app.db.make_all_green().await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    let mut anna = app.actor("anna").await;
    let form = anna.sign_off_go().lang(Lang::Fr).draw().await;

    // Meanwhile Olena revokes and re-accepts her check: the gates are green again, but the
    // form was drawn from another state.
    let olena = app.db.writer(OLENA);
    olena
        .revoke(DB_SCHEMA, 0, "A column was missing")
        .await
        .unwrap();
    olena
        .accept(DB_SCHEMA, 1, "The column was added")
        .await
        .unwrap();
    assert_eq!(app.decision().await, "BLOCKED_PENDING_SIGNOFF");
    let events = count(&app, "audit_events").await;

    for headers in [&[], HTMX] {
        let htmx = !headers.is_empty();
        let stale = anna.submit(&form, headers).await;
        assert_eq!(stale.status, 409, "htmx {htmx}");
        assert!(stale.body.contains(&Lang::Fr.tr().t("signoff-stale")));
        // The fresh decision section, with a GO form drawn from the state as it is now.
        assert!(stale.body.contains("BLOCKED_PENDING_SIGNOFF"));
        let fresh = stale.input_after("id=\"signoff\"", "state_digest");
        assert_eq!(fresh.len(), 64);
        assert_ne!(fresh, form.field("state_digest"));
    }
    // A GO form without a digest signs nothing either.
    let without = form
        .clone()
        .without("state_digest")
        .fresh_key()
        .posting_to(&format!("{CONSOLE}/signoff?lang=en"));
    let refused = anna.submit(&without, &[]).await;
    assert_eq!(refused.status, 409);
    assert_eq!(count(&app, "signoffs").await, 0, "nothing was signed");
    assert_eq!(count(&app, "audit_events").await, events);

    // Drawn again, it signs.
    let signed = anna.sign_off_go().lang(Lang::Fr).await;
    assert_eq!(signed.status, 303);
    assert_eq!(app.decision().await, "GO");
}

#[tokio::test]
async fn a_double_submitted_go_makes_one_signature() {
    let app = TestApp::spawn().await;
    app.db.make_all_green().await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    let mut anna = app.actor("anna").await;
    let form = anna.sign_off_go().draw().await;
    // The same form twice (a double click, a resent request): one signature, one event.
    let first = anna.submit(&form, HTMX).await;
    let second = anna.submit(&form, HTMX).await;
    assert_eq!((first.status.as_u16(), second.status.as_u16()), (204, 204));
    assert_eq!(count(&app, "signoffs").await, 1);
    // The demo seed's event, then the one signature's (beside Anna's sign-in).
    assert_eq!(crate::support::write_events(&app.db).await, 2);
    // The same state signed from another form: refused, production is GO already.
    let refused = anna.submit(&form.clone().fresh_key(), &[]).await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .body
            .contains(&Lang::En.tr().t1("signoff-not-ready", "decision", "GO"))
    );
    assert_eq!(count(&app, "signoffs").await, 1);
    // The signature's event carries the digest of the state it was given on.
    let mut tx = app.db.demo_tx().await;
    let (digest, evidence): (Option<String>, Option<String>) = sqlx::query_as(
        "select s.state_digest, e.evidence_digest from signoffs s, audit_events e
         where e.action = 'sign_go'",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(digest.as_deref(), Some(form.field("state_digest")));
    assert_eq!(evidence, digest);
}

#[tokio::test]
async fn the_proof_bundle_summary_names_the_withdrawn_signature() {
    let app = TestApp::spawn().await;
    let _anna = signed_go(&app).await;
    olena_revokes_confirming_the_withdrawal(&app).await;

    let bundle = app.get(&format!("{CONSOLE}/bundle"), &[]).await;
    assert_eq!(bundle.status, 200);
    let mut archive = tar::Archive::new(bundle.bytes.as_slice());
    let summary = archive
        .entries()
        .unwrap()
        .map(Result::unwrap)
        .find(|e| e.path().unwrap().ends_with("summary.json"))
        .map(|mut e| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut e, &mut text).unwrap();
            text
        })
        .expect("summary.json");
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(summary["decision"], "BLOCKED_PENDING_PREFLIGHT");
    assert_eq!(summary["go"], false);
    let signature = &summary["signature"];
    assert_eq!(signature["state"], "withdrawn");
    assert_eq!(signature["decision"], "GO");
    assert_eq!(signature["holds"], false);
    assert_eq!(signature["actor"], "user_md_anna");
    assert_eq!(signature["state_digest"].as_str().map(str::len), Some(64));
    assert_eq!(
        signature["withdrawal"],
        serde_json::json!({
            "seq": crate::support::last_seq(&app.db, "revoke").await,
            "actor": "user_accountant_olena",
            "action": "revoke",
            "item": DB_SCHEMA,
            "at": signature["withdrawal"]["at"],
        })
    );
    assert!(signature["withdrawal"]["at"].is_string());
}

#[tokio::test]
async fn withdrawals_are_append_only_and_seen_only_inside_their_tenant() {
    let app = TestApp::spawn().await;
    app.db
        .as_owner_in_demo(
            "insert into signoffs (tenant_id, actor_id, decision)
             values (current_setting('app.tenant_id')::uuid, 'user_md_anna', 'GO');
             insert into signoff_withdrawals (tenant_id, signoff_id, audit_seq, actor_id, action,
                                              item_key)
             select tenant_id, id, 7, 'user_accountant_olena', 'revoke', 'passage.db_schema'
             from signoffs;",
        )
        .await;
    // The owner cannot change or remove one; the app role is not even granted to.
    let (owner, app_role) = (&app.db.owner, &app.db.app);
    for (pool, statement, why) in [
        (
            owner,
            "update signoff_withdrawals set audit_seq = 8",
            "append-only",
        ),
        (owner, "delete from signoff_withdrawals", "append-only"),
        (owner, "truncate signoff_withdrawals", "append-only"),
        (
            app_role,
            "update signoff_withdrawals set audit_seq = 8",
            "permission denied",
        ),
        (
            app_role,
            "delete from signoff_withdrawals",
            "permission denied",
        ),
    ] {
        let error = refusal(pool, statement).await;
        assert!(error.contains(why), "{statement}: {error}");
    }
    // Outside the tenant nothing is visible, even to the owner; inside, the one row.
    let outside: i64 = sqlx::query_scalar("select count(*) from signoff_withdrawals")
        .fetch_one(&app.db.owner)
        .await
        .unwrap();
    assert_eq!(outside, 0);
    assert_eq!(count(&app, "signoff_withdrawals").await, 1);
    // The console learns of it at once (the table notifies like the others).
    eventually(|| async {
        app.get(CONSOLE, &[])
            .await
            .body
            .contains("signature-withdrawn")
    })
    .await;
}

#[tokio::test]
async fn a_rehearsal_run_whose_results_change_a_status_withdraws_the_signature_it_was_confirmed_for()
 {
    use readiness_console::db::rehearsal::{self, Runner, StartError};
    use readiness_console::db::signature::Consent;
    use readiness_console::rehearsal::{Limits, SecretRef};
    let app = TestApp::spawn().await;
    let _anna = signed_go(&app).await;
    let runner = Runner {
        tenant: "bfg-control".into(),
        actor: "user_md_anna".into(),
        request_id: "signature-test".into(),
        key: crate::support::test_key().clone(),
        clock: crate::support::test_clock().clone(),
        secrets: crate::support::test_secrets().clone(),
    };
    // A target nothing listens on: the connection probes that passed now fail.
    let path = crate::support::secrets_dir().join(format!("target-{}", uuid::Uuid::new_v4()));
    std::fs::write(&path, "postgres://nobody@127.0.0.1:1/bfg").unwrap();
    let reference = SecretRef::parse(&format!("file:{}", path.display())).unwrap();
    rehearsal::set_target(&app.db.app, &runner, &reference)
        .await
        .unwrap();
    assert_eq!(
        app.decision().await,
        "GO",
        "naming a target changes no status"
    );
    let limits = Limits {
        connect: std::time::Duration::from_secs(2),
        statement: std::time::Duration::from_secs(2),
        run: std::time::Duration::from_secs(20),
    };
    let runs = count(&app, "rehearsal_runs").await;
    let refused = rehearsal::start(&app.db.app, &runner, RehearsalKind::Connection, limits).await;
    assert!(matches!(refused, Err(StartError::WithdrawUnconfirmed)));
    assert_eq!(
        count(&app, "rehearsal_runs").await,
        runs,
        "nothing recorded"
    );

    let (_, work) = rehearsal::start_with(
        &app.db.app,
        &runner,
        RehearsalKind::Connection,
        limits,
        Consent::Given,
    )
    .await
    .unwrap();
    work.await;
    assert_eq!(app.decision().await, "BLOCKED_PENDING_DRY_RUN");
    let mut tx = app.db.demo_tx().await;
    let (seq, action, item): (i64, String, String) =
        sqlx::query_as("select audit_seq, action, item_key from signoff_withdrawals")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let event: (String, String) =
        sqlx::query_as("select action, target from audit_events where seq = $1")
            .bind(seq)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!(action, "probe_failed");
    assert!(item.starts_with("connection."), "{item}");
    assert_eq!(
        event,
        (action, item),
        "the withdrawal names the step's event"
    );
    drop(tx);
    let page = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    claims_no_go(&page, Lang::En);
    assert!(
        signature_line(&page).starts_with(&Lang::En.tr().t("signature-badge-withdrawn")),
        "{}",
        signature_line(&page)
    );
}

#[tokio::test]
async fn pages_with_a_standing_or_a_withdrawn_signature_are_valid_html() {
    let mut pages = crate::html::Pages::new();
    let app = TestApp::spawn().await;
    let mut anna = signed_go(&app).await;
    let mut keep = |name: &str, page: &Page| {
        assert_eq!(page.status, 200, "{name}");
        pages.keep(name, page);
    };
    // Standing: every form Anna may use asks to confirm (items, runs, freezes).
    import_demo_payload(&app.db).await;
    for (name, path) in [
        ("standing-console", format!("{CONSOLE}?lang=fr")),
        ("standing-rehearsal", format!("{CONSOLE}/rehearsal?lang=es")),
        ("standing-snapshot", format!("{CONSOLE}/snapshot?lang=en")),
        ("standing-print", format!("{CONSOLE}/print?lang=en")),
    ] {
        let page = anna.get(&path).await;
        if !name.ends_with("print") {
            assert!(page.body.contains("name=\"confirm_withdraw\""), "{name}");
        }
        keep(name, &page);
    }
    // Withdrawn.
    olena_revokes_confirming_the_withdrawal(&app).await;
    for (name, path) in [
        ("withdrawn-console", format!("{CONSOLE}?lang=es")),
        ("withdrawn-print", format!("{CONSOLE}/print?lang=fr")),
        ("withdrawn-proof", format!("{CONSOLE}/proof?lang=en")),
        (
            "withdrawn-item",
            format!("{CONSOLE}/items/{DB_SCHEMA}?lang=fr"),
        ),
    ] {
        keep(name, &anna.get(&path).await);
    }
    pages.assert_valid();
}
