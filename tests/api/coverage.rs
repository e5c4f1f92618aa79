//! What the audit chain covers: every record of the state — the demo seed's included — with
//! its audit event.

use readiness_console::i18n::Lang;

use crate::support::{CONSOLE, TestApp};

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
}
