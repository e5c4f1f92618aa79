//! The loader reports what it cannot read — an actor's role, a section's gate or decision code —
//! as misconfigured, never as a default: the console still answers 200, the sections resting on
//! what could not be read carry the notice, and the problem is logged for the administrator.
//! Each test writes the bad code straight into the database as the owner role.

use readiness_console::db::signature::Consent;
use readiness_console::db::write::{self, CheckCommand, WriteError};
use readiness_console::i18n::Lang;
use readiness_console::readiness::evidence::Evidence;

use crate::support::{CONSOLE, Logs, Page, TestApp, eventually, get, marek};

/// The notice a section whose catalogue could not be read shows.
fn notice() -> String {
    Lang::En.tr().t("section-misconfigured")
}

async fn console(app: &TestApp) -> Page {
    app.get(&format!("{CONSOLE}?lang=en"), &[]).await
}

async fn section(app: &TestApp, key: &str) -> Page {
    get(
        &app.router,
        &format!("{CONSOLE}/sections/{key}?lang=en"),
        &[("hx-request", "true")],
    )
    .await
}

/// Runs `sql` as the owner in the demo tenant and waits until the console page, loaded again,
/// shows the notice.
async fn misconfigure(app: &TestApp, sql: &str) {
    app.db.as_owner_in_demo(sql).await;
    eventually(|| async {
        let page = console(app).await;
        page.status == 200 && page.texts("misconfigured-notice").contains(&notice())
    })
    .await;
}

#[tokio::test]
async fn an_unknown_role_is_reported_not_read_as_a_reviewer() {
    let (logs, _guard) = Logs::capture(tracing::Level::WARN);
    let app = TestApp::spawn().await;
    let marek_in_rbac = "<span class=\"help code\">user_dispatcher_marek</span>";
    assert!(console(&app).await.body.contains(marek_in_rbac));
    // The schema admits only the roles it knows: this is a row written past it.
    misconfigure(
        &app,
        "alter table actors drop constraint actors_role_check;
         update actors set role = 'janitor' where actor_id = 'user_dispatcher_marek';",
    )
    .await;

    let page = console(&app).await;
    assert_eq!(page.status, 200);
    // No role is guessed for Marek: he is not listed among the actors as anything.
    assert!(!page.body.contains(marek_in_rbac));
    // The checks he owns, and the actors' claims (read from everyone's role), are misconfigured.
    for key in ["passage", "runbook", "preflight"] {
        let part = section(&app, key).await;
        assert_eq!(part.status, 200, "{key}");
        assert!(
            part.texts("misconfigured-notice").contains(&notice()),
            "{key}"
        );
    }
    let passage = section(&app, "passage").await;
    assert!(
        passage
            .body
            .contains(&Lang::En.tr().t("status-misconfigured"))
    );
    // What rests on no one's role is untouched.
    let connection = section(&app, "connection").await;
    assert!(connection.texts("misconfigured-notice").is_empty());
    let logged = logs.lines_with("catalogue misconfigured");
    assert!(
        logged
            .iter()
            .any(|l| l.contains("passage.role_headers") && l.contains("unknown_role")),
        "{logged:?}"
    );
    assert!(
        logged
            .iter()
            .any(|l| l.contains("runbook.actor_claims") && l.contains("unknown_role")),
        "{logged:?}"
    );
    // Without a role he may write nothing.
    let refused = write::owner_check(
        &app.db.app,
        &marek(),
        "passage.role_headers",
        0,
        uuid::Uuid::new_v4(),
        &CheckCommand::Accept(Evidence::parse("Role headers verified", "", "").unwrap()),
        Consent::Withheld,
    )
    .await;
    assert!(matches!(refused, Err(WriteError::Forbidden)), "{refused:?}");
}

#[tokio::test]
async fn an_unknown_gate_code_is_reported_on_its_section_not_dropped() {
    let (logs, _guard) = Logs::capture(tracing::Level::WARN);
    let app = TestApp::spawn().await;
    assert_eq!(
        section(&app, "runbook").await.texts("section-decision"),
        ["BLOCKED_PENDING_PREFLIGHT"]
    );
    misconfigure(
        &app,
        "update catalogue_sections set decision_gated_by = '{BLOCKED_PENDING_WISHES}'
         where key = 'runbook'",
    )
    .await;

    let runbook = section(&app, "runbook").await;
    assert_eq!(runbook.status, 200);
    assert!(runbook.texts("misconfigured-notice").contains(&notice()));
    // Dropping the gate would have shown the section's own pending code: it shows none.
    assert!(
        runbook.texts("section-decision").is_empty(),
        "{:?}",
        runbook.texts("section-decision")
    );
    // Its items are as readable as before.
    assert!(
        !runbook
            .body
            .contains(&Lang::En.tr().t("status-misconfigured"))
    );
    let logged = logs.lines_with("catalogue misconfigured");
    assert!(
        logged
            .iter()
            .any(|l| l.contains("runbook") && l.contains("unknown_gate")),
        "{logged:?}"
    );
}

#[tokio::test]
async fn an_unknown_decision_code_is_reported_on_its_section_not_defaulted() {
    let (logs, _guard) = Logs::capture(tracing::Level::WARN);
    let app = TestApp::spawn().await;
    assert_eq!(
        section(&app, "cutover").await.texts("section-decision"),
        ["BLOCKED_PENDING_DATA_CUTOVER"]
    );
    misconfigure(
        &app,
        "update catalogue_sections set decision_pending = 'MAYBE' where key = 'cutover'",
    )
    .await;

    let cutover = section(&app, "cutover").await;
    assert_eq!(cutover.status, 200);
    assert!(cutover.texts("misconfigured-notice").contains(&notice()));
    // Not the old default, BLOCKED_PENDING_DRY_RUN, nor any other code.
    assert!(
        cutover.texts("section-decision").is_empty(),
        "{:?}",
        cutover.texts("section-decision")
    );
    let logged = logs.lines_with("catalogue misconfigured");
    assert!(
        logged
            .iter()
            .any(|l| l.contains("cutover") && l.contains("unknown_decision")),
        "{logged:?}"
    );
}
