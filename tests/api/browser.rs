//! In Debian's Chromium through chromedriver, against the real server on a socket: the page
//! loads with no console error and no CSP violation, the language switch works, an htmx
//! refresh swaps a section in place without reloading the page, and the packets' copy buttons
//! come alive.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::support::{TestApp, eventually};

/// chromedriver, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (the README's test command installs it)");
    Driver { child, port }
}

async fn browser(driver: &Driver) -> Client {
    browser_with(driver, true).await
}

async fn browser_with(driver: &Driver, javascript: bool) -> Client {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut caps = Capabilities::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.keep().display()),
            ],
        }),
    );
    if !javascript && let Some(options) = caps.get_mut("goog:chromeOptions") {
        options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    let url = format!("http://127.0.0.1:{}", driver.port);
    for _ in 0..50 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        if let Ok(client) = ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            return client;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not accept a session");
}

/// chromedriver's browser log (console messages, CSP violations), which W3C WebDriver lacks.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

async fn severe_log_entries(client: &Client) -> Vec<String> {
    let log = client.issue_cmd(BrowserLog).await.expect("browser log");
    log.as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["level"] == "SEVERE" || e["level"] == "WARNING")
                .map(|e| e["message"].to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn text(client: &Client, css: &str) -> String {
    // htmx may swap the element between finding and reading it: that reads as "not yet".
    match client.find(Locator::Css(css)).await {
        Ok(element) => element.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Types `keys` into the element with this id.
async fn fill(client: &Client, id: &str, keys: &str) {
    client
        .find(Locator::Id(id))
        .await
        .expect(id)
        .send_keys(keys)
        .await
        .expect("type");
}

/// Clicks the element this selector finds.
async fn press(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .expect(css)
        .click()
        .await
        .expect("click");
}

async fn eval(client: &Client, script: &str) -> serde_json::Value {
    client.execute(script, vec![]).await.expect(script)
}

#[tokio::test]
async fn the_console_in_chromium_switches_language_and_refreshes_sections_in_place() {
    let app = TestApp::spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let driver = start_driver();
    let client = browser(&driver).await;

    client
        .goto(&format!("{base}/t/bfg-control?lang=es"))
        .await
        .expect("open");
    assert_eq!(
        eval(&client, "return document.documentElement.lang").await,
        "es"
    );
    eventually(|| async { eval(&client, "return typeof window.htmx").await == "object" }).await;
    assert_eq!(
        text(&client, "#kpis .tile:nth-child(6) .tile-value").await,
        "0/4"
    );
    assert_eq!(
        text(&client, "#decision .decision-go .code").await,
        "BLOCKED_PENDING_DRY_RUN"
    );

    // The language switcher keeps the visitor on the same page.
    press(&client, ".langs a[hreflang='fr']").await;
    eventually(|| async { eval(&client, "return document.documentElement.lang").await == "fr" })
        .await;
    let url = client.current_url().await.expect("url");
    assert_eq!(url.path(), "/t/bfg-control");

    // A probe passes behind the page; the key figures' refresh swaps them in place.
    eval(&client, "window.notReloaded = true; return null").await;
    app.db
        .as_owner_in_demo(
            "insert into probe_results (tenant_id, item_key, passed)
             values (current_setting('app.tenant_id')::uuid, 'connection.endpoint_reachability', true);",
        )
        .await;
    eventually(|| async {
        press(&client, "#kpis .refresh").await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        text(&client, "#kpis .tile:nth-child(6) .tile-value").await == "1/4"
    })
    .await;
    assert_eq!(
        eval(&client, "return window.notReloaded === true").await,
        true
    );
    assert_eq!(
        eval(&client, "return document.documentElement.lang").await,
        "fr"
    );

    // The copy buttons of the seven packets appear once their script has run under the CSP.
    let visible = eval(
        &client,
        "return [...document.querySelectorAll('button.copy')].filter(b => !b.hidden).length",
    )
    .await;
    assert_eq!(visible, 7);

    // Scroll the whole page; nothing was logged as an error, no CSP violation.
    eval(
        &client,
        "window.scrollTo(0, document.body.scrollHeight); return null",
    )
    .await;
    let problems = severe_log_entries(&client).await;
    assert!(problems.is_empty(), "browser console: {problems:?}");
    client.close().await.expect("close");
}

/// Serves the app on a real socket; its base URL.
async fn serve(app: &TestApp) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

async fn sign_in(client: &Client, base: &str, username: &str, password: &str) {
    client
        .goto(&format!("{base}/t/bfg-control/sign-in?lang=en"))
        .await
        .expect("open");
    fill(client, "username", username).await;
    fill(client, "password", password).await;
    press(client, ".sign-in button[type=submit]").await;
    eventually(|| async {
        client
            .current_url()
            .await
            .is_ok_and(|u| !u.path().ends_with("sign-in"))
    })
    .await;
}

/// Saves a screenshot when SCREENSHOT_DIR is set (for looking at the pages, not asserting).
async fn keep_screenshot(client: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("SCREENSHOT_DIR") {
        let png = client.screenshot().await.expect("screenshot");
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).expect("write");
    }
}

#[tokio::test]
async fn marek_accepts_in_place_and_olena_is_refused_with_a_message() {
    let app = TestApp::spawn().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser(&driver).await;

    sign_in(&client, &base, "marek", "marek-dispatch").await;
    // Accept in Spanish, revoke in French, accept again in English: each in place.
    for (lang, expected) in [("es", "1/6"), ("fr", "0/6"), ("en", "1/6")] {
        client
            .goto(&format!("{base}/t/bfg-control?lang={lang}"))
            .await
            .expect("open");
        eventually(|| async { eval(&client, "return typeof window.htmx").await == "object" }).await;
        assert_eq!(
            eval(&client, "return document.documentElement.lang").await,
            lang
        );
        eval(
            &client,
            "window.notReloaded = true; document.getElementById('form-passage-role_headers').scrollIntoView(); return null",
        )
        .await;
        fill(
            &client,
            "form-passage-role_headers-note",
            "Role headers verified against the staging gateway",
        )
        .await;
        keep_screenshot(&client, &format!("marek-form-{lang}")).await;
        client
            .find(Locator::Css(
                "#form-passage-role_headers button[type=submit]",
            ))
            .await
            .expect("submit")
            .click()
            .await
            .expect("click");
        eventually(|| async {
            text(&client, "#kpis .tile:nth-child(5) .tile-value").await == expected
        })
        .await;
        assert_eq!(
            eval(&client, "return window.notReloaded === true").await,
            true,
            "no reload"
        );
        keep_screenshot(&client, &format!("marek-done-{lang}")).await;
    }
    // The check now offers revoking.
    assert!(
        client
            .find(Locator::Css("form[action*='passage.role_headers/revoke']"))
            .await
            .is_ok()
    );

    // Olena, signed in the same browser, tries Marek's check through her own form.
    press(&client, ".account-form button").await;
    eventually(|| async { client.find(Locator::Css(".account-link")).await.is_ok() }).await;
    sign_in(&client, &base, "olena", "olena-ledger").await;
    eventually(|| async { eval(&client, "return typeof window.htmx").await == "object" }).await;
    eval(
        &client,
        "const f = document.getElementById('form-passage-db_schema');
         const url = f.getAttribute('action').replace('passage.db_schema', 'passage.scenario_store_rehearsal');
         f.setAttribute('action', url); f.setAttribute('data-hx-post', url); htmx.process(f);
         f.querySelector('textarea').value = 'Trying to accept a check that is not mine';
         f.querySelector('button[type=submit]').click(); return null",
    )
    .await;
    eventually(|| async { !text(&client, ".notice").await.is_empty() }).await;
    let notice = text(&client, ".notice").await;
    assert!(
        notice.contains(
            &readiness_console::i18n::Lang::En
                .tr()
                .t("error-title-forbidden")
        ),
        "{notice}"
    );
    assert_eq!(
        text(&client, "#kpis .tile:nth-child(5) .tile-value").await,
        "1/6"
    );
    keep_screenshot(&client, "olena-refused").await;
    client.close().await.expect("close");
}

#[tokio::test]
async fn the_same_flow_works_with_javascript_disabled() {
    let app = TestApp::spawn().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser_with(&driver, false).await;
    sign_in(&client, &base, "marek", "marek-dispatch").await;
    for (lang, expected) in [("es", "1/6"), ("fr", "0/6"), ("en", "1/6")] {
        client
            .goto(&format!("{base}/t/bfg-control?lang={lang}"))
            .await
            .expect("open");
        fill(
            &client,
            "form-passage-scenario_store_rehearsal-note",
            "The file-local payload replays cleanly",
        )
        .await;
        client
            .find(Locator::Css(
                "#form-passage-scenario_store_rehearsal button[type=submit]",
            ))
            .await
            .expect("submit")
            .click()
            .await
            .expect("click");
        eventually(|| async {
            client
                .current_url()
                .await
                .is_ok_and(|u| u.fragment() == Some("item-passage-scenario_store_rehearsal"))
        })
        .await;
        eventually(|| async {
            text(&client, "#kpis .tile:nth-child(5) .tile-value").await == expected
        })
        .await;
        assert_eq!(
            eval(&client, "return document.documentElement.lang").await,
            lang
        );
        client.goto(&format!("{base}/")).await.expect("leave");
    }
    client.close().await.expect("close");
}

#[tokio::test]
async fn anna_records_a_decision_and_a_no_go_in_french() {
    let app = TestApp::spawn().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser(&driver).await;
    sign_in(&client, &base, "anna", "anna-go-no-go").await;
    client
        .goto(&format!("{base}/t/bfg-control?lang=fr"))
        .await
        .expect("open");
    eventually(|| async { eval(&client, "return typeof window.htmx").await == "object" }).await;
    let tr = readiness_console::i18n::Lang::Fr.tr();
    let count = |ready: u32| tr.t2("section-count", "ready", ready, "total", 4u32);
    assert_eq!(
        text(&client, "#infrastructure .section-count").await,
        count(0)
    );
    // The proposal is in the value field already; Anna gives her evidence and records it.
    fill(
        &client,
        "form-infrastructure-region-note",
        "Résidence des données confirmée avec le DPO",
    )
    .await;
    client
        .find(Locator::Css(
            "#form-infrastructure-region button[type=submit]",
        ))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    eventually(|| async { text(&client, "#infrastructure .section-count").await == count(1) })
        .await;

    // NO-GO with a reason and her password: the page comes back showing it.
    fill(
        &client,
        "signoff-reason",
        "La restauration des sauvegardes n’a pas été répétée",
    )
    .await;
    fill(&client, "signoff-nogo-password", "anna-go-no-go").await;
    client
        .find(Locator::Css(
            "#signoff form:last-of-type button[type=submit]",
        ))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    eventually(|| async {
        text(&client, ".signoff-last")
            .await
            .contains("La restauration des sauvegardes n’a pas été répétée")
    })
    .await;
    assert_eq!(
        eval(&client, "return document.documentElement.lang").await,
        "fr"
    );
    keep_screenshot(&client, "anna-no-go-fr").await;
    let problems = severe_log_entries(&client).await;
    assert!(problems.is_empty(), "browser console: {problems:?}");
    client.close().await.expect("close");
}

#[tokio::test]
async fn a_reviewer_follows_a_blocker_to_its_audit_events_and_verifies_the_chain() {
    let app = TestApp::spawn().await;
    // Marek accepted a passage check, then revoked it: still a blocker, with two events.
    crate::support::accept_then_revoke_role_headers(
        &app.db,
        "Headers verified on the gateway",
        "",
        "",
    )
    .await;
    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser(&driver).await;
    sign_in(&client, &base, "reviewer", "reviewer-audit").await;
    let tr = readiness_console::i18n::Lang::Fr.tr();

    client
        .goto(&format!("{base}/t/bfg-control/proof?lang=fr"))
        .await
        .expect("open the proof path");
    keep_screenshot(&client, "proof-fr").await;
    press(
        &client,
        "a[href^='/t/bfg-control/items/passage.role_headers']",
    )
    .await;
    eventually(|| async {
        client
            .current_url()
            .await
            .is_ok_and(|u| u.path() == "/t/bfg-control/items/passage.role_headers")
    })
    .await;
    assert!(
        text(&client, ".history")
            .await
            .contains("The gateway was reconfigured")
    );
    keep_screenshot(&client, "item-fr").await;
    // The revocation's audit event, in the trail (#3, after the demo seed's and the
    // acceptance's).
    press(&client, "a[href$='#e-3']").await;
    eventually(|| async {
        client
            .current_url()
            .await
            .is_ok_and(|u| u.path() == "/t/bfg-control/audit" && u.fragment() == Some("e-3"))
    })
    .await;
    let row = text(&client, "#e-3").await;
    assert!(row.contains(&tr.t("audit-action-revoke")), "{row}");
    assert!(row.contains("Marek Zielinski"), "{row}");
    // Verify the chain from the browser: htmx swaps in the verdict.
    press(&client, "#audit-verify button").await;
    eventually(|| async {
        text(&client, "#audit-verify .verdict")
            .await
            .contains(&tr.t("audit-verify-intact"))
    })
    .await;
    keep_screenshot(&client, "audit-fr").await;
    assert_eq!(severe_log_entries(&client).await, Vec::<String>::new());
    client.close().await.expect("close");
}

#[tokio::test]
async fn the_dispatcher_uploads_a_payload_sees_it_refused_by_line_then_imports_and_freezes_it() {
    let app = TestApp::spawn().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser(&driver).await;
    sign_in(&client, &base, "marek", "marek-dispatch").await;
    let tr = readiness_console::i18n::Lang::Es.tr();
    let demo = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/demo/bfg-control-scenario.jsonl"
    );
    let files = tempfile::tempdir().expect("dir");
    let broken = files.path().join("payload-broken.jsonl");
    let payload = std::fs::read_to_string(demo).expect("demo payload");
    std::fs::write(&broken, payload.replacen("\"pallets\":", "\"palets\":", 1)).expect("write");

    let upload = |path: std::path::PathBuf| {
        let client = client.clone();
        let base = base.clone();
        async move {
            client
                .goto(&format!("{base}/t/bfg-control/snapshot?lang=es"))
                .await
                .expect("open");
            client
                .find(Locator::Css("input[type=file]"))
                .await
                .expect("file input")
                .send_keys(&path.display().to_string())
                .await
                .expect("choose the file");
            press(&client, "form[enctype='multipart/form-data'] button").await;
        }
    };
    upload(broken).await;
    eventually(|| async { text(&client, ".scenario-problems").await.contains("palets") }).await;
    let problems = text(&client, ".scenario-problems").await;
    assert!(
        problems.contains(&tr.t1("scenario-error-line", "line", 2u32)),
        "{problems}"
    );
    keep_screenshot(&client, "snapshot-refused-es").await;
    assert_eq!(app.db.count_in_demo("scenario_imports").await, 0);

    upload(demo.into()).await;
    eventually(|| async { text(&client, ".flash").await == tr.t("scenario-imported") }).await;
    press(
        &client,
        "form[action^='/t/bfg-control/snapshot/freeze'] button",
    )
    .await;
    eventually(|| async { text(&client, ".flash").await == tr.t("scenario-frozen") }).await;
    assert!(text(&client, "dl.fields").await.contains("bfg-5de6a303"));
    keep_screenshot(&client, "snapshot-frozen-es").await;
    // The console moved: the preflight tile reads 2/5.
    client
        .goto(&format!("{base}/t/bfg-control?lang=es"))
        .await
        .expect("console");
    assert_eq!(
        text(&client, "#kpis .tile:nth-child(4) .tile-value").await,
        "2/5"
    );
    // The refused upload's 422 is the only complaint: no script error, no CSP violation.
    let log: Vec<String> = severe_log_entries(&client)
        .await
        .into_iter()
        .filter(|e| !e.contains("/snapshot/import?lang=es - Failed to load resource: the server responded with a status of 422"))
        .collect();
    assert_eq!(log, Vec::<String>::new());
    client.close().await.expect("close");
}

#[tokio::test]
async fn the_dispatcher_rehearses_against_a_healthy_target_from_the_page() {
    use readiness_console::db;
    let app = TestApp::spawn().await;
    // A target database with the runbook applied, its URL in a file only the console reads.
    let target = crate::support::TestDb::empty().await;
    sqlx::raw_sql(readiness_console::readiness::packets::RUNBOOK_SQL)
        .execute(&target)
        .await
        .expect("runbook");
    let name = target
        .connect_options()
        .get_database()
        .expect("name")
        .to_owned();
    crate::support::test_secrets();
    let secret = tempfile::NamedTempFile::new_in(crate::support::secrets_dir()).expect("file");
    std::fs::write(
        secret.path(),
        crate::support::cluster().url(db::OWNER_ROLE, &name),
    )
    .expect("write");
    // The snapshot is frozen (its own flow is tested elsewhere).
    crate::support::freeze_demo_snapshot(&app.db).await;

    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser(&driver).await;
    sign_in(&client, &base, "marek", "marek-dispatch").await;
    let tr = readiness_console::i18n::Lang::Fr.tr();
    client
        .goto(&format!("{base}/t/bfg-control/rehearsal?lang=fr"))
        .await
        .expect("open");
    fill(
        &client,
        "reference",
        &format!("file:{}", secret.path().display()),
    )
    .await;
    press(&client, ".target-form button").await;
    eventually(|| async { text(&client, "dl.fields .code").await.starts_with("file:") }).await;
    for kind in ["connection", "gap", "dry_run"] {
        press(&client, &format!("#run-{kind} form button")).await;
        // The page polls the run and reloads when it ends.
        eventually(|| async {
            text(&client, &format!("#run-{kind} .run-state"))
                .await
                .starts_with(&tr.t("rehearsal-state-passed"))
        })
        .await;
    }
    keep_screenshot(&client, "rehearsal-fr").await;
    client
        .goto(&format!("{base}/t/bfg-control?lang=fr"))
        .await
        .expect("console");
    assert_eq!(
        text(&client, "#kpis .tile:nth-child(6) .tile-value").await,
        "4/4",
        "connection"
    );
    let dry_run = text(&client, "#dry_run .section-count").await;
    assert_eq!(
        dry_run,
        tr.t2("section-count", "ready", 5u32, "total", 5u32),
        "dry-run"
    );
    keep_screenshot(&client, "console-after-rehearsal-fr").await;
    assert_eq!(severe_log_entries(&client).await, Vec::<String>::new());
    client.close().await.expect("close");
}

/// For every element that shows text, the contrast ratio (WCAG 2.x) of its colour against the
/// background it is drawn on (its own or its nearest ancestor's, composited over white); those
/// below 4.5:1, described.
const LOW_CONTRAST: &str = r#"
const rgba = s => { const m = s.match(/[\d.]+/g).map(Number); return m.length === 3 ? [...m, 1] : m; };
const over = (top, below) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat(1); };
const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
const background = el => { const layers = [];
  for (let e = el; e; e = e.parentElement) { const b = rgba(getComputedStyle(e).backgroundColor); if (b[3] > 0) layers.push(b); if (b[3] >= 1) break; }
  return layers.reverse().reduce((acc, layer) => over(layer, acc), [255, 255, 255, 1]); };
const low = [];
for (const el of document.querySelectorAll('body *')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const style = getComputedStyle(el);
  if (!own || style.visibility === 'hidden' || style.display === 'none' || el.getClientRects().length === 0) continue;
  const bg = background(el); const fg = over(rgba(style.color), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x); const ratio = (a + 0.05) / (b + 0.05);
  if (ratio < 4.5) low.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${style.color} on rgb(${bg.slice(0, 3).map(Math.round)}) = ${ratio.toFixed(2)}`);
}
return low;
"#;

#[tokio::test]
async fn no_text_on_any_page_falls_below_a_contrast_of_4_5_to_1() {
    let app = TestApp::spawn().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser(&driver).await;
    let pages = [
        "",
        "/proof",
        "/audit",
        "/snapshot",
        "/rehearsal",
        "/print",
        "/items/passage.role_headers",
        "/items/decision_board.adapter_selection",
        "/sign-in",
    ];
    let mut low = Vec::new();
    // As a visitor, then as the managing director (who sees every form).
    for signed_in in [false, true] {
        if signed_in {
            sign_in(&client, &base, "anna", "anna-go-no-go").await;
        }
        for page in pages {
            client
                .goto(&format!("{base}/t/bfg-control{page}?lang=en"))
                .await
                .expect("open");
            let found = eval(&client, LOW_CONTRAST).await;
            for entry in found.as_array().expect("a list") {
                low.push(format!("{page}: {}", entry.as_str().unwrap_or_default()));
            }
        }
    }
    client.close().await.expect("close");
    assert!(low.is_empty(), "below 4.5:1:\n{}", low.join("\n"));
}

/// Scrolls the element this selector finds to the middle of the window (for screenshots).
async fn scroll_to(client: &Client, css: &str) {
    eval(
        client,
        &format!(
            "document.querySelector(\"{css}\").scrollIntoView({{block: 'center'}}); return null"
        ),
    )
    .await;
}

#[tokio::test]
async fn anna_signs_go_olena_withdraws_it_by_revoking_and_re_accepting_asks_for_a_new_signature() {
    use readiness_console::i18n::Lang;
    let app = TestApp::spawn().await;
    app.db.make_all_green().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser(&driver).await;
    let decision = "#decision .decision-go .code";

    // Anna signs GO through her form, with her password.
    sign_in(&client, &base, "anna", "anna-go-no-go").await;
    client
        .goto(&format!("{base}/t/bfg-control?lang=en"))
        .await
        .expect("open");
    eventually(|| async { eval(&client, "return typeof window.htmx").await == "object" }).await;
    eventually(|| async { text(&client, decision).await == "BLOCKED_PENDING_SIGNOFF" }).await;
    fill(&client, "signoff-go-password", "anna-go-no-go").await;
    press(&client, "#signoff form:first-of-type button[type=submit]").await;
    eventually(|| async { text(&client, decision).await == "GO" }).await;
    eventually(|| async {
        client
            .find(Locator::Css(".signature-standing"))
            .await
            .is_ok()
    })
    .await;
    scroll_to(&client, "#decision .signature").await;
    keep_screenshot(&client, "signature-go-en").await;
    assert_eq!(
        eval(&client, LOW_CONTRAST).await,
        json!([]),
        "contrast at GO"
    );

    // Olena's revoke form warns that it withdraws the GO; unticked, the browser sends nothing.
    press(&client, ".account-form button").await;
    eventually(|| async { client.find(Locator::Css(".account-link")).await.is_ok() }).await;
    sign_in(&client, &base, "olena", "olena-ledger").await;
    client
        .goto(&format!("{base}/t/bfg-control?lang=es"))
        .await
        .expect("open");
    eventually(|| async { eval(&client, "return typeof window.htmx").await == "object" }).await;
    let warning = text(&client, "#form-passage-db_schema .withdraw-warning").await;
    assert_eq!(
        warning,
        Lang::Es
            .tr()
            .t1("signature-confirm-warning", "owner", "Anna Kowalska")
    );
    scroll_to(&client, "#item-passage-db_schema").await;
    fill(
        &client,
        "form-passage-db_schema-note",
        "La migración del esquema falló en la copia de staging",
    )
    .await;
    keep_screenshot(&client, "signature-confirm-es").await;
    assert_eq!(
        eval(&client, LOW_CONTRAST).await,
        json!([]),
        "contrast, confirming"
    );
    press(&client, "#form-passage-db_schema button[type=submit]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(text(&client, decision).await, "GO", "nothing was sent");
    assert_eq!(
        eval(
            &client,
            "return document.getElementById('form-passage-db_schema-confirm').validity.valueMissing"
        )
        .await,
        true
    );
    // Ticked, the revocation goes through in place and withdraws the signature.
    press(&client, "#form-passage-db_schema-confirm").await;
    press(&client, "#form-passage-db_schema button[type=submit]").await;
    eventually(|| async { text(&client, decision).await == "BLOCKED_PENDING_PREFLIGHT" }).await;

    // In every language: the withdrawn signature, and no claim of GO.
    for lang in [Lang::Es, Lang::Fr, Lang::En] {
        let tr = lang.tr();
        client
            .goto(&format!("{base}/t/bfg-control?lang={}", lang.code()))
            .await
            .expect("open");
        let expected = crate::signature::withdrawn_line(&app, lang, 3).await;
        assert_eq!(text(&client, "#decision .signoff-last").await, expected);
        assert_eq!(
            text(&client, "#decision .decision-go strong").await,
            tr.t("decision-verdict-nogo")
        );
        assert!(
            client
                .find(Locator::Css(".signature-standing"))
                .await
                .is_err()
        );
        assert!(
            client
                .find(Locator::Css(".decision-go.verdict-go"))
                .await
                .is_err()
        );
        scroll_to(&client, "#decision .signature").await;
        keep_screenshot(&client, &format!("signature-withdrawn-{}", lang.code())).await;
        assert_eq!(
            eval(&client, LOW_CONTRAST).await,
            json!([]),
            "contrast, withdrawn"
        );
    }
    // The print view and the proof page say the same.
    for page in ["print", "proof"] {
        client
            .goto(&format!("{base}/t/bfg-control/{page}?lang=en"))
            .await
            .expect("open");
        assert_eq!(
            text(&client, ".signoff-last").await,
            crate::signature::withdrawn_line(&app, Lang::En, 3).await
        );
        keep_screenshot(&client, &format!("signature-withdrawn-{page}-en")).await;
    }
    client
        .goto(&format!("{base}/t/bfg-control?lang=en"))
        .await
        .expect("open");
    // The sentence's links lead to the event in the audit trail and to the item.
    press(&client, "#decision .signoff-last a[href*='/audit']").await;
    eventually(|| async {
        client
            .current_url()
            .await
            .is_ok_and(|u| u.fragment() == Some("e-3"))
    })
    .await;
    assert!(client.find(Locator::Css("#e-3")).await.is_ok());
    client
        .goto(&format!(
            "{base}/t/bfg-control/items/passage.db_schema?lang=en"
        ))
        .await
        .expect("open");
    assert_eq!(
        text(&client, ".signoff-last").await,
        crate::signature::withdrawn_line(&app, Lang::En, 3).await
    );
    keep_screenshot(&client, "signature-withdrawn-item-en").await;

    // Re-accepted: every gate is green again, and production waits for a new signature.
    client
        .goto(&format!("{base}/t/bfg-control?lang=en"))
        .await
        .expect("open");
    eventually(|| async { eval(&client, "return typeof window.htmx").await == "object" }).await;
    assert!(
        client
            .find(Locator::Css("#form-passage-db_schema .withdraw-confirm"))
            .await
            .is_err(),
        "nothing left to withdraw"
    );
    scroll_to(&client, "#item-passage-db_schema").await;
    fill(
        &client,
        "form-passage-db_schema-note",
        "The schema migration passed on a fresh staging copy",
    )
    .await;
    press(&client, "#form-passage-db_schema button[type=submit]").await;
    eventually(|| async { text(&client, decision).await == "BLOCKED_PENDING_SIGNOFF" }).await;
    assert_eq!(
        text(&client, "#decision .signoff-last").await,
        crate::signature::withdrawn_line(&app, Lang::En, 3).await
    );
    assert_eq!(
        text(&client, "#decision .decision-go strong").await,
        Lang::En.tr().t("decision-verdict-nogo")
    );
    scroll_to(&client, "#decision .signature").await;
    keep_screenshot(&client, "signature-reaccepted-en").await;
    let problems = severe_log_entries(&client).await;
    assert!(problems.is_empty(), "browser console: {problems:?}");
    client.close().await.expect("close");
}

/// What runs past the right edge of the window without a scrolling box to hold it: words too
/// long for their column, a button wider than the screen.
const OVERFLOW: &str = r#"
const width = document.documentElement.clientWidth;
const held = el => {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
  }
  return false;
};
const wide = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.height > 0 && r.right > width + 1 && !held(el)) {
    wide.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}" ends at ${Math.round(r.right)}px of ${width}px`);
  }
}
return wide;
"#;

/// Translations run longer than English (Brazilian Portuguese and French by a fifth): every
/// page in every language, for a visitor and for the managing director (who sees every form),
/// stays inside the window on a desktop and on a phone. With SCREENSHOT_DIR set, keeps each
/// page whole.
#[tokio::test]
async fn every_page_in_every_language_fits_a_desktop_and_a_phone() {
    let app = TestApp::spawn().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let client = browser(&driver).await;
    let pages = [
        ("console", ""),
        ("proof", "/proof"),
        ("item", "/items/passage.role_headers"),
        ("audit", "/audit"),
        ("snapshot", "/snapshot"),
        ("rehearsal", "/rehearsal"),
        ("print", "/print"),
        ("sign-in", "/sign-in"),
    ];
    let mut wide = Vec::new();
    for signed_in in [false, true] {
        if signed_in {
            sign_in(&client, &base, "anna", "anna-go-no-go").await;
        }
        for lang in readiness_console::i18n::Lang::ALL.map(|l| l.code()) {
            for (name, page) in pages {
                for (device, width) in [("desktop", 1280), ("phone", 390)] {
                    client.set_window_size(width, 900).await.expect("resize");
                    client
                        .goto(&format!("{base}/t/bfg-control{page}?lang={lang}"))
                        .await
                        .expect("open");
                    assert_eq!(
                        eval(&client, "return document.documentElement.lang").await,
                        lang
                    );
                    let found = eval(&client, OVERFLOW).await;
                    for entry in found.as_array().expect("a list") {
                        wide.push(format!(
                            "{page}?lang={lang} on a {device}: {}",
                            entry.as_str().unwrap_or_default()
                        ));
                    }
                    if std::env::var_os("SCREENSHOT_DIR").is_some() {
                        let height = eval(&client, "return document.documentElement.scrollHeight")
                            .await
                            .as_u64()
                            .unwrap_or(900);
                        let height = u32::try_from(height.min(12_000)).unwrap_or(900);
                        client.set_window_size(width, height).await.expect("resize");
                        let who = if signed_in { "anna" } else { "visitor" };
                        keep_screenshot(&client, &format!("{name}-{lang}-{who}-{device}")).await;
                    }
                }
            }
        }
    }
    assert_eq!(severe_log_entries(&client).await, Vec::<String>::new());
    client.close().await.expect("close");
    assert!(
        wide.is_empty(),
        "wider than the window:\n{}",
        wide.join("\n")
    );
}

/// A demo account: how its person signs in, and the name the console shows for them.
struct Account {
    username: &'static str,
    password: &'static str,
    name: &'static str,
}

const ANNA: Account = Account {
    username: "anna",
    password: "anna-go-no-go",
    name: "Anna Kowalska",
};
const MAREK: Account = Account {
    username: "marek",
    password: "marek-dispatch",
    name: "Marek Zielinski",
};
const OLENA: Account = Account {
    username: "olena",
    password: "olena-ledger",
    name: "Olena Shevchenko",
};

/// The values Anna decides where the console proposes none, by the decision's form.
const ANNAS_CHOICES: [(&str, &str); 3] = [
    (
        "form-infrastructure-hosting",
        "Managed PostgreSQL 16 in Frankfurt",
    ),
    (
        "form-infrastructure-runtime_owner",
        "Direction, Anna Kowalska",
    ),
    (
        "form-infrastructure-secrets_backup",
        "Vault secrets, nightly encrypted backups",
    ),
];

/// One of the demo's people at a browser of their own, signed in.
struct Person {
    client: Client,
    account: &'static Account,
}

/// What the console's copilot names as the next thing to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextStep {
    /// A check or decision of this person.
    Owner(&'static str),
    /// A probe only a rehearsal decides: the kind of run.
    Rehearsal(&'static str),
    /// The payload must be imported and frozen.
    FreezeSnapshot,
    /// Every gate is green: the managing director signs.
    SignOff,
}

async fn signs_in_at_a_browser_of_their_own(
    driver: &Driver,
    base: &str,
    account: &'static Account,
) -> Person {
    let client = browser(driver).await;
    sign_in(&client, base, account.username, account.password).await;
    Person { client, account }
}

/// Opens a page of the demo tenant in this language and waits for htmx.
async fn open(client: &Client, base: &str, page: &str, lang: &str) {
    client
        .goto(&format!("{base}/t/bfg-control{page}?lang={lang}"))
        .await
        .expect("open");
    eventually(|| async { eval(client, "return typeof window.htmx").await == "object" }).await;
}

/// Reads the copilot's next action on the console (in English) and says which step it is.
async fn the_next_step_the_console_names(client: &Client, base: &str) -> NextStep {
    let tr = readiness_console::i18n::Lang::En.tr();
    open(client, base, "", "en").await;
    let title = text(client, ".next-action .action-title").await;
    let who = text(client, ".next-action .action-who").await;
    if title == tr.t("action-title-signoff") {
        return NextStep::SignOff;
    }
    if let Some(person) = [&ANNA, &MAREK, &OLENA]
        .into_iter()
        .find(|p| who.contains(p.name))
    {
        return NextStep::Owner(person.name);
    }
    // The connection run decides the connection checks and the live credentials; the gap
    // analysis the runbook's schema check; the dry-run its own.
    let rehearsal = [
        ("connection", "connection"),
        ("wiring", "connection"),
        ("runbook", "gap"),
        ("dry_run", "dry_run"),
    ]
    .into_iter()
    .find(|(section, _)| title == tr.t(&format!("action-title-{section}")));
    if let Some((_, kind)) = rehearsal
        && who == tr.t("action-who-probe")
    {
        return NextStep::Rehearsal(kind);
    }
    if ["snapshot_frozen", "batch_groups_populated"]
        .iter()
        .any(|fact| title == tr.t(&format!("action-title-fact-{fact}")))
    {
        return NextStep::FreezeSnapshot;
    }
    panic!("the console asks for something no page here does: {title:?} ({who:?})");
}

/// An item the page marks as the viewer's ("yours") and offers a form for.
#[derive(serde::Deserialize)]
struct OpenItem {
    /// The item's element id.
    item: String,
    /// Its form's id.
    form: String,
    /// Its label, as the page shows it.
    label: String,
    /// For a decision: the value in the form (the proposal, or empty).
    value: Option<String>,
}

/// The first item, in page order, the page marks as the viewer's and offers a form for.
async fn first_item_marked_mine(client: &Client) -> Option<OpenItem> {
    let found = eval(
        client,
        "const li = [...document.querySelectorAll('li.item')]
           .find(li => li.querySelector('.badge-mine') && li.querySelector('form.evidence-form'));
         if (!li) return null;
         const form = li.querySelector('form.evidence-form');
         const value = document.getElementById(form.id + '-value');
         return { item: li.id, form: form.id, label: li.querySelector('.item-label').textContent.trim(),
                  value: value ? value.value : null };",
    )
    .await;
    serde_json::from_value(found).expect("an item or null")
}

impl Person {
    /// Accepts, with evidence, every check and records every decision the console marks as
    /// theirs ("yours"), one form at a time, each answered in place.
    async fn accepts_everything_the_console_marks_theirs(&self, base: &str) {
        let client = &self.client;
        open(client, base, "", "en").await;
        while let Some(OpenItem {
            item,
            form,
            label,
            value,
        }) = first_item_marked_mine(client).await
        {
            if value.as_deref() == Some("") {
                let (_, choice) = ANNAS_CHOICES
                    .iter()
                    .find(|(id, _)| *id == form)
                    .unwrap_or_else(|| {
                        panic!("{} has no value to decide “{label}”", self.account.name)
                    });
                fill(client, &format!("{form}-value"), choice).await;
            }
            let evidence = format!(
                "{label}: checked by {} on the staging copy",
                self.account.name
            );
            fill(client, &format!("{form}-note"), &evidence).await;
            press(client, &format!("#{form} button[type=submit]")).await;
            let still_open = format!(
                "const li = document.getElementById('{item}'); return !li || !!li.querySelector('.badge-mine')"
            );
            eventually(|| async { eval(client, &still_open).await == false }).await;
        }
    }

    /// On the rehearsal page: names the target first if none is named, starts a run of this
    /// kind and waits until the page shows it passed.
    async fn rehearses(&self, base: &str, kind: &str, reference: &str) {
        let client = &self.client;
        let tr = readiness_console::i18n::Lang::En.tr();
        open(client, base, "/rehearsal", "en").await;
        if text(client, "dl.fields dd").await == tr.t("rehearsal-no-target") {
            fill(client, "reference", reference).await;
            press(client, ".target-form button").await;
            eventually(|| async { text(client, "dl.fields .code").await.starts_with("file:") })
                .await;
        }
        eval(client, "window.beforeTheRun = true; return null").await;
        press(client, &format!("#run-{kind} form button")).await;
        // The start answers with a new page, which polls the run and reloads when it ends.
        let ended = format!(
            "return !window.beforeTheRun
               && !!document.querySelector('#run-{kind} .run-state:not(.run-running)')"
        );
        eventually(|| async { eval(client, &ended).await == true }).await;
        let state = text(client, &format!("#run-{kind} .run-state")).await;
        assert!(
            state.starts_with(&tr.t("rehearsal-state-passed")),
            "the {kind} run: {state}"
        );
    }

    /// Uploads the demo payload on the snapshot page and freezes the import.
    async fn imports_and_freezes_the_demo_payload(&self, base: &str) {
        let client = &self.client;
        let tr = readiness_console::i18n::Lang::En.tr();
        let demo = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/demo/bfg-control-scenario.jsonl"
        );
        open(client, base, "/snapshot", "en").await;
        client
            .find(Locator::Css("input[type=file]"))
            .await
            .expect("file input")
            .send_keys(demo)
            .await
            .expect("choose the file");
        press(client, "form[enctype='multipart/form-data'] button").await;
        eventually(|| async { text(client, ".flash").await == tr.t("scenario-imported") }).await;
        press(
            client,
            "form[action^='/t/bfg-control/snapshot/freeze'] button",
        )
        .await;
        eventually(|| async { text(client, ".flash").await == tr.t("scenario-frozen") }).await;
        assert!(text(client, "dl.fields").await.contains("bfg-5de6a303"));
    }

    /// Anna signs GO on the console with her password.
    async fn signs_go_with_her_password(&self, base: &str) {
        let client = &self.client;
        open(client, base, "", "en").await;
        fill(client, "signoff-go-password", self.account.password).await;
        press(client, "#signoff form:first-of-type button[type=submit]").await;
        eventually(|| async { text(client, DECISION).await == "GO" }).await;
    }

    /// Revokes one of their checks, ticking the confirmation that it withdraws the GO.
    async fn revokes_confirming_the_withdrawal(&self, base: &str, item: &str, reason: &str) {
        let client = &self.client;
        let form = format!("form-{}", item.replace('.', "-"));
        open(client, base, "", "en").await;
        assert_eq!(
            text(client, &format!("#{form} .withdraw-warning")).await,
            readiness_console::i18n::Lang::En.tr().t1(
                "signature-confirm-warning",
                "owner",
                "Anna Kowalska"
            )
        );
        fill(client, &format!("{form}-note"), reason).await;
        press(client, &format!("#{form}-confirm")).await;
        press(client, &format!("#{form} button[type=submit]")).await;
        eventually(|| async {
            let code = text(client, DECISION).await;
            !code.is_empty() && code != "GO"
        })
        .await;
    }

    /// Accepts one of their checks again, with evidence.
    async fn accepts_again(&self, base: &str, item: &str, evidence: &str) {
        let client = &self.client;
        let form = format!("form-{}", item.replace('.', "-"));
        open(client, base, "", "en").await;
        assert!(
            client
                .find(Locator::Css(&format!("#{form} .withdraw-confirm")))
                .await
                .is_err(),
            "nothing left to withdraw"
        );
        fill(client, &format!("{form}-note"), evidence).await;
        press(client, &format!("#{form} button[type=submit]")).await;
        eventually(|| async { text(client, DECISION).await == "BLOCKED_PENDING_SIGNOFF" }).await;
    }
}

/// The overall decision's code in the decision section.
const DECISION: &str = "#decision .decision-go .code";

/// From the demo's seeded state to GO with nothing but the pages: the console's copilot names
/// the next step, and the person it names does it in their own browser — Marek imports and
/// freezes the payload and rehearses against a TLS target the operator named in a secret file,
/// each owner accepts what the console marks as theirs, Anna records her decisions and signs
/// GO. Olena's revocation then withdraws it in every language, and accepting again asks for a
/// new signature.
#[tokio::test]
async fn the_demo_reaches_go_through_the_pages_alone_and_a_revocation_withdraws_it() {
    use readiness_console::i18n::Lang;
    // What the operator does outside the console: a target database over TLS with the runbook
    // applied, and its URL in a file of the secret folder.
    // (One after the other: the target's set-up blocks the thread, which would starve the
    // app's connections of their time limits.)
    let target = crate::rehearsal::tls_cluster().await;
    let app = TestApp::spawn().await;
    crate::support::test_secrets();
    let secret = tempfile::NamedTempFile::new_in(crate::support::secrets_dir()).expect("file");
    std::fs::write(secret.path(), target.owner_url()).expect("write");
    let reference = format!("file:{}", secret.path().display());

    let base = serve(&app).await;
    let driver = start_driver();
    let (anna, marek, olena) = tokio::join!(
        signs_in_at_a_browser_of_their_own(&driver, &base, &ANNA),
        signs_in_at_a_browser_of_their_own(&driver, &base, &MAREK),
        signs_in_at_a_browser_of_their_own(&driver, &base, &OLENA),
    );
    let person = |name: &str| {
        [&anna, &marek, &olena]
            .into_iter()
            .find(|p| p.account.name == name)
            .expect("one of the three")
    };

    // Each step is done once: asked for again, the first time did not move the console, and
    // the test stops rather than loop.
    let mut done = Vec::new();
    loop {
        let step = the_next_step_the_console_names(&anna.client, &base).await;
        assert!(
            !done.contains(&step),
            "asked again for {step:?} after {done:?}"
        );
        match step {
            NextStep::SignOff => break,
            NextStep::Owner(name) => {
                person(name)
                    .accepts_everything_the_console_marks_theirs(&base)
                    .await;
            }
            NextStep::Rehearsal(kind) => marek.rehearses(&base, kind, &reference).await,
            NextStep::FreezeSnapshot => marek.imports_and_freezes_the_demo_payload(&base).await,
        }
        done.push(step);
    }
    assert_eq!(
        text(&anna.client, DECISION).await,
        "BLOCKED_PENDING_SIGNOFF"
    );

    // GO, in every language: the standing signature, legible.
    anna.signs_go_with_her_password(&base).await;
    for lang in [Lang::Es, Lang::Fr, Lang::En] {
        open(&anna.client, &base, "", lang.code()).await;
        assert_eq!(text(&anna.client, DECISION).await, "GO");
        assert_eq!(
            text(&anna.client, "#decision .decision-go strong").await,
            lang.tr().t("decision-verdict-go")
        );
        assert!(
            anna.client
                .find(Locator::Css("#decision .signature-standing"))
                .await
                .is_ok()
        );
        scroll_to(&anna.client, "#decision .signature").await;
        keep_screenshot(&anna.client, &format!("e2e-go-{}", lang.code())).await;
        assert_eq!(
            eval(&anna.client, LOW_CONTRAST).await,
            json!([]),
            "contrast at GO"
        );
    }

    // Olena revokes the schema check; in every language the signature reads withdrawn and
    // nothing claims GO.
    olena
        .revokes_confirming_the_withdrawal(
            &base,
            "passage.db_schema",
            "The schema migration failed on the staging copy",
        )
        .await;
    // The revocation's event number, which the sentence names (read, for the assertion).
    let revocation: i64 = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_scalar("select max(seq) from audit_events where action = 'revoke'")
            .fetch_one(&mut *tx)
            .await
            .expect("the revocation's event")
    };
    for lang in [Lang::Es, Lang::Fr, Lang::En] {
        let client = &olena.client;
        open(client, &base, "", lang.code()).await;
        assert!(
            client
                .find(Locator::Css("#decision .signature-withdrawn"))
                .await
                .is_ok()
        );
        assert_eq!(
            text(client, "#decision .signoff-last").await,
            crate::signature::withdrawn_line(&app, lang, revocation).await
        );
        assert_ne!(text(client, DECISION).await, "GO");
        assert_eq!(
            text(client, "#decision .decision-go strong").await,
            lang.tr().t("decision-verdict-nogo")
        );
        assert!(
            client
                .find(Locator::Css(".signature-standing"))
                .await
                .is_err()
        );
        scroll_to(client, "#decision .signature").await;
        keep_screenshot(client, &format!("e2e-withdrawn-{}", lang.code())).await;
        assert_eq!(
            eval(client, LOW_CONTRAST).await,
            json!([]),
            "contrast, withdrawn"
        );
    }

    // Accepted again: every gate is green, and production waits for a new signature.
    olena
        .accepts_again(
            &base,
            "passage.db_schema",
            "The schema migration passed on a fresh staging copy",
        )
        .await;
    assert_eq!(
        text(&olena.client, "#decision .signoff-last").await,
        crate::signature::withdrawn_line(&app, Lang::En, revocation).await
    );
    assert_eq!(
        text(&olena.client, "#decision .decision-go strong").await,
        Lang::En.tr().t("decision-verdict-nogo")
    );
    for person in [&anna, &marek, &olena] {
        let problems = severe_log_entries(&person.client).await;
        assert!(
            problems.is_empty(),
            "{}'s console: {problems:?}",
            person.account.name
        );
    }
    for person in [anna, marek, olena] {
        person.client.close().await.expect("close");
    }
}
