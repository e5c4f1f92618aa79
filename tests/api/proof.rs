//! The reviewer's proof path: decision → blocker → item → evidence → audit events.

use readiness_console::i18n::Lang;

use crate::support::{TestApp, accept_then_revoke_role_headers};

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
    accept_then_revoke_role_headers(
        &app.db,
        "Headers verified on the gateway",
        "https://evidence.example/7",
        "bfg-3d15b1f6",
    )
    .await;

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
        assert_eq!(page.html_lang(), lang.code());
        assert!(page.body.contains("Headers verified on the gateway"));
        assert!(page.body.contains("https://evidence.example/7"));
        assert!(page.body.contains("bfg-3d15b1f6"));
        assert!(page.body.contains("The gateway was reconfigured"));
        assert!(page.body.contains(&tr.t("kind-owner_check")));
        // Two audit events, newest first, each linking to its place in the audit trail (after
        // the demo seed's event, #1).
        let revoke = page.body.find(&format!(
            "audit?lang={}&amp;before=4#e-3\">3</a></th><td>{}</td>",
            lang.code(),
            tr.t("audit-action-revoke")
        ));
        let accept = page.body.find(&format!(
            "audit?lang={}&amp;before=3#e-2\">2</a></th><td>{}</td>",
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

/// Every `href="…"` of a page that starts with `prefix`, unescaped, in order, once each.
fn links(body: &str, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (at, _) in body.match_indices(&format!("href=\"{prefix}")) {
        let rest = &body[at + 6..];
        let link = rest[..rest.find('"').unwrap()]
            .replace("&#38;", "&")
            .replace("&amp;", "&");
        if !out.contains(&link) {
            out.push(link);
        }
    }
    out
}

#[tokio::test]
async fn from_every_blocker_each_item_reaches_its_evidence_and_audit_events() {
    let app = TestApp::spawn().await;
    // Evidence on a blocker: a passage check accepted then revoked (still a blocker).
    accept_then_revoke_role_headers(&app.db, "Headers verified on the gateway", "", "").await;
    for lang in Lang::ALL {
        let code = lang.code();
        let tr = lang.tr();
        let proof = app
            .get(&format!("/t/bfg-control/proof?lang={code}"), &[])
            .await;
        let items = links(&proof.body, "/t/bfg-control/items/");
        assert!(items.len() > 30, "every blocker's items: {}", items.len());
        let mut events_followed = 0;
        for item in &items {
            let page = app.get(item, &[]).await;
            assert_eq!(page.status, 200, "{item}");
            assert!(page.body.contains(&tr.t("proof-history")), "{item}");
            assert!(page.body.contains(&tr.t("proof-events")), "{item}");
            // Each audit event the item names opens in the trail, at that event.
            for event in links(&page.body, "/t/bfg-control/audit?") {
                let (path, anchor) = event.split_once('#').unwrap();
                let trail = app.get(path, &[]).await;
                assert_eq!(trail.status, 200, "{event}");
                let row = trail
                    .body
                    .find(&format!("id=\"{anchor}\""))
                    .unwrap_or_else(|| panic!("{event} shows its event"));
                // The demo seed's decision is Anna's; the rest is Marek's.
                let actor = if item.contains("decision_board.adapter_selection") {
                    "Anna Kowalska"
                } else {
                    "Marek Zielinski"
                };
                assert!(trail.body[row..].contains(actor), "{event}");
                events_followed += 1;
            }
        }
        let role_headers = app
            .get(
                &format!("/t/bfg-control/items/passage.role_headers?lang={code}"),
                &[],
            )
            .await;
        assert!(
            role_headers
                .body
                .contains("Headers verified on the gateway")
        );
        assert!(role_headers.body.contains("The gateway was reconfigured"));
        // Marek's two, and the demo seed's decision on the adapter selection.
        assert_eq!(events_followed, 3, "{lang:?}");
    }
}
