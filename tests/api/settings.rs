//! The settings page: every viewer reads the tenant's profile, only the managing director
//! changes it — one audited write per form, validated in the core, refused under the status
//! policy like every tenant write.

use readiness_console::chain::Verification;
use readiness_console::i18n::Lang;

use crate::support::{CONSOLE, Form, TestApp, TestDb, eventually, verify_chain};

/// The settings form as the page draws it for `page`.
fn settings_form(page: &crate::support::Page) -> Form {
    page.form("class=\"settings-form\"")
}

/// The `set_profile` events of the demo tenant.
async fn profile_events(db: &TestDb) -> i64 {
    let mut tx = db.demo_tx().await;
    sqlx::query_scalar("select count(*) from audit_events where action = 'set_profile'")
        .fetch_one(&mut *tx)
        .await
        .expect("count")
}

/// The demo tenant's stored environment and `ksef`'s target mode.
async fn stored(db: &TestDb) -> (String, String) {
    let mut tx = db.demo_tx().await;
    let environment = sqlx::query_scalar("select environment from tenant_profiles")
        .fetch_one(&mut *tx)
        .await
        .expect("profile");
    let target = sqlx::query_scalar("select target_mode from providers where key = 'ksef'")
        .fetch_one(&mut *tx)
        .await
        .expect("provider");
    (environment, target)
}

#[tokio::test]
async fn the_managing_director_changes_a_target_mode_and_the_environment_and_the_console_shows_them()
 {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let console = anna.console(Lang::En).await;
    assert!(
        console
            .body
            .contains(&format!("href=\"{CONSOLE}/settings?lang=en\"")),
        "the console links its settings"
    );
    let page = anna.page_in("/settings", Lang::En).await;
    assert_eq!(page.status, 200);
    let form = settings_form(&page)
        .set("environment", "staging-eu")
        .set("target_mode.ksef", "KSeF API v2");
    let answer = anna.submit(&form, &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(
        stored(&app.db).await,
        ("staging-eu".to_owned(), "KSeF API v2".to_owned())
    );
    assert_eq!(profile_events(&app.db).await, 1);
    let after = anna.page_in("/settings", Lang::En).await;
    assert!(after.body.contains("Settings saved."), "{}", after.body);
    assert!(after.body.contains("value=\"staging-eu\""));
    let console = anna.console(Lang::En).await;
    assert!(
        console.body.contains("KSeF API v2"),
        "the providers show it"
    );
    let visitor = app
        .get(&format!("{CONSOLE}/packets/release-env"), &[])
        .await;
    assert!(
        visitor.body.contains("BFG_RELEASE_ENVIRONMENT=staging-eu"),
        "{}",
        visitor.body
    );
    // Every viewer reads the settings, without the form.
    let read = app.page_in("/settings", Lang::En).await;
    assert_eq!(read.status, 200);
    assert!(read.try_form("class=\"settings-form\"").is_none());
    assert!(
        read.texts("setting-value")
            .contains(&"KSeF API v2".to_owned())
    );
    // The audit trail names the event, and the chain verifies.
    let audit = app
        .get(&format!("{CONSOLE}/audit?lang=en&action=set_profile"), &[])
        .await;
    assert!(
        audit.body.contains("Changed the tenant’s settings")
            || audit.body.contains("Changed the tenant&#8217;s settings"),
        "{}",
        audit.body
    );
    assert!(matches!(
        verify_chain(&app.db.app).await,
        Some(Verification::Intact { .. })
    ));
}

#[tokio::test]
async fn the_dispatcher_and_a_reviewer_are_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let drawn = settings_form(&anna.page_in("/settings", Lang::En).await);
    let chain = crate::support::write_events(&app.db).await;
    for username in ["marek", "reviewer"] {
        let mut actor = app.actor(username).await;
        let page = actor.page_in("/settings", Lang::En).await;
        assert_eq!(page.status, 200);
        assert!(
            page.try_form("class=\"settings-form\"").is_none(),
            "{username}"
        );
        // Their own session's token, on the form they are not offered.
        let csrf = page.form("name=\"csrf\"").field("csrf").to_owned();
        let forged = drawn
            .clone()
            .set("csrf", csrf)
            .fresh_key()
            .set("environment", "forged")
            .set("target_mode.ksef", "Forged API");
        let answer = actor.submit(&forged, &[]).await;
        assert_eq!(answer.status, 403, "{username}: {}", answer.body);
    }
    assert_eq!(crate::support::write_events(&app.db).await, chain);
    assert_eq!(
        stored(&app.db).await,
        ("local-demo".to_owned(), "KSeF API".to_owned())
    );
}

#[tokio::test]
async fn a_bad_value_is_refused_in_spanish_keeping_what_was_typed() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna.page_in("/settings", Lang::Es).await;
    let chain = crate::support::write_events(&app.db).await;
    let form = settings_form(&page)
        .set("environment", "<staging>")
        .set("target_mode.ksef", "KSeF API v3");
    let answer = anna.submit(&form, &[]).await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(answer.html_lang(), "es");
    assert!(answer.body.contains("No se guardó nada"), "{}", answer.body);
    assert!(answer.body.contains("Use solo letras"), "{}", answer.body);
    assert!(
        answer.body.contains("value=\"&#60;staging&#62;\""),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("value=\"KSeF API v3\""));
    assert_eq!(crate::support::write_events(&app.db).await, chain);
    assert_eq!(stored(&app.db).await.0, "local-demo");
}

#[tokio::test]
async fn a_replayed_settings_form_has_one_effect() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let form = settings_form(&anna.page_in("/settings", Lang::En).await)
        .set("target_mode.ksef", "KSeF API v2");
    for _ in 0..2 {
        assert_eq!(anna.submit(&form, &[]).await.status, 303);
    }
    assert_eq!(profile_events(&app.db).await, 1);
    // A form that changes nothing writes nothing.
    let same = form.fresh_key();
    assert_eq!(anna.submit(&same, &[]).await.status, 303);
    assert_eq!(profile_events(&app.db).await, 1);
}

#[tokio::test]
async fn a_suspended_tenants_settings_form_is_refused_with_423() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let form =
        settings_form(&anna.page_in("/settings", Lang::En).await).set("environment", "staging-eu");
    let chain = crate::support::write_events(&app.db).await;
    app.db.suspend_demo().await;
    let router = app.router.clone();
    eventually(|| {
        let router = router.clone();
        async move { crate::support::get(&router, CONSOLE, &[]).await.status == 423 }
    })
    .await;
    let answer = anna.submit(&form, &[]).await;
    assert_eq!(answer.status, 423, "{}", answer.body);
    assert_eq!(crate::support::write_events(&app.db).await, chain);
    assert_eq!(stored(&app.db).await.0, "local-demo");
}
