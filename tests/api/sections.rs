//! The whole console: the twenty-one sections with the demo figures in every language, the
//! packets, the print view and a misconfigured catalogue.

use readiness_console::i18n::Lang;
use readiness_console::readiness::packets;

use crate::support::{CONSOLE, HTMX, TestApp, TestDb, eventually, html_escape};

/// The demo seed's audit event: its time and hash. It is the demo's last write and head.
async fn seeded_event(db: &TestDb) -> (time::OffsetDateTime, String) {
    sqlx::query_as("select at, hash from audit_events where seq = 1")
        .fetch_one(&mut *db.demo_tx().await)
        .await
        .unwrap()
}

/// Ready/total of each item section, in page order.
const DEMO_COUNTS: [(u32, u32); 12] = [
    (0, 4),
    (0, 4),
    (0, 7),
    (0, 6),
    (1, 7),
    (1, 6),
    (0, 5),
    (0, 4),
    (0, 5),
    (1, 5),
    (3, 5),
    (0, 4),
];

#[tokio::test]
async fn all_twenty_one_sections_render_with_the_demo_figures_in_each_language() {
    let app = TestApp::spawn().await;
    let (seeded_at, _) = seeded_event(&app.db).await;
    for lang in Lang::ALL {
        let tr = lang.tr();
        let page = app.page_in("", lang).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.body.matches("<section id=").count(), 21, "{lang:?}");
        let counts: Vec<String> = DEMO_COUNTS
            .iter()
            .map(|(ready, total)| tr.t2("section-count", "ready", *ready, "total", *total))
            .collect();
        assert_eq!(page.texts("section-count"), counts, "{lang:?}");
        assert_eq!(
            page.texts("section-decision code"),
            [
                "BLOCKED_PENDING_INFRASTRUCTURE_OR_CREDENTIALS",
                "BLOCKED_PENDING_PREFLIGHT",
                "BLOCKED_PENDING_DATA_CUTOVER",
                "BLOCKED_PENDING_DRY_RUN",
                "BLOCKED_PENDING_DRY_RUN",
            ],
            "{lang:?}"
        );
        // The wiring checks carry their contract keys; traffic stays disabled.
        for key in [
            "infrastructureAcceptance",
            "tenantContext",
            "liveCredentials",
        ] {
            assert!(
                page.body
                    .contains(&format!("db-auth-session-adapter.{key}")),
                "{key}"
            );
        }
        assert!(page.body.contains("production_traffic_disabled"));
        // Provider contracts, live session, RBAC map, environments.
        for mode in [
            "file-local",
            "Postgres/RLS",
            "mock-ksef",
            "KSeF API",
            "service-worker",
        ] {
            assert!(page.body.contains(mode), "{mode}");
        }
        // The last write is the demo seed's decision, with its audit event.
        assert!(page.body.contains(&tr.datetime(&seeded_at)));
        assert!(
            page.body
                .contains(&tr.t1("rbac-permission-count", "count", 5u32))
        );
        // Six providers and five actors; four batch groups.
        assert_eq!(
            page.body.matches("<tr><th scope=\"row\">").count(),
            6 + 5,
            "{lang:?}"
        );
        assert_eq!(
            page.body.matches("<tr class=\"state-").count(),
            4,
            "{lang:?}"
        );
        assert!(page.body.contains("tenant-rbac-adapter"));
        // Owners by name and unit, and what items depend on.
        assert!(page.body.contains(&tr.t1(
            "item-owner",
            "owner",
            format!("Marek Zielinski · {}", tr.t("unit-dispatch"))
        )));
        assert!(page.body.contains(&tr.t1("item-proposed", "value", "EU")));
        // The derived figures of the seed page.
        let figures = page.texts("item-figure");
        for figure in [
            "0/4 + 0/5",
            "0/2",
            "0/6",
            "1/7",
            "BLOCKED_PENDING_DRY_RUN",
            "file-local",
        ] {
            assert!(
                figures.iter().any(|f| f == figure),
                "{lang:?}: {figure} in {figures:?}"
            );
        }
        // Seven packets, each with its checksum.
        assert_eq!(page.texts("packet-checksum code").len(), 7);
    }
}

#[tokio::test]
async fn the_packets_on_the_page_are_the_packets_of_the_state() {
    let app = TestApp::spawn().await;
    let page = app.get(CONSOLE, &[]).await;
    let state = readiness_console::db::load_console(&app.db.app, "bfg-control")
        .await
        .unwrap()
        .unwrap();
    let evaluation = readiness_console::readiness::evaluate(&state.catalogue, &state.state);
    let all = packets::all(&packets::PacketInputs {
        tenant: "bfg-control",
        state: &state.state,
        evaluation: &evaluation,
    });
    let shown = page.texts("packet-checksum code");
    assert_eq!(
        shown,
        all.iter()
            .map(packets::Packet::checksum)
            .collect::<Vec<_>>()
    );
    for packet in &all {
        // The block shows the canonical bytes (HTML-escaped where needed).
        assert!(
            page.body.contains(&html_escape(&packet.body)) || page.body.contains(&packet.body),
            "{} not shown byte for byte",
            packet.key
        );
    }
}

#[tokio::test]
async fn the_runbook_sql_outline_runs_on_a_fresh_postgres_database_and_enforces_rls() {
    let db = TestDb::new().await;
    let state = readiness_console::db::load_console(&db.app, "bfg-control")
        .await
        .unwrap()
        .unwrap();
    let evaluation = readiness_console::readiness::evaluate(&state.catalogue, &state.state);
    let sql = packets::runbook_sql(&packets::PacketInputs {
        tenant: "bfg-control",
        state: &state.state,
        evaluation: &evaluation,
    });
    // A fresh database, as the owner role: as written, and again (it is idempotent).
    let target = TestDb::empty().await;
    for _ in 0..2 {
        sqlx::raw_sql(&sql.body)
            .execute(&target)
            .await
            .expect("the outline runs");
    }
    let mut tx = target.begin().await.unwrap();
    sqlx::raw_sql(
        "insert into bfg_flowcontrol.tenants values ('a', 'A'), ('b', 'B');
         set local bfg.tenant_id = 'a';
         insert into bfg_flowcontrol.users values ('ua', 'a', 'md', 'Ann', '{}');
         set local bfg.tenant_id = 'b';
         insert into bfg_flowcontrol.users values ('ub', 'b', 'md', 'Bob', '{}');",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    let visible: i64 = sqlx::query_scalar("select count(*) from bfg_flowcontrol.users")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(visible, 1, "tenant b sees only its own user");
    let refused =
        sqlx::raw_sql("insert into bfg_flowcontrol.users values ('uc', 'a', 'md', 'Cy', '{}')")
            .execute(&mut *tx)
            .await;
    assert!(refused.is_err(), "a row of another tenant is refused");
}

#[tokio::test]
async fn the_print_view_summarises_the_decision_on_one_page() {
    let app = TestApp::spawn().await;
    let (_, seeded_hash) = seeded_event(&app.db).await;
    for lang in Lang::ALL {
        let tr = lang.tr();
        let page = app.page_in("/print", lang).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("BLOCKED_PENDING_DRY_RUN"));
        assert!(page.body.contains(&tr.t("print-not-signed")));
        // The chain's head is the demo seed's event.
        assert!(page.body.contains(&tr.t2(
            "print-audit-head",
            "seq",
            1u32,
            "hash",
            seeded_hash.as_str()
        )));
        // The blockers of the first rung: four connection probes and five dry-run steps.
        assert_eq!(
            page.body.matches("<tr><th scope=\"row\">").count(),
            9,
            "{lang:?}"
        );
        assert_eq!(page.body.matches("<li class=\"state-").count(), 9);
    }
    let console = app.get(CONSOLE, &[]).await;
    assert!(
        console
            .body
            .contains("href=\"/t/bfg-control/print?lang=en\"")
    );
}

#[tokio::test]
async fn a_misconfigured_catalogue_shows_a_notice_on_its_section_not_a_failed_page() {
    let app = TestApp::spawn().await;
    app.db
        .as_owner_in_demo(
            "update catalogue_items set kind = 'wish' where key = 'passage.db_schema';
             delete from catalogue_items where section_key = 'release';
             delete from catalogue_sections where key = 'release';",
        )
        .await;
    let notice = Lang::Es.tr().t("section-misconfigured");
    eventually(|| async {
        let page = app.get(&format!("{CONSOLE}?lang=es"), &[]).await;
        page.status == 200 && page.body.matches(&notice).count() >= 2
    })
    .await;
    let page = app.get(&format!("{CONSOLE}?lang=es"), &[]).await;
    assert_eq!(page.body.matches("<section id=").count(), 21);
    // The rollback's freeze window depended on the release: it is flagged too. The connection
    // wizard depends on neither and is untouched.
    for (section, flagged) in [
        ("passage", true),
        ("release", true),
        ("rollback", true),
        ("connection", false),
    ] {
        let path = format!("{CONSOLE}/sections/{section}?lang=es");
        let fragment = app.get(&path, HTMX).await;
        assert_eq!(fragment.status, 200, "{section}");
        assert_eq!(fragment.body.contains(&notice), flagged, "{section}");
        if section == "passage" {
            let misconfigured = Lang::Es.tr().t("status-misconfigured");
            assert!(fragment.body.contains(&misconfigured));
        }
    }
}

#[tokio::test]
async fn each_packet_downloads_as_the_bytes_the_page_shows_with_that_digest() {
    use sha2::{Digest, Sha256};
    let app = TestApp::spawn().await;
    let (_, seeded_hash) = seeded_event(&app.db).await;
    let page = app.get(&format!("{CONSOLE}?lang=fr"), &[]).await;
    let checksums = page.texts("packet-checksum code");
    for (key, checksum) in packets::PacketKey::ALL.iter().zip(&checksums) {
        let file = app.get(&format!("{CONSOLE}/packets/{key}"), &[]).await;
        assert_eq!(file.status, 200, "{key}");
        assert!(
            file.header("content-disposition")
                .starts_with(&format!("attachment; filename=\"bfg-control-{key}."))
        );
        let digest: String = Sha256::digest(file.body.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        // sha256sum of the download is the digest on the page, and its first 8 digits the checksum.
        assert!(
            page.body.contains(&digest),
            "{key}: the page shows the download's SHA-256"
        );
        assert_eq!(checksum, &format!("bfg-{}", &digest[..8]), "{key}");
        // The head is the demo seed's event.
        assert!(
            file.body.contains(&format!("audit_head=1:{seeded_hash}")),
            "{key} names the chain head"
        );
    }
    assert_eq!(
        app.get(&format!("{CONSOLE}/packets/runbook-sql"), &[])
            .await
            .header("content-type"),
        "application/sql; charset=utf-8"
    );
    let missing = app
        .get(&format!("{CONSOLE}/packets/secrets?lang=es"), &[])
        .await;
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .body
            .contains(&Lang::Es.tr().t("error-title-not-found"))
    );
}
