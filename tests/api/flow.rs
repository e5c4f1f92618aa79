//! Signing in, and accepting a check with evidence over HTTP: sessions, roles, CSRF, stale
//! forms, validation, htmx and no-JS answers.

use readiness_console::db::audit::Verification;
use readiness_console::i18n::Lang;

use crate::support::{CONSOLE, Client, HTMX, TestApp, eventually, item_form_id};

/// Marek's check, and where its accept form posts.
const ROLE: &str = "passage.role_headers";
const ROLE_HEADERS: &str = "/t/bfg-control/items/passage.role_headers/accept?lang=en";

#[tokio::test]
async fn signing_in_rotates_the_session_and_signing_out_ends_it() {
    let app = TestApp::spawn().await;
    // Showing the form starts no session; a session that exists before signing in (here
    // Olena's, in the same browser) is replaced.
    let mut client = app.actor("olena").await;
    let before = client.cookie("session").expect("a session before");
    client.sign_in("marek", "marek-dispatch", "en").await;
    let after = client.cookie("session").expect("signed in");
    assert_ne!(before, after, "the session id changes at sign-in");
    let page = client.get(&format!("{CONSOLE}?lang=en")).await;
    assert!(page.body.contains(&Lang::En.tr().t1(
        "account-signed-in-as",
        "who",
        "Marek Zielinski · Dispatcher"
    )));

    // The pre-sign-in id is dead.
    let mut old = Client::new(&app.router);
    old.set_cookie("session", &before);
    assert!(
        !old.get(&format!("{CONSOLE}?lang=en"))
            .await
            .body
            .contains("Marek Zielinski · Dispatcher")
    );

    let sign_out = page.form("class=\"account-form\"");
    assert_eq!(sign_out.action, format!("{CONSOLE}/sign-out?lang=en"));
    let out = client.submit(&sign_out, &[]).await;
    assert_eq!(out.status, 303);
    let mut replay = Client::new(&app.router);
    replay.set_cookie("session", &after);
    let page = replay.get(&format!("{CONSOLE}?lang=en")).await;
    assert!(
        page.body.contains(&Lang::En.tr().t("account-sign-in")),
        "signed out for good"
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let mut answers = Vec::new();
    for (username, password) in [
        ("marek", "not-his-password"),
        ("nobody", "whatever-password"),
    ] {
        let page = Client::new(&app.router)
            .sign_in(username, password, "es")
            .await;
        assert_eq!(page.status, 401);
        assert!(page.body.contains(&Lang::Es.tr().t("sign-in-failed")));
        // The form comes back with the token it was sent with.
        let csrf = page.form("name=\"csrf\"").field("csrf").to_owned();
        answers.push(page.body.replace(&csrf, "").replace(username, ""));
    }
    assert_eq!(answers[0], answers[1]);
}

#[tokio::test]
async fn marek_accepts_role_headers_and_the_figures_move_in_place() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    let form = marek
        .accept(ROLE, "Role headers verified against the staging gateway")
        .url("https://evidence.example/runs/42")
        .checksum("")
        .draw()
        .await;
    let answer = marek.submit(&form, HTMX).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    // The passage section itself, and out of band the header figures, the copilot, the
    // checklist, the decision and the decision board it moved.
    assert!(answer.body.contains(
        "<section id=\"passage\" class=\"panel panel-passage\" aria-labelledby=\"passage-title\">"
    ));
    for oob in [
        "kpis",
        "copilot",
        "checklist",
        "decision",
        "decision_board",
        "release",
    ] {
        assert!(
            answer.body.contains(&format!("<section id=\"{oob}\" ")),
            "{oob}"
        );
    }
    assert!(answer.body.contains("data-hx-swap-oob=\"true\""));
    assert!(!answer.body.contains("<section id=\"providers\""));
    assert!(answer.texts("tile-value").contains(&"1/6".to_owned()));

    // Replaying the same form changes nothing more.
    let replay = marek.submit(&form, HTMX).await;
    assert_eq!(replay.status, 200);
    assert!(matches!(
        crate::support::verify_chain(&app.db.app).await,
        Some(Verification::Intact { .. })
    ));
    // The seed's event and this one write's (the sign-ins beside them).
    assert_eq!(crate::support::write_events(&app.db).await, 2);
    let page = marek.get(&format!("{CONSOLE}?lang=en")).await;
    assert_eq!(page.texts("tile-value")[4], "1/6");
    // The live session now shows when the last write happened.
    assert!(!page.body.contains(&Lang::En.tr().t("session-not-written")));
    assert!(page.body.contains(" UTC</dd>"));
}

#[tokio::test]
async fn without_javascript_the_form_redirects_back_to_the_item() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    let answer = marek.accept(ROLE, "Checked by hand in staging").await;
    assert_eq!(answer.status, 303);
    assert_eq!(
        answer.header("location"),
        "/t/bfg-control?lang=en#item-passage-role_headers"
    );
    eventually(|| async {
        Client::new(&app.router)
            .get(CONSOLE)
            .await
            .texts("tile-value")[4]
            == "1/6"
    })
    .await;
}

#[tokio::test]
async fn olena_cannot_accept_mareks_check_and_the_reviewer_changes_nothing() {
    let app = TestApp::spawn().await;
    for username in ["olena", "reviewer", "petro"] {
        let mut client = app.actor(username).await;
        let page = client.console(Lang::Es).await;
        assert!(
            !page.body.contains(&item_form_id(ROLE)),
            "{username} sees no form for it"
        );
        let refused = client
            .accept(ROLE, "I would like to accept this")
            .lang(Lang::Es)
            .forged()
            .await;
        assert_eq!(refused.status, 403, "{username}");
        assert!(
            refused
                .body
                .contains(&Lang::Es.tr().t("error-title-forbidden"))
        );
    }
    // Olena's own checks carry her forms, and Marek's show whom they wait on.
    let mut olena = app.actor("olena").await;
    let page = olena.console(Lang::En).await;
    assert!(page.body.contains(&item_form_id("passage.db_schema")));
    assert!(page.body.contains(&Lang::En.tr().t1(
        "item-waiting-owner",
        "owner",
        "Marek Zielinski · Dispatch desk"
    )));
    // Nothing was written: the chain holds only the demo seed's event, and the sign-ins.
    assert_eq!(crate::support::write_events(&app.db).await, 1);
    assert!(matches!(
        crate::support::verify_chain(&app.db.app).await,
        Some(Verification::Intact {
            checkpoints: 0,
            unsigned: 0,
            ..
        })
    ));
}

#[tokio::test]
async fn bad_evidence_is_refused_in_the_users_language_and_the_text_is_kept() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    for (note, url, message) in [
        ("too short", "", "evidence-note-too-short"),
        (
            "Verified in the staging gateway",
            "http://insecure.example/x",
            "evidence-url-not-https",
        ),
    ] {
        let answer = marek
            .accept(ROLE, note)
            .url(url)
            .lang(Lang::Fr)
            .htmx()
            .await;
        assert_eq!(answer.status, 422);
        assert!(answer.body.contains(&Lang::Fr.tr().t(message)), "{message}");
        assert!(answer.body.contains(note), "the typed note is kept");
    }
    let page = marek.get(CONSOLE).await;
    assert_eq!(page.texts("tile-value")[4], "0/6", "nothing was saved");
}

#[tokio::test]
async fn a_stale_form_answers_409_with_the_fresh_section_and_the_evidence_kept() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    let form = marek
        .accept(ROLE, "Accepted from the first tab")
        .draw()
        .await;
    // Accepted meanwhile, from another tab.
    let first = marek.submit(&form, HTMX).await;
    assert_eq!(first.status, 200);
    let second_tab = form.fresh_key().set("note", "Typed in the second tab");
    let stale = marek.submit(&second_tab, HTMX).await;
    assert_eq!(stale.status, 409);
    assert!(stale.body.contains(&Lang::En.tr().t("write-stale")));
    assert!(stale.body.contains("Typed in the second tab"));
    assert!(
        stale.body.contains("/items/passage.role_headers/revoke"),
        "the fresh section offers revoking"
    );
}

#[tokio::test]
async fn a_write_without_the_token_or_from_another_origin_is_refused() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    let form = marek
        .accept(ROLE, "Role headers verified in staging")
        .draw()
        .await;
    let csrf = form.field("csrf").to_owned();
    for (token, headers) in [
        ("", vec![]),
        ("forged-token", vec![]),
        (csrf.as_str(), vec![("origin", "https://evil.example")]),
        (csrf.as_str(), vec![("sec-fetch-site", "cross-site")]),
    ] {
        let refused = marek
            .submit(&form.clone().set("csrf", token), &headers)
            .await;
        assert_eq!(refused.status, 403, "token {token:?}, headers {headers:?}");
    }
    let page = marek.get(CONSOLE).await;
    assert_eq!(page.texts("tile-value")[4], "0/6");
    // No state change on any GET: the write URL does not answer GET.
    assert_eq!(marek.get(ROLE_HEADERS).await.status, 405);
}

#[tokio::test]
async fn a_form_sent_after_the_session_ended_comes_back_after_signing_in_with_the_evidence() {
    let app = TestApp::spawn().await;
    // Marek's session ends behind his back (it expired, or he signed out elsewhere): his
    // browser still sends the cookie, and the form comes from the console's own page.
    let mut marek = app.actor("marek").await;
    sqlx::query("delete from tower_sessions.session")
        .execute(&app.db.app)
        .await
        .unwrap();
    let note = "Typed before my session ended";
    let answer = marek
        .post(
            ROLE_HEADERS,
            &[
                ("csrf", "stale"),
                ("version", "0"),
                ("idempotency_key", &uuid::Uuid::new_v4().to_string()),
                ("note", note),
            ],
            &[("origin", "http://localhost"), ("host", "localhost")],
        )
        .await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.header("location"), "/t/bfg-control/sign-in?lang=en");
    let signed = marek.sign_in("marek", "marek-dispatch", "en").await;
    assert_eq!(
        signed.header("location"),
        "/t/bfg-control?lang=en#item-passage-role_headers"
    );
    let page = marek.get(&format!("{CONSOLE}?lang=en")).await;
    assert!(
        page.body.contains(&format!(">{note}</textarea>")),
        "the evidence is back in the form"
    );
    assert!(page.body.contains(&Lang::En.tr().t("write-session-ended")));
    assert_eq!(
        page.texts("tile-value")[4],
        "0/6",
        "nothing was written without a session"
    );

    // Sent again, it is accepted, and the kept evidence is dropped.
    let done = marek.accept(ROLE, note).await;
    assert_eq!(done.status, 303);
    let page = marek.get(&format!("{CONSOLE}?lang=en")).await;
    assert!(!page.body.contains(&Lang::En.tr().t("write-session-ended")));
}

/// Rows of the session table.
async fn sessions(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from tower_sessions.session")
        .fetch_one(&app.db.app)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_write_without_our_session_stores_nothing_and_goes_to_sign_in() {
    let app = TestApp::spawn().await;
    // Visiting the console and the sign-in form creates no session row.
    let mut visitor = Client::new(&app.router);
    visitor.get(&format!("{CONSOLE}?lang=en")).await;
    let form = visitor.get("/t/bfg-control/sign-in?lang=en").await;
    assert_eq!(form.status, 200);
    assert_eq!(
        sessions(&app).await,
        0,
        "no session for an anonymous visitor"
    );
    let acceptances = app.db.count_in_demo("acceptances").await;
    let huge = "x".repeat(1_900_000);
    let form = [
        ("csrf", "anything"),
        ("version", "0"),
        ("idempotency_key", "7b0c5b7e-1d7e-4f5e-9a51-3f7bb1a0c001"),
        ("note", huge.as_str()),
    ];
    // No cookie at all, a made-up cookie, and (below) our own ended session without saying
    // where the form came from: each is sent to sign in, and nothing is kept.
    let mut anonymous = Client::new(&app.router);
    let answer = anonymous.post(ROLE_HEADERS, &form, &[]).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.header("location"), "/t/bfg-control/sign-in?lang=en");
    assert!(
        !answer
            .headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("session=")),
        "no session is started"
    );
    let mut forger = Client::new(&app.router);
    forger.set_cookie("session", "AAAAAAAAAAAAAAAAAAAAAA");
    let origin = [("origin", "http://localhost"), ("host", "localhost")];
    assert_eq!(forger.post(ROLE_HEADERS, &form, &origin).await.status, 303);
    assert_eq!(sessions(&app).await, 0, "nothing stored for strangers");

    let mut marek = app.actor("marek").await;
    sqlx::query("delete from tower_sessions.session")
        .execute(&app.db.app)
        .await
        .unwrap();
    let ended = marek.cookie("session").unwrap();
    assert_eq!(marek.post(ROLE_HEADERS, &form, &[]).await.status, 303);
    assert_eq!(sessions(&app).await, 0, "no origin, no draft");
    // (The answer removed the cookie; a second tab still sends it.)
    marek.set_cookie("session", &ended);
    // With the origin, the draft is kept, within the note's limit.
    assert_eq!(marek.post(ROLE_HEADERS, &form, &origin).await.status, 303);
    let stored: i64 = sqlx::query_scalar(
        "select coalesce(sum(length(data)), 0)::bigint from tower_sessions.session",
    )
    .fetch_one(&app.db.app)
    .await
    .unwrap();
    assert_eq!(sessions(&app).await, 1);
    assert!(stored < 10_000, "the draft is capped: {stored} bytes");
    assert_eq!(
        app.db.count_in_demo("acceptances").await,
        acceptances,
        "nothing was written"
    );
}

#[tokio::test]
async fn anna_records_a_decision_and_marek_cannot() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna.console(Lang::En).await;
    let form = item_form_id("infrastructure.region");
    assert!(page.body.contains(&form));
    assert_eq!(
        page.input_after(&form, "value"),
        "EU",
        "the proposal is prefilled"
    );
    let answer = anna
        .decide(
            "infrastructure.region",
            "EU (Frankfurt)",
            "Data residency confirmed with the DPO",
        )
        .await;
    assert_eq!(answer.status, 303);
    let page = anna
        .get(&format!("{CONSOLE}/sections/infrastructure?lang=en"))
        .await;
    assert!(
        page.texts("section-count").contains(&Lang::En.tr().t2(
            "section-count",
            "ready",
            1u32,
            "total",
            4u32
        ))
    );
    assert!(
        page.texts("item-figure")
            .contains(&"EU (Frankfurt)".to_owned())
    );

    let mut marek = app.actor("marek").await;
    let page = marek.console(Lang::En).await;
    assert!(!page.body.contains(&item_form_id("infrastructure.hosting")));
    let refused = marek
        .decide(
            "infrastructure.hosting",
            "Some cloud",
            "Deciding what is not mine",
        )
        .forged()
        .await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn go_is_refused_while_a_gate_is_red_and_no_go_is_recorded_with_its_reason() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna.console(Lang::En).await;
    assert!(
        !page.body.contains("value=\"GO\""),
        "no GO form while the gates are red"
    );
    // Sent anyway.
    let refused = anna.sign_off_go().forged().await;
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains(&Lang::En.tr().t1(
        "signoff-not-ready",
        "decision",
        "BLOCKED_PENDING_DRY_RUN"
    )));

    let wrong = anna
        .sign_off_no_go("Backup restore not rehearsed yet")
        .password("guess")
        .await;
    assert_eq!(wrong.status, 403);
    assert!(
        wrong.body.contains("Backup restore not rehearsed yet"),
        "the reason is kept"
    );

    let recorded = anna
        .sign_off_no_go("Backup restore not rehearsed yet")
        .await;
    assert_eq!(recorded.status, 303);
    let page = anna.get(&format!("{CONSOLE}?lang=en")).await;
    assert!(page.body.contains(": Backup restore not rehearsed yet"));
    assert!(matches!(
        crate::support::verify_chain(&app.db.app).await,
        Some(Verification::Intact { .. })
    ));
    // The seed's event and this one write's (the sign-ins beside them).
    assert_eq!(crate::support::write_events(&app.db).await, 2);

    // Only the managing director signs.
    let mut marek = app.actor("marek").await;
    let page = marek.console(Lang::En).await;
    assert!(!page.body.contains("id=\"signoff\""));
    let refused = marek
        .sign_off_no_go("I would like to stop this")
        .forged()
        .await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn with_every_gate_green_anna_signs_go() {
    let app = TestApp::spawn().await;
    app.db.make_all_green().await;
    let mut anna = app.actor("anna").await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    // The GO form carries the digest of the state it was drawn from.
    let form = anna.sign_off_go().draw().await;
    assert_eq!(form.field("state_digest").len(), 64);
    let signed = anna.submit(&form, HTMX).await;
    assert_eq!(signed.status, 204);
    assert_eq!(signed.header("hx-refresh"), "true");
    assert_eq!(app.decision().await, "GO");
}

#[tokio::test]
async fn behind_https_every_cookie_is_secure() {
    let app = TestApp::spawn().await;
    let state = readiness_console::web::AppState::new(
        app.db.app.clone(),
        crate::support::test_key().clone(),
        &readiness_console::config::ServeConfig {
            https: true,
            ..readiness_console::config::ServeConfig::default()
        },
        crate::support::test_clock().clone(),
    );
    let router = readiness_console::web::app(state);
    let mut client = Client::new(&router);
    let mut set = Vec::new();
    let page = client.get(&format!("{CONSOLE}/sign-in?lang=fr")).await;
    set.extend(page.headers.get_all("set-cookie").iter().cloned());
    let form = page.form("name=\"csrf\"");
    let form = form
        .set("username", "marek")
        .set("password", "marek-dispatch");
    let signed = client.submit(&form, &[]).await;
    assert_eq!(signed.status, 303);
    set.extend(signed.headers.get_all("set-cookie").iter().cloned());
    let names: Vec<&str> = set
        .iter()
        .map(|c| c.to_str().unwrap().split('=').next().unwrap())
        .collect();
    assert!(names.contains(&"lang"), "{names:?}");
    assert!(names.contains(&"__Host-session"), "{names:?}");
    assert!(names.contains(&"__Host-sign-in"), "{names:?}");
    for cookie in &set {
        assert!(cookie.to_str().unwrap().contains("; Secure"), "{cookie:?}");
    }
}

#[tokio::test]
async fn revoking_a_check_that_is_not_accepted_says_so() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    let events = app.db.count_in_demo("audit_events").await;
    // The accept form, sent to the revoke URL.
    let form = marek
        .accept(ROLE, "Reopening the header mapping")
        .draw()
        .await;
    for lang in Lang::ALL {
        let revoke = format!("{CONSOLE}/items/{ROLE}/revoke?lang={}", lang.code());
        let answer = marek.submit(&form.clone().posting_to(&revoke), &[]).await;
        assert_eq!(answer.status, 409);
        assert!(
            answer.body.contains(&lang.tr().t("write-not-accepted")),
            "{lang:?}"
        );
        assert!(!answer.body.contains(&lang.tr().t("write-stale")));
    }
    assert_eq!(app.db.count_in_demo("audit_events").await, events);
}

#[tokio::test]
async fn every_write_is_confirmed_once_in_the_users_language() {
    let app = TestApp::spawn().await;
    let mut marek = app.actor("marek").await;
    for (lang, action, note) in [
        (Lang::Es, "accept", "Comprobado a mano en staging"),
        (Lang::Fr, "revoke", "Rouvert pour une nouvelle vérification"),
    ] {
        let write = if action == "accept" {
            marek.accept(ROLE, note)
        } else {
            marek.revoke(ROLE, note)
        };
        let answer = write.lang(lang).await;
        assert_eq!(answer.status, 303, "{action}");
        let tr = lang.tr();
        let label = tr.t1("item-passage-role_headers", "environment", "local-demo");
        let code = if action == "accept" {
            "accepted"
        } else {
            "revoked"
        };
        let expected = tr.t1(&format!("notice-{code}"), "subject", label.as_str());
        let landed = marek.get(answer.header("location")).await;
        assert!(
            landed
                .body
                .contains(&format!("<p class=\"notice-done\">{expected}</p>")),
            "{action} is confirmed in {lang:?}"
        );
        assert!(
            landed.body.contains("tabindex=\"-1\""),
            "the notice can take focus"
        );
        let again = marek.get(answer.header("location")).await;
        assert!(!again.body.contains(&expected), "said once");
    }
    // With htmx, the notice comes out of band with the changed section.
    let answer = marek
        .accept(ROLE, "Checked by hand in staging")
        .htmx()
        .await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("id=\"notice\""));
    assert!(answer.body.contains("hx-swap-oob=\"true\""));
    assert!(
        answer.body.contains(
            &Lang::En.tr().t1(
                "notice-accepted",
                "subject",
                Lang::En
                    .tr()
                    .t1("item-passage-role_headers", "environment", "local-demo")
            )
        )
    );
}
