//! Your account: password rules (weak and common passwords refused in every language), the
//! password change (the current one re-typed), the active sessions and ending the others, a
//! disabled account's open session ending at its next request, and the sign-in events in the
//! audit chain, the refusals rate-limited, with `verify-audit` passing afterwards.

use readiness_console::config::{ServeConfig, SignInLimit};
use readiness_console::i18n::Lang;

use crate::support::{Account, CONSOLE, Client, TestApp, cli, signed_in, test_clock, test_config};

const NEW_PASSWORD: &str = "marek's new dispatch passphrase";

fn pt_br() -> Lang {
    Lang::ALL.into_iter().find(|l| l.code() == "pt-BR").unwrap()
}

/// The account page as this client sees it, in `lang`.
async fn account_page(client: &mut Client, lang: Lang) -> crate::support::Page {
    client.page_in("/account", lang).await
}

/// Sends the password form of the account page in `lang`.
async fn change_password(
    client: &mut Client,
    lang: Lang,
    current: &str,
    new: &str,
    again: &str,
) -> crate::support::Page {
    let page = account_page(client, lang).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let form = page
        .form("account/password")
        .set("current", current)
        .set("password", new)
        .set("password_again", again);
    client.submit(&form, &[]).await
}

/// Whether this client is still signed in: its account page answers instead of sending it to
/// sign in.
async fn still_signed_in(client: &mut Client) -> bool {
    let page = client.get(&format!("{CONSOLE}/account")).await;
    match page.status.as_u16() {
        200 => true,
        303 => {
            assert!(page.header("location").contains("/sign-in"));
            false
        }
        other => panic!("the account page answered {other}"),
    }
}

/// How many events of `action` the demo's chain holds.
async fn events(app: &TestApp, action: &str) -> i64 {
    let mut tx = app.db.demo_tx().await;
    sqlx::query_scalar("select count(*) from audit_events where action = $1")
        .bind(action)
        .fetch_one(&mut *tx)
        .await
        .unwrap()
}

#[tokio::test]
async fn weak_and_common_passwords_are_refused_in_every_language_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let marek = Account::named("marek");
    let mut client = signed_in(&app, marek.username, marek.password).await;
    for lang in Lang::ALL {
        let tr = lang.tr();
        let cases = [
            ("short", "short", "invite-error-password-length"),
            (
                "Password1234",
                "Password1234",
                "invite-error-password-common",
            ),
            (
                "QWERTY123456",
                "QWERTY123456",
                "invite-error-password-common",
            ),
            (
                NEW_PASSWORD,
                "something else entirely",
                "invite-error-password-mismatch",
            ),
        ];
        for (new, again, id) in cases {
            let page = change_password(&mut client, lang, marek.password, new, again).await;
            assert_eq!(page.status, 422, "{lang:?} {new}");
            assert_eq!(page.html_lang(), lang.code());
            assert!(
                page.body.contains(&crate::support::html_escape(&tr.t(id))),
                "{lang:?} {id}: {}",
                page.body
            );
        }
    }
    assert_eq!(events(&app, "change_password").await, 0);
    // The password is as it was.
    signed_in(&app, marek.username, marek.password).await;
}

#[tokio::test]
async fn a_wrong_current_password_changes_nothing() {
    let app = TestApp::spawn().await;
    let marek = Account::named("marek");
    let mut client = signed_in(&app, marek.username, marek.password).await;
    for lang in Lang::ALL {
        let page = change_password(
            &mut client,
            lang,
            "not my password at all",
            NEW_PASSWORD,
            NEW_PASSWORD,
        )
        .await;
        assert_eq!(page.status, 422);
        let said = lang.tr().t("account-error-current-wrong");
        assert!(
            page.body.contains(&crate::support::html_escape(&said)),
            "{lang:?}"
        );
    }
    assert_eq!(events(&app, "change_password").await, 0);
    assert!(still_signed_in(&mut client).await);
    let refused = Client::new(&app.router)
        .sign_in(marek.username, NEW_PASSWORD, "en")
        .await;
    assert_eq!(refused.status, 401);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_session_and_keeps_this_one() {
    let app = TestApp::spawn().await;
    let marek = Account::named("marek");
    let mut here = signed_in(&app, marek.username, marek.password).await;
    let mut there = signed_in(&app, marek.username, marek.password).await;

    let done = change_password(
        &mut here,
        Lang::Fr,
        marek.password,
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = here.get(done.header("location")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&crate::support::html_escape(
        &Lang::Fr.tr().t("account-done-password")
    )));
    assert!(still_signed_in(&mut here).await);
    assert!(!still_signed_in(&mut there).await);
    assert_eq!(events(&app, "change_password").await, 1);

    // The new password signs in; the old one no more.
    signed_in(&app, marek.username, NEW_PASSWORD).await;
    let refused = Client::new(&app.router)
        .sign_in(marek.username, marek.password, "en")
        .await;
    assert_eq!(refused.status, 401);
}

#[tokio::test]
async fn ending_the_other_sessions_ends_them_and_keeps_this_one() {
    let app = TestApp::spawn().await;
    let olena = Account::named("olena");
    let mut here = signed_in(&app, olena.username, olena.password).await;
    let mut there = signed_in(&app, olena.username, olena.password).await;

    let page = account_page(&mut here, pt_br()).await;
    assert_eq!(page.texts("this-session-tag").len(), 1, "{}", page.body);
    assert_eq!(
        page.body.matches("<tr").count(),
        3,
        "a header and two sessions"
    );
    let form = page.form("account/sessions");
    let done = here.submit(&form, &[]).await;
    assert_eq!(done.status, 303);
    assert!(still_signed_in(&mut here).await);
    assert!(!still_signed_in(&mut there).await);

    let page = account_page(&mut here, Lang::Es).await;
    assert_eq!(
        page.body.matches("<tr").count(),
        2,
        "a header and this session"
    );
    assert!(page.body.contains(&crate::support::html_escape(
        &Lang::Es.tr().t("account-sessions-none-other")
    )));
    assert_eq!(events(&app, "end_sessions").await, 1);
}

/// A browser sends a request with its session id, a new id replaces it (this session is kept
/// while the account's others end), and the answer to the old request arrives last (the live
/// stream reconnecting in that moment does this): the browser stays signed in to the session
/// it kept. Only a sign-out's answer clears its cookie.
#[tokio::test]
async fn an_answer_to_a_request_sent_with_a_replaced_id_does_not_sign_the_browser_out() {
    let app = TestApp::spawn().await;
    let olena = Account::named("olena");
    let mut here = signed_in(&app, olena.username, olena.password).await;
    let _there = signed_in(&app, olena.username, olena.password).await;
    let kept = here.cookie("session").expect("signed in");
    let form = account_page(&mut here, Lang::En)
        .await
        .form("account/sessions");
    assert_eq!(here.submit(&form, &[]).await.status, 303);
    assert_ne!(
        here.cookie("session"),
        Some(kept.clone()),
        "a new id for the kept one"
    );
    let late = answer_with(&app, &kept).await;
    here.keep_cookies(&late);
    assert!(
        still_signed_in(&mut here).await,
        "the kept session after the late answer"
    );

    // Signing out clears the cookie.
    let sign_out = account_page(&mut here, Lang::En).await.form("/sign-out");
    let out = here.submit(&sign_out, &[]).await;
    assert_eq!(out.status, 303);
    assert!(
        out.headers
            .get_all("set-cookie")
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("session=;")),
        "{:?}",
        out.headers
    );
    assert_eq!(here.cookie("session"), None);
}

/// The headers of the console's answer to a request carrying the session cookie `id`.
async fn answer_with(app: &TestApp, id: &str) -> axum::http::HeaderMap {
    let mut old = Client::new(&app.router);
    old.set_cookie("session", id);
    let page = old.get(CONSOLE).await;
    assert_eq!(page.status, 200);
    page.headers
}

#[tokio::test]
async fn a_disabled_account_s_open_session_ends_at_its_next_request() {
    let app = TestApp::spawn().await;
    let olena = Account::named("olena");
    let mut client = signed_in(&app, olena.username, olena.password).await;
    let page = account_page(&mut client, Lang::En).await;
    let form = page
        .form("account/password")
        .set("current", olena.password)
        .set("password", NEW_PASSWORD)
        .set("password_again", NEW_PASSWORD);
    assert!(still_signed_in(&mut client).await);

    app.db
        .as_owner_in_demo(&format!(
            "update accounts set status = 'disabled' where actor_id = '{}'",
            olena.actor
        ))
        .await;
    // The cache learns of it through NOTIFY, a moment after the commit.
    let mut ended = false;
    for _ in 0..100 {
        if !still_signed_in(&mut client).await {
            ended = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(ended, "the session ended");
    // A write answers as a signed-out write does.
    let write = client.submit(&form, &[]).await;
    assert_eq!(write.status, 401, "{}", write.body);
    assert_eq!(events(&app, "change_password").await, 0);
    // And the account signs in no more.
    let refused = Client::new(&app.router)
        .sign_in(olena.username, olena.password, "en")
        .await;
    assert_eq!(refused.status, 401);
}

#[tokio::test]
async fn sign_ins_sign_outs_and_refusals_are_in_the_chain_bounded_and_verify_audit_passes() {
    let config = ServeConfig {
        sign_in: SignInLimit {
            attempts: 1_000,
            window: std::time::Duration::from_secs(60),
        },
        ..test_config()
    };
    let app = TestApp::spawn_with(&config, test_clock().clone()).await;
    let anna = Account::named("anna");
    let mut client = signed_in(&app, anna.username, anna.password).await;
    let page = client.get(CONSOLE).await;
    let sign_out = page.form("/sign-out");
    assert_eq!(client.submit(&sign_out, &[]).await.status, 303);
    assert_eq!(events(&app, "sign_in").await, 1);
    assert_eq!(events(&app, "sign_out").await, 1);

    // A flood of refusals: twenty for Anna, forty for names nobody has.
    for _ in 0..20 {
        let refused = Client::new(&app.router)
            .sign_in(anna.username, "not anna's password", "en")
            .await;
        assert_eq!(refused.status, 401);
    }
    for n in 0..40 {
        let refused = Client::new(&app.router)
            .sign_in(&format!("  Ghost{n} "), "whatever it is", "en")
            .await;
        assert_eq!(refused.status, 401);
    }
    // One for Anna, and the tenant's ten a minute in all.
    let mut tx = app.db.demo_tx().await;
    let targets: Vec<(String, Option<String>)> = sqlx::query_as(
        "select target, actor_id from audit_events where action = 'sign_in_failed' order by seq",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    drop(tx);
    assert_eq!(targets.len(), 10, "{targets:?}");
    assert_eq!(targets[0], (anna.actor.to_owned(), Some(String::new())));
    // A name nobody has is recorded by its digest, never as typed.
    assert_eq!(
        targets[1].0,
        readiness_console::db::sign_ins::failed_target("ghost0")
    );
    assert!(!targets.iter().any(|(t, _)| t.contains("ghost")));
    assert!(
        !targets.iter().any(|(t, _)| t.contains("whatever")),
        "never the password"
    );

    let (passed, stdout, stderr) = cli(&app.db, &["verify-audit", "--tenant", "bfg-control"]);
    assert!(passed, "{stdout}\n{stderr}");

    // The trail shows them in words.
    let trail = app.get(&format!("{CONSOLE}/audit?lang=fr"), &[]).await;
    for action in ["sign_in", "sign_out", "sign_in_failed"] {
        let label = Lang::Fr.tr().t(&format!("audit-action-{action}"));
        assert!(
            trail.body.contains(&crate::support::html_escape(&label)),
            "{action}"
        );
    }
}
