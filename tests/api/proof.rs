//! The reviewer's proof path: decision → blocker → item → evidence → audit events.

use readiness_console::db::write::{self, Author, CheckCommand};
use readiness_console::i18n::Lang;
use readiness_console::readiness::evidence::{Evidence, EvidenceNote};
use uuid::Uuid;

use crate::support::TestApp;

#[tokio::test]
async fn the_proof_path_leads_from_each_blocker_to_its_items() {
    let app = TestApp::spawn().await;
    let page = app.get("/t/bfg-control/proof?lang=es", &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<html lang=\"es\">"));
    // The rungs still to pass, in ladder order, the current one first.
    let first = page
        .body
        .find("id=\"rung-BLOCKED_PENDING_DRY_RUN\"")
        .expect("current rung");
    let second = page
        .body
        .find("id=\"rung-BLOCKED_PENDING_PREFLIGHT\"")
        .expect("next rung");
    assert!(first < second);
    // Its failing items: four connection probes and five dry-run steps, each a permalink.
    let current = &page.body[first..second];
    assert_eq!(current.matches("href=\"/t/bfg-control/items/").count(), 9);
    assert!(
        current.contains("href=\"/t/bfg-control/items/connection.endpoint_reachability?lang=es\"")
    );
    let console = app.get("/t/bfg-control?lang=es", &[]).await;
    assert!(
        console
            .body
            .contains("href=\"/t/bfg-control/proof?lang=es\"")
    );
}

#[tokio::test]
async fn an_item_page_shows_its_evidence_history_and_audit_events() {
    let app = TestApp::spawn().await;
    let author = Author {
        tenant: "bfg-control",
        actor: "user_dispatcher_marek",
        request_id: "proof-test",
        key: crate::support::test_key(),
    };
    let accept = CheckCommand::Accept(
        Evidence::parse(
            "Headers verified on the gateway",
            "https://evidence.example/7",
            "bfg-3d15b1f6",
        )
        .unwrap(),
    );
    write::owner_check(
        &app.db.app,
        &author,
        "passage.role_headers",
        0,
        Uuid::new_v4(),
        &accept,
    )
    .await
    .unwrap();
    let revoke = CheckCommand::Revoke(EvidenceNote::parse("The gateway was reconfigured").unwrap());
    write::owner_check(
        &app.db.app,
        &author,
        "passage.role_headers",
        1,
        Uuid::new_v4(),
        &revoke,
    )
    .await
    .unwrap();

    for lang in Lang::ALL {
        let tr = lang.tr();
        let page = app
            .get(
                &format!(
                    "/t/bfg-control/items/passage.role_headers?lang={}",
                    lang.code()
                ),
                &[],
            )
            .await;
        assert_eq!(page.status, 200);
        assert!(
            page.body
                .contains(&format!("<html lang=\"{}\">", lang.code()))
        );
        assert!(page.body.contains("Headers verified on the gateway"));
        assert!(page.body.contains("https://evidence.example/7"));
        assert!(page.body.contains("bfg-3d15b1f6"));
        assert!(page.body.contains("The gateway was reconfigured"));
        assert!(page.body.contains(&tr.t("kind-owner_check")));
        // Two audit events, newest first, each linking to its place in the audit trail.
        let revoke = page.body.find(&format!(
            "audit?lang={}&amp;before=3#e-2\">2</a></th><td>{}</td>",
            lang.code(),
            tr.t("audit-action-revoke")
        ));
        let accept = page.body.find(&format!(
            "audit?lang={}&amp;before=2#e-1\">1</a></th><td>{}</td>",
            lang.code(),
            tr.t("audit-action-accept")
        ));
        assert!(
            revoke.is_some() && accept.is_some() && revoke < accept,
            "{lang:?}"
        );
        // Needed by the decision board's secrets/RBAC decision (and the whole passage's users).
        assert!(
            page.body
                .contains("/t/bfg-control/items/decision_board.secrets_rbac_owner")
        );
    }
    let missing = app
        .get("/t/bfg-control/items/passage.nothing?lang=fr", &[])
        .await;
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .body
            .contains(&Lang::Fr.tr().t("error-title-not-found"))
    );
}
