//! The console over HTTP: the demo figures in every language, figures that move with the rows
//! under them, partials, headers and bad input.

use readiness_console::i18n::Lang;

use crate::support::{CONSOLE, HTMX, TestApp, eventually, get};

/// The header figures of the seed page, in page order.
const DEMO_TILES: [&str; 6] = ["ScenarioStore.v1", "5", "6", "1/5", "0/6", "0/4"];
/// The x/y of the seven gates that have one (preflight … rollback).
const DEMO_GATE_COUNTS: [&str; 7] = ["1/5", "1/6", "0/4", "0/5", "3/5", "0/4", "0/4"];

#[tokio::test]
async fn the_demo_console_shows_the_seed_figures_in_each_language() {
    let app = TestApp::spawn().await;
    for lang in Lang::ALL {
        let tr = lang.tr();
        let page = app.page_in("", lang).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.html_lang(), lang.code());
        assert_eq!(page.texts("tile-value"), DEMO_TILES, "{lang:?}");
        assert_eq!(page.texts("gate-count"), DEMO_GATE_COUNTS, "{lang:?}");
        assert_eq!(
            page.text("summary"),
            tr.t_args(
                "prose-gates-open",
                &[
                    ("ready", 2u32.into()),
                    ("total", 9u32.into()),
                    ("target", "db-auth-session-adapter".into()),
                ],
            ),
        );
        assert_eq!(page.text("action-title"), tr.t("action-title-connection"));
        assert!(page.body.contains(&tr.t2(
            "action-detail-connection",
            "ready",
            0u32,
            "total",
            4u32
        )));
        assert_eq!(
            page.texts("decision-value code"),
            [
                "db-auth-session-adapter",
                "OIDC/RBAC",
                "BLOCKED_PENDING_DRY_RUN"
            ],
        );
        // Two gates ready, seven under review; the ladder stands at its first rung.
        let ready = tr.t("gate-status-ready");
        let review = tr.t("gate-status-review");
        let checklist = app
            .get(
                &format!("{CONSOLE}/sections/checklist?lang={}", lang.code()),
                HTMX,
            )
            .await;
        let badges = checklist.texts("badge");
        assert_eq!(
            badges.iter().filter(|b| **b == ready).count(),
            2,
            "{lang:?}"
        );
        assert_eq!(
            badges.iter().filter(|b| **b == review).count(),
            7,
            "{lang:?}"
        );
        assert!(page.body.contains("aria-current=\"step\""));
        assert!(
            page.body
                .contains(&tr.t1("copilot-percent", "percent", 9u32))
        );
    }
}

#[tokio::test]
async fn the_local_decisions_of_the_cards_match_the_seed_page() {
    let app = TestApp::spawn().await;
    let tr = Lang::En.tr();
    let page = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    for (card, ready, total, decision) in [
        ("runbook", 1u32, 6u32, "BLOCKED_PENDING_PREFLIGHT"),
        ("release", 3, 5, "BLOCKED_PENDING_DRY_RUN"),
        ("rollback", 0, 4, "BLOCKED_PENDING_DRY_RUN"),
    ] {
        let text = tr.t_args(
            &format!("prose-card-{card}-gated"),
            &[
                ("ready", ready.into()),
                ("total", total.into()),
                ("decision", decision.into()),
            ],
        );
        assert!(page.body.contains(&text), "{text}");
    }
}

/// The pages the no-English check reads: every full page a visitor or a signed-in user reaches.
const PAGES: [&str; 8] = [
    "",
    "/proof",
    "/items/passage.role_headers",
    "/audit",
    "/snapshot",
    "/rehearsal",
    "/print",
    "/sign-in",
];

/// Every English message that reads differently in another language must not appear on that
/// language's pages: the translated pages hold no English prose, for a visitor and for the
/// managing director and a dispatcher (who see the forms), and no page shows an unformatted
/// message id.
#[tokio::test]
async fn translated_pages_hold_no_english_prose() {
    let app = TestApp::spawn().await;
    let english = crate::locales::messages("en");
    let mut anna = app.actor("anna").await;
    let mut marek = app.actor("marek").await;
    for lang in Lang::ALL {
        let translated = crate::locales::messages(lang.code());
        for page in PAGES {
            let path = format!("{CONSOLE}{page}?lang={}", lang.code());
            let visitor = app.get(&path, &[]).await;
            let pages = [
                ("visitor", visitor),
                ("anna", anna.get(&path).await),
                ("marek", marek.get(&path).await),
            ];
            for (who, page) in pages {
                assert_eq!(page.status, 200, "{path} for {who}");
                for (id, text) in &english {
                    // Only whole literal sentences: placeholders and short codes are not prose.
                    if text.contains('{') || text.split_whitespace().count() < 3 {
                        continue;
                    }
                    if translated.get(id) == Some(text) {
                        continue;
                    }
                    assert!(
                        !page.body.contains(text.as_str()),
                        "{path} for {who} shows English {id}: {text}"
                    );
                }
                // A message that failed to format shows as its bare id: none may.
                for id in english.keys() {
                    assert!(
                        !page.body.contains(&format!(">{id}<")),
                        "{path} for {who} shows the id {id}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn figures_move_when_the_rows_under_them_change() {
    let app = TestApp::spawn().await;
    let before = app.get(CONSOLE, &[]).await;
    assert_eq!(before.texts("tile-value")[4], "0/6");

    // Marek accepts "role headers mapped" and a probe passes — written straight into Postgres.
    app.db
        .as_owner_in_demo(
            "insert into acceptances (tenant_id, item_key, actor_id, evidence_note)
             values (current_setting('app.tenant_id')::uuid, 'passage.role_headers',
                     'user_dispatcher_marek', 'Role headers verified in staging');
             insert into probe_results (tenant_id, item_key, passed)
             values (current_setting('app.tenant_id')::uuid,
                     'connection.endpoint_reachability', true);",
        )
        .await;
    eventually(|| async {
        let page = app.get(CONSOLE, &[]).await;
        page.texts("tile-value") == ["ScenarioStore.v1", "5", "6", "1/5", "1/6", "1/4"]
    })
    .await;
    let after = app.get(CONSOLE, &[]).await;
    // The connection gate moved with it; the others did not.
    assert_eq!(
        after.texts("gate-count"),
        ["1/5", "1/6", "1/4", "0/5", "3/5", "0/4", "0/4"]
    );
    // 8 of 62 items: the percentage moved from 9 % to 12 %.
    assert!(
        after
            .body
            .contains(&Lang::En.tr().t1("copilot-percent", "percent", 12u32))
    );

    // Revoking takes the passage count back down.
    app.db
        .as_owner_in_demo(
            "update acceptances set revoked_at = now(), revoked_by = 'user_dispatcher_marek',
                    revoke_reason = 'Headers changed'
             where item_key = 'passage.role_headers' and revoked_at is null;",
        )
        .await;
    eventually(|| async { app.get(CONSOLE, &[]).await.texts("tile-value")[4] == "0/6" }).await;
}

#[tokio::test]
async fn every_gate_green_without_a_signature_asks_for_signoff() {
    let app = TestApp::spawn().await;
    // Accept every owner check and decision, pass every probe, freeze a populated snapshot.
    app.db.make_all_green().await;
    eventually(|| async { app.decision().await == "BLOCKED_PENDING_SIGNOFF" }).await;
    let page = app.get(CONSOLE, &[]).await;
    assert_eq!(
        page.texts("gate-count"),
        ["5/5", "6/6", "4/4", "5/5", "5/5", "4/4", "4/4"]
    );
    assert_eq!(
        page.text("action-title"),
        Lang::En.tr().t("action-title-signoff")
    );

    app.db
        .as_owner_in_demo(
            "insert into signoffs (tenant_id, actor_id, decision)
             values (current_setting('app.tenant_id')::uuid, 'user_md_anna', 'GO');",
        )
        .await;
    eventually(|| async { app.decision().await == "GO" }).await;
    let page = app.get(CONSOLE, &[]).await;
    assert!(page.body.contains(&Lang::En.tr().t("decision-verdict-go")));
    assert!(page.body.contains(&Lang::En.tr().t("action-none")));
}

#[tokio::test]
async fn the_root_leads_to_the_demo_console_keeping_the_language() {
    let app = TestApp::spawn().await;
    let page = app.get("/?lang=fr", &[]).await;
    assert!(page.status.is_redirection());
    assert_eq!(page.header("location"), "/t/bfg-control?lang=fr");
    assert_eq!(app.get("/", &[]).await.header("location"), "/t/bfg-control");
}

#[tokio::test]
async fn the_language_comes_from_the_query_then_the_stored_choice_then_the_header() {
    let app = TestApp::spawn().await;
    let chosen = app
        .get(&format!("{CONSOLE}?lang=es"), &[("accept-language", "fr")])
        .await;
    assert_eq!(chosen.html_lang(), "es");
    assert!(chosen.header("set-cookie").starts_with("lang=es;"));
    let stored = app
        .get(
            CONSOLE,
            &[("cookie", "lang=es"), ("accept-language", "fr-FR,fr;q=0.9")],
        )
        .await;
    assert_eq!(stored.html_lang(), "es");
    let header = app
        .get(CONSOLE, &[("accept-language", "fr-FR,fr;q=0.9,en;q=0.5")])
        .await;
    assert_eq!(header.html_lang(), "fr");
    // Unknown or malformed choices fall back; they are never an error.
    for (path, headers) in [
        (
            format!("{CONSOLE}?lang=xx"),
            vec![("accept-language", "de-DE")],
        ),
        (
            format!("{CONSOLE}?lang=%3Cscript%3E"),
            vec![("accept-language", ";;q=x,,")],
        ),
    ] {
        let page = app.get(&path, &headers).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.html_lang(), "en");
        assert!(page.header("set-cookie").is_empty());
    }
    // The switcher keeps the visitor on the same page.
    let page = app
        .get(&format!("{CONSOLE}/sections/decision?lang=fr"), &[])
        .await;
    assert!(
        page.body
            .contains("href=\"/t/bfg-control/sections/decision?lang=es\"")
    );
}

#[tokio::test]
async fn a_section_is_served_alone_as_a_partial_for_htmx() {
    let app = TestApp::spawn().await;
    for section in ["kpis", "copilot", "checklist", "decision"] {
        let path = format!("{CONSOLE}/sections/{section}?lang=en");
        let fragment = app.get(&path, HTMX).await;
        assert_eq!(fragment.status, 200);
        assert!(fragment.header("vary").contains("HX-Request"));
        assert!(
            fragment
                .body
                .trim_start()
                .starts_with(&format!("<section id=\"{section}\""))
        );
        assert!(!fragment.body.contains("<html"));
        // Without htmx the same URL is a whole page holding that section.
        let page = app.get(&path, &[]).await;
        assert!(page.header("vary").contains("HX-Request"));
        assert!(page.body.contains("<html lang=\"en\">"));
        assert!(page.body.contains(&format!("<section id=\"{section}\"")));
    }
    let full = app.get(CONSOLE, &[]).await;
    assert!(full.header("vary").contains("HX-Request"));
    let fragment = app
        .get(&format!("{CONSOLE}/sections/checklist?lang=en"), HTMX)
        .await;
    // One source of truth: the fragment is byte for byte the section inside the page.
    assert!(full.body.contains(fragment.body.trim()));
}

#[tokio::test]
async fn unknown_tenants_and_pages_get_a_404_in_the_visitors_language() {
    let app = TestApp::spawn().await;
    for path in [
        "/t/nobody?lang=es",
        "/t/Not_A_Slug?lang=es",
        "/nowhere?lang=es",
        "/t/bfg-control/sections/nope?lang=es",
    ] {
        let page = app.get(path, &[]).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(page.body.contains("<html lang=\"es\">"), "{path}");
        assert!(
            page.body
                .contains(&Lang::Es.tr().t("error-title-not-found")),
            "{path}"
        );
    }
    let fragment = app.get("/t/nobody/sections/kpis?lang=fr", HTMX).await;
    assert_eq!(fragment.status, 404);
    assert_eq!(fragment.header("hx-retarget"), "#notice");
    assert!(
        fragment
            .body
            .contains(&Lang::Fr.tr().t("error-title-not-found"))
    );
}

#[tokio::test]
async fn every_response_carries_security_headers_and_a_request_id() {
    let app = TestApp::spawn().await;
    for path in [CONSOLE, "/healthz", "/nowhere"] {
        let page = app.get(path, &[]).await;
        let csp = page.header("content-security-policy");
        assert!(csp.contains("script-src 'self'"), "{path}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(page.header("x-content-type-options"), "nosniff");
        assert_eq!(page.header("referrer-policy"), "same-origin");
        assert_eq!(page.header("x-request-id").len(), 36, "{path}");
    }
    let page = app.get(CONSOLE, &[]).await;
    // Our own two scripts (htmx and the copy buttons), from our origin; nothing inline.
    assert_eq!(page.body.matches("<script").count(), 2);
    assert_eq!(page.body.matches("<script src=\"/static/").count(), 2);
    assert!(
        page.body
            .contains("<script src=\"/static/htmx-2.0.11.min.js?v=")
    );
    assert!(!page.body.contains("style="));
    assert!(!page.body.contains("<style"));
}

#[tokio::test]
async fn static_files_are_fingerprinted_and_cached() {
    let app = TestApp::spawn().await;
    let page = app.get(CONSOLE, &[]).await;
    let start = page
        .body
        .find("/static/app.css?v=")
        .expect("stylesheet link");
    let href = &page.body[start
        ..page.body[start..]
            .find('"')
            .map_or(page.body.len(), |e| start + e)];
    let css = app.get(href, &[]).await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
    assert!(css.header("cache-control").contains("immutable"));
    let stale = app.get("/static/app.css?v=old", &[]).await;
    assert_eq!(stale.header("cache-control"), "no-cache");
    assert_eq!(app.get("/static/secret.txt", &[]).await.status, 404);
}

#[tokio::test]
async fn pages_are_compressed_for_clients_that_accept_it() {
    let app = TestApp::spawn().await;
    let page = app.get(CONSOLE, &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(page.header("content-encoding"), "br");
}

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz", &[]).await.status, 200);
    assert_eq!(app.get("/readyz", &[]).await.status, 200);
}

#[tokio::test]
async fn a_database_outage_answers_503_in_the_visitors_language_and_recovers() {
    use readiness_console::db::{self, embedded::EmbeddedPostgres};
    use readiness_console::web::{self, AppState};

    // A cluster of its own, so that this test can stop and start it.
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("outage-{}", uuid::Uuid::new_v4().simple()));
    let pg = EmbeddedPostgres::open(&dir, vec!["fsync=off".into()]).expect("open");
    pg.start().expect("start");
    let superuser = db::connect(&pg.url(db::embedded::SUPERUSER, "postgres"), 1)
        .await
        .expect("su");
    db::bootstrap_roles(&superuser).await.expect("roles");
    db::create_database(&superuser, db::DATABASE)
        .await
        .expect("database");
    superuser.close().await;
    let owner = db::connect(&pg.url(db::OWNER_ROLE, db::DATABASE), 1)
        .await
        .expect("owner");
    db::migrate(&owner).await.expect("migrate");
    db::seed_demo(
        &owner,
        crate::support::test_key(),
        crate::support::test_clock(),
    )
    .await
    .expect("seed");
    owner.close().await;
    let app = db::connect(&pg.url(db::APP_ROLE, db::DATABASE), 2)
        .await
        .expect("app");
    let state = AppState::new(
        app,
        crate::support::test_key().clone(),
        &readiness_console::config::ServeConfig::default(),
        crate::support::test_clock().clone(),
    );
    state.spawn_listener();
    let router = web::app(state);
    let status = |path: &'static str| {
        let router = router.clone();
        async move { get(&router, path, &[]).await.status }
    };
    assert_eq!(status(CONSOLE).await, 200);

    pg.stop().expect("stop");
    assert_eq!(status("/healthz").await, 200);
    assert_eq!(status("/readyz").await, 503);
    // Once the instance has noticed (its listener's connection ends, and with it every cached
    // state: until then a page cached a moment ago may still be served), the page is the 503.
    eventually(|| async { status(CONSOLE).await == 503 }).await;
    let page = get(&router, &format!("{CONSOLE}?lang=fr"), &[]).await;
    assert_eq!(page.status, 503);
    assert!(
        page.body
            .contains(&Lang::Fr.tr().t("error-title-unavailable"))
    );
    let reference = Lang::Fr
        .tr()
        .t1("error-request-id", "id", page.header("x-request-id"));
    assert!(page.body.contains(&reference));

    // The same process recovers once the database is back.
    pg.start().expect("restart");
    eventually(|| async { status(CONSOLE).await == 200 }).await;
    assert_eq!(status("/readyz").await, 200);
    pg.stop().expect("stop");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Without a live state cache (`--no-state-cache`, or while its listener is down), the status
/// policy loads a read's state and hands it to the handler: every read shows the tenant as it
/// is at that read, and nothing is kept from one request to the next.
#[tokio::test]
async fn without_a_state_cache_each_read_shows_the_tenant_as_it_is() {
    // As `serve --no-state-cache` runs it: no listener, so the cache never goes live.
    let db = crate::support::TestDb::new().await;
    let state = readiness_console::web::AppState::new(
        db.app.clone(),
        crate::support::test_key().clone(),
        &crate::support::test_config(),
        crate::support::test_clock().clone(),
    );
    let app = TestApp {
        db,
        router: readiness_console::web::app(state),
    };
    let page = app.get(CONSOLE, &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("BLOCKED_PENDING_DRY_RUN"));

    app.db.suspend_demo().await;
    let page = app.get(&format!("{CONSOLE}?lang=en"), &[]).await;
    assert_eq!(page.status, 423);
    assert!(page.body.contains("Invoice overdue."));

    sqlx::query(
        "update tenants set status = 'active', suspended_reason = null where slug = 'bfg-control'",
    )
    .execute(&app.db.owner)
    .await
    .expect("resume");
    let page = app.get(CONSOLE, &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("BLOCKED_PENDING_DRY_RUN"));
}
