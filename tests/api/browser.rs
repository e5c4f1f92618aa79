//! In Debian's Chromium through chromedriver, against the real server on a socket: the page
//! loads with no console error and no CSP violation, the language switch works, an htmx
//! refresh swaps a section in place without reloading the page, and the packets' copy buttons
//! come alive.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use readiness_console::i18n::Lang;
use serde_json::json;

use crate::support::{Account, TestApp, eventually};

/// chromedriver, stopped when dropped.
pub(crate) struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start_driver() -> Driver {
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

/// Whether a WebDriver error says the element is in the middle of a swap: replaced since it
/// was found, or not yet interactable (a live refresh putting its section back). Worth a
/// moment's wait and another try.
fn mid_swap(error: &fantoccini::error::CmdError) -> bool {
    use fantoccini::error::ErrorStatus;
    matches!(
        error,
        fantoccini::error::CmdError::Standard(e)
            if matches!(e.error, ErrorStatus::StaleElementReference
                | ErrorStatus::ElementNotInteractable)
    )
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

/// The overall decision's code in the decision section.
const DECISION: &str = "#decision .decision-go .code";

/// A Chromium session of its own (a fresh profile) at the console the tests serve.
#[derive(Clone)]
pub(crate) struct Browser {
    client: Client,
    base: String,
}

impl Browser {
    /// A new browser, with JavaScript on or off, at the app served from `base`.
    pub(crate) async fn new(driver: &Driver, base: &str, javascript: bool) -> Self {
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
                let base = base.to_owned();
                return Self { client, base };
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("chromedriver did not accept a session");
    }

    /// Goes to a page of the demo tenant (`""` for the console) in this language.
    async fn visit(&self, page: &str, lang: &str) {
        let url = format!("{}/t/bfg-control{page}?lang={lang}", self.base);
        self.client.goto(&url).await.expect("open");
    }

    /// [`Browser::visit`], then waits for htmx.
    pub(crate) async fn open(&self, page: &str, lang: &str) {
        self.visit(page, lang).await;
        self.wait_for_htmx().await;
    }

    async fn wait_for_htmx(&self) {
        eventually(|| async { self.eval("return typeof window.htmx").await == "object" }).await;
    }

    pub(crate) async fn eval(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.expect(script)
    }

    /// The `lang` of the page's `<html>`.
    async fn lang(&self) -> serde_json::Value {
        self.eval("return document.documentElement.lang").await
    }

    /// The text of the element this selector finds, empty when there is none.
    pub(crate) async fn text(&self, css: &str) -> String {
        // htmx may swap the element between finding and reading it: that reads as "not yet".
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Whether the page holds an element this selector finds.
    async fn shows(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Types `keys` into the element with this id. (Found again if a live refresh swapped it
    /// between finding and typing, or had not put it back yet; on a loaded machine a page can
    /// take seconds.) A field that never comes names the page it was looked for on.
    async fn fill(&self, id: &str, keys: &str) {
        for tries in 1.. {
            let element = match self.client.find(Locator::Id(id)).await {
                Ok(element) => element,
                Err(_) if tries < 15 => {
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                    continue;
                }
                Err(error) => {
                    let url = self.client.current_url().await.map(|u| u.to_string());
                    let title = self.eval("return document.title").await;
                    panic!("{id}: {error} (on {url:?}, titled {title})")
                }
            };
            match element.send_keys(keys).await {
                Err(error) if tries < 10 && mid_swap(&error) => {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                done => return done.expect("type"),
            }
        }
    }

    /// Clicks the element this selector finds. (Found again if a live refresh swapped it
    /// between finding and clicking.)
    async fn press(&self, css: &str) {
        for tries in 1.. {
            let element = self.client.find(Locator::Css(css)).await.expect(css);
            match element.click().await {
                Err(error) if tries < 10 && mid_swap(&error) => {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                done => return done.expect("click"),
            }
        }
    }

    /// Chooses `path` in the page's file input and sends its form.
    async fn upload(&self, path: &str) {
        self.client
            .find(Locator::Css("input[type=file]"))
            .await
            .expect("file input")
            .send_keys(path)
            .await
            .expect("choose the file");
        self.press("form[enctype='multipart/form-data'] button")
            .await;
    }

    /// Presses "Sign in with …" and signs in as `login` on the real provider's own page (at
    /// `port`), keeping a screenshot of it as `shot`; returns once back at the console's.
    async fn signs_in_at_the_provider(&self, port: u16, login: &str, shot: Option<&str>) {
        self.press(".sso-sign-in a").await;
        self.wait_until_at(|u| u.port() == Some(port)).await;
        for (field, typed) in [("login", login), ("password", "any password")] {
            self.client
                .find(Locator::Css(&format!("input[name={field}]")))
                .await
                .expect("the provider's login form")
                .send_keys(typed)
                .await
                .expect("type");
        }
        if let Some(shot) = shot {
            self.keep_screenshot(shot).await;
        }
        self.press("button[type=submit]").await;
        self.wait_until_at(|u| u.port() != Some(port)).await;
    }

    /// Waits until the address bar satisfies `at`.
    async fn wait_until_at(&self, at: impl Fn(&url::Url) -> bool) {
        eventually(|| async { self.client.current_url().await.is_ok_and(|u| at(&u)) }).await;
    }

    /// Signs in through the form as `username` of the demo.
    pub(crate) async fn sign_in(&self, username: &str) {
        self.sign_in_as(Account::named(username)).await;
    }

    /// Signs in through the form with this account.
    async fn sign_in_as(&self, account: Account) {
        self.visit("/sign-in", "en").await;
        self.fill("username", account.username).await;
        self.fill("password", account.password).await;
        self.press(".sign-in button[type=submit]").await;
        self.wait_until_at(|u| !u.path().ends_with("sign-in")).await;
    }

    /// Signs out with the account form's button.
    async fn sign_out(&self) {
        self.press(".account-form button").await;
        eventually(|| async { self.shows(".account-link").await }).await;
    }

    /// Scrolls the element this selector finds to the middle of the window (for screenshots).
    pub(crate) async fn scroll_to(&self, css: &str) {
        self.eval(&format!(
            "document.querySelector(\"{css}\").scrollIntoView({{block: 'center'}}); return null"
        ))
        .await;
    }

    /// The window as a PNG.
    pub(crate) async fn screenshot(&self) -> Vec<u8> {
        self.client.screenshot().await.expect("screenshot")
    }

    /// Opens `path` in each of `langs`, in a desktop's window and in a phone's, checks it with
    /// `check` (given the language), and asserts that nothing of it is wider than the window
    /// ([`Self::fits_and_is_legible`], with `page` naming it); leaves a desktop's window.
    pub(crate) async fn fits_everywhere(
        &self,
        page: &str,
        path: &str,
        langs: &[&str],
        check: impl AsyncFn(&str),
    ) {
        let mut wide = Vec::new();
        for &lang in langs {
            for (device, width) in [("desktop", 1280), ("phone", 390)] {
                let window = &self.client;
                window.set_window_size(width, 900).await.expect("resize");
                self.open(path, lang).await;
                assert_eq!(self.lang().await, lang);
                check(lang).await;
                wide.extend(self.fits_and_is_legible(page, lang, (device, width)).await);
            }
        }
        assert!(
            wide.is_empty(),
            "wider than the window:\n{}",
            wide.join("\n")
        );
        self.client
            .set_window_size(1280, 900)
            .await
            .expect("resize");
    }

    /// What of the open page is wider than a window `width` wide (as `"{lang} on a {device}:
    /// …"`), after checking that its text is legible; with SCREENSHOT_DIR set, keeps the page
    /// whole as `{page}-{lang}-{device}.png`.
    pub(crate) async fn fits_and_is_legible(
        &self,
        page: &str,
        lang: &str,
        (device, width): (&str, u32),
    ) -> Vec<String> {
        let found = self.eval(OVERFLOW).await;
        let wide = found
            .as_array()
            .expect("a list")
            .iter()
            .map(|entry| {
                format!(
                    "{lang} on a {device}: {}",
                    entry.as_str().unwrap_or_default()
                )
            })
            .collect();
        self.assert_legible(&format!("the {page} page in {lang} on a {device}"))
            .await;
        if std::env::var_os("SCREENSHOT_DIR").is_some() {
            let height = self
                .eval("return document.documentElement.scrollHeight")
                .await
                .as_u64()
                .unwrap_or(900);
            let height = u32::try_from(height.min(12_000)).unwrap_or(900);
            self.client
                .set_window_size(width, height)
                .await
                .expect("resize");
            self.keep_screenshot(&format!("{page}-{lang}-{device}"))
                .await;
        }
        wide
    }

    /// Saves a screenshot when SCREENSHOT_DIR is set (for looking at the pages, not asserting).
    pub(crate) async fn keep_screenshot(&self, name: &str) {
        if let Some(dir) = std::env::var_os("SCREENSHOT_DIR") {
            let png = self.client.screenshot().await.expect("screenshot");
            let path = std::path::Path::new(&dir).join(format!("{name}.png"));
            std::fs::write(path, png).expect("write");
        }
    }

    /// What the browser logged as an error or a warning (a CSP violation among them).
    async fn severe_log_entries(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("browser log");
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

    /// Nothing was logged as an error, no CSP violation.
    pub(crate) async fn assert_quiet(&self) {
        let problems = self.severe_log_entries().await;
        assert!(problems.is_empty(), "browser console: {problems:?}");
    }

    /// The texts on the page below a contrast of 4.5:1, described.
    async fn low_contrast(&self) -> Vec<String> {
        let found = self.eval(LOW_CONTRAST).await;
        let found = found.as_array().expect("a list");
        found
            .iter()
            .map(|entry| entry.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// No text on the page falls below a contrast of 4.5:1.
    async fn assert_legible(&self, when: &str) {
        assert_eq!(self.low_contrast().await, Vec::<String>::new(), "{when}");
    }

    /// Signs GO on the console with their password and waits for the page to say GO.
    async fn signs_go_with(&self, password: &str) {
        self.open("", "en").await;
        eventually(|| async { self.text(DECISION).await == "BLOCKED_PENDING_SIGNOFF" }).await;
        self.fill("signoff-go-password", password).await;
        self.press("#signoff form:first-of-type button[type=submit]")
            .await;
        eventually(|| async { self.text(DECISION).await == "GO" }).await;
    }

    /// Accepts `item` again with evidence, where nothing is left to withdraw, and waits for
    /// the console to ask for a new signature.
    async fn accepts_again(&self, item: &str, evidence: &str) {
        let form = format!("form-{}", item.replace('.', "-"));
        self.open("", "en").await;
        assert!(
            !self.shows(&format!("#{form} .withdraw-confirm")).await,
            "nothing left to withdraw"
        );
        self.fill(&format!("{form}-note"), evidence).await;
        self.press(&format!("#{form} button[type=submit]")).await;
        eventually(|| async { self.text(DECISION).await == "BLOCKED_PENDING_SIGNOFF" }).await;
    }

    /// In Spanish, French and English: the console names the signature withdrawn at event
    /// #`seq` by Olena's revocation, and nothing on it claims GO.
    async fn assert_withdrawn_in_every_language(&self, app: &TestApp, seq: i64, shots: &str) {
        for lang in [Lang::Es, Lang::Fr, Lang::En] {
            self.visit("", lang.code()).await;
            assert!(self.shows("#decision .signature-withdrawn").await);
            assert_eq!(
                self.text("#decision .signoff-last").await,
                crate::signature::withdrawn_line(app, lang, seq).await
            );
            assert_ne!(self.text(DECISION).await, "GO");
            assert_eq!(
                self.text("#decision .decision-go strong").await,
                lang.tr().t("decision-verdict-nogo")
            );
            assert!(!self.shows(".signature-standing").await);
            assert!(!self.shows(".decision-go.verdict-go").await);
            self.scroll_to("#decision .signature").await;
            self.keep_screenshot(&format!("{shots}-{}", lang.code()))
                .await;
            self.assert_legible("contrast, withdrawn").await;
        }
    }

    /// On the rehearsal page in `lang`: names the target first if none is named, starts a run
    /// of this kind and waits until the page shows it passed.
    async fn rehearses(&self, kind: &str, reference: &str, lang: Lang) {
        let tr = lang.tr();
        self.open("/rehearsal", lang.code()).await;
        if self.text("dl.fields dd").await == tr.t("rehearsal-no-target") {
            self.fill("reference", reference).await;
            self.press(".target-form button").await;
            eventually(|| async { self.text("dl.fields .code").await.starts_with("file:") }).await;
        }
        self.eval("window.beforeTheRun = true; return null").await;
        self.press(&format!("#run-{kind} form button")).await;
        // The start answers with a new page, which polls the run and reloads when it ends.
        let ended = format!(
            "return !window.beforeTheRun
               && !!document.querySelector('#run-{kind} .run-state:not(.run-running)')"
        );
        eventually(|| async { self.eval(&ended).await == true }).await;
        let state = self.text(&format!("#run-{kind} .run-state")).await;
        assert!(
            state.starts_with(&tr.t("rehearsal-state-passed")),
            "the {kind} run: {state}"
        );
    }

    /// On the snapshot page in `lang`: uploads the demo payload and freezes the import.
    async fn imports_and_freezes_the_demo_payload(&self, lang: Lang) {
        let tr = lang.tr();
        self.open("/snapshot", lang.code()).await;
        self.upload(DEMO_PAYLOAD).await;
        eventually(|| async { self.text(".flash").await == tr.t("scenario-imported") }).await;
        self.press("form[action^='/t/bfg-control/snapshot/freeze'] button")
            .await;
        eventually(|| async { self.text(".flash").await == tr.t("scenario-frozen") }).await;
        assert!(self.text("dl.fields").await.contains("bfg-5de6a303"));
    }

    async fn close(self) {
        self.client.close().await.expect("close");
    }
}

/// A fresh app served on a socket, chromedriver, and a browser at the app (with JavaScript
/// on or off). The driver stops when dropped.
async fn a_browser_at_a_fresh_app(javascript: bool) -> (TestApp, Driver, Browser) {
    let app = TestApp::spawn().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let browser = Browser::new(&driver, &base, javascript).await;
    (app, driver, browser)
}

#[tokio::test]
async fn the_console_in_chromium_switches_language_and_refreshes_sections_in_place() {
    let (app, _driver, browser) = a_browser_at_a_fresh_app(true).await;

    browser.open("", "es").await;
    assert_eq!(browser.lang().await, "es");
    assert_eq!(
        browser.text("#kpis .tile:nth-child(6) .tile-value").await,
        "0/4"
    );
    assert_eq!(browser.text(DECISION).await, "BLOCKED_PENDING_DRY_RUN");

    // The language switcher keeps the visitor on the same page.
    browser.press(".langs a[hreflang='fr']").await;
    eventually(|| async { browser.lang().await == "fr" }).await;
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(url.path(), "/t/bfg-control");

    // A probe passes behind the page; the key figures' refresh swaps them in place.
    browser.eval("window.notReloaded = true; return null").await;
    app.db
        .as_owner_in_demo(
            "insert into probe_results (tenant_id, item_key, passed)
             values (current_setting('app.tenant_id')::uuid, 'connection.endpoint_reachability', true);",
        )
        .await;
    eventually(|| async {
        browser.press("#kpis .refresh").await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        browser.text("#kpis .tile:nth-child(6) .tile-value").await == "1/4"
    })
    .await;
    assert_eq!(
        browser.eval("return window.notReloaded === true").await,
        true
    );
    assert_eq!(browser.lang().await, "fr");

    // The copy buttons of the seven packets appear once their script has run under the CSP.
    let visible = browser
        .eval("return [...document.querySelectorAll('button.copy')].filter(b => !b.hidden).length")
        .await;
    assert_eq!(visible, 7);

    // Scroll the whole page; nothing was logged as an error, no CSP violation.
    browser
        .eval("window.scrollTo(0, document.body.scrollHeight); return null")
        .await;
    browser.assert_quiet().await;
    browser.close().await;
}

#[tokio::test]
async fn marek_accepts_in_place_and_olena_is_refused_with_a_message() {
    let (_app, _driver, browser) = a_browser_at_a_fresh_app(true).await;

    browser.sign_in("marek").await;
    // Accept in Spanish, revoke in French, accept again in English: each in place.
    for (lang, expected) in [("es", "1/6"), ("fr", "0/6"), ("en", "1/6")] {
        browser.open("", lang).await;
        assert_eq!(browser.lang().await, lang);
        browser
            .eval(
                "window.notReloaded = true; document.getElementById('form-passage-role_headers').scrollIntoView(); return null",
            )
            .await;
        browser
            .fill(
                "form-passage-role_headers-note",
                "Role headers verified against the staging gateway",
            )
            .await;
        browser.keep_screenshot(&format!("marek-form-{lang}")).await;
        browser
            .press("#form-passage-role_headers button[type=submit]")
            .await;
        eventually(|| async {
            browser.text("#kpis .tile:nth-child(5) .tile-value").await == expected
        })
        .await;
        assert_eq!(
            browser.eval("return window.notReloaded === true").await,
            true,
            "no reload"
        );
        browser.keep_screenshot(&format!("marek-done-{lang}")).await;
    }
    // The check now offers revoking.
    assert!(
        browser
            .shows("form[action*='passage.role_headers/revoke']")
            .await
    );

    // Olena, signed in the same browser, tries Marek's check through her own form.
    browser.sign_out().await;
    browser.sign_in("olena").await;
    browser.wait_for_htmx().await;
    browser
        .eval(
            "const f = document.getElementById('form-passage-db_schema');
             const url = f.getAttribute('action').replace('passage.db_schema', 'passage.scenario_store_rehearsal');
             f.setAttribute('action', url); f.setAttribute('data-hx-post', url); htmx.process(f);
             f.querySelector('textarea').value = 'Trying to accept a check that is not mine';
             f.querySelector('button[type=submit]').click(); return null",
        )
        .await;
    eventually(|| async { !browser.text(".notice").await.is_empty() }).await;
    let notice = browser.text(".notice").await;
    assert!(
        notice.contains(&Lang::En.tr().t("error-title-forbidden")),
        "{notice}"
    );
    assert_eq!(
        browser.text("#kpis .tile:nth-child(5) .tile-value").await,
        "1/6"
    );
    browser.keep_screenshot("olena-refused").await;
    browser.close().await;
}

#[tokio::test]
async fn the_same_flow_works_with_javascript_disabled() {
    let (_app, _driver, browser) = a_browser_at_a_fresh_app(false).await;
    browser.sign_in("marek").await;
    for (lang, expected) in [("es", "1/6"), ("fr", "0/6"), ("en", "1/6")] {
        browser.visit("", lang).await;
        browser
            .fill(
                "form-passage-scenario_store_rehearsal-note",
                "The file-local payload replays cleanly",
            )
            .await;
        browser
            .press("#form-passage-scenario_store_rehearsal button[type=submit]")
            .await;
        browser
            .wait_until_at(|u| u.fragment() == Some("item-passage-scenario_store_rehearsal"))
            .await;
        eventually(|| async {
            browser.text("#kpis .tile:nth-child(5) .tile-value").await == expected
        })
        .await;
        assert_eq!(browser.lang().await, lang);
        let leave = format!("{}/", browser.base);
        browser.client.goto(&leave).await.expect("leave");
    }
    browser.close().await;
}

#[tokio::test]
async fn anna_records_a_decision_and_a_no_go_in_french() {
    let (_app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
    browser.sign_in("anna").await;
    browser.open("", "fr").await;
    let tr = Lang::Fr.tr();
    let count = |ready: u32| tr.t2("section-count", "ready", ready, "total", 4u32);
    assert_eq!(
        browser.text("#infrastructure .section-count").await,
        count(0)
    );
    // The proposal is in the value field already; Anna gives her evidence and records it.
    browser
        .fill(
            "form-infrastructure-region-note",
            "Résidence des données confirmée avec le DPO",
        )
        .await;
    browser
        .press("#form-infrastructure-region button[type=submit]")
        .await;
    eventually(|| async { browser.text("#infrastructure .section-count").await == count(1) }).await;

    // NO-GO with a reason and her password: the page comes back showing it.
    let reason = "La restauration des sauvegardes n’a pas été répétée";
    browser.fill("signoff-reason", reason).await;
    browser.fill("signoff-nogo-password", "anna-go-no-go").await;
    browser
        .press("#signoff form:last-of-type button[type=submit]")
        .await;
    eventually(|| async { browser.text(".signoff-last").await.contains(reason) }).await;
    assert_eq!(browser.lang().await, "fr");
    browser.keep_screenshot("anna-no-go-fr").await;
    browser.assert_quiet().await;
    browser.close().await;
}

#[tokio::test]
async fn a_reviewer_follows_a_blocker_to_its_audit_events_and_verifies_the_chain() {
    let (app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
    // Marek accepted a passage check, then revoked it: still a blocker, with two events.
    crate::support::accept_then_revoke_role_headers(
        &app.db,
        "Headers verified on the gateway",
        "",
        "",
    )
    .await;
    browser.sign_in("reviewer").await;
    let tr = Lang::Fr.tr();

    browser.visit("/proof", "fr").await;
    browser.keep_screenshot("proof-fr").await;
    browser
        .press("a[href^='/t/bfg-control/items/passage.role_headers']")
        .await;
    browser
        .wait_until_at(|u| u.path() == "/t/bfg-control/items/passage.role_headers")
        .await;
    assert!(
        browser
            .text(".history")
            .await
            .contains("The gateway was reconfigured")
    );
    browser.keep_screenshot("item-fr").await;
    // The revocation's audit event, in the trail (#3, after the demo seed's and the
    // acceptance's).
    browser.press("a[href$='#e-3']").await;
    browser
        .wait_until_at(|u| u.path() == "/t/bfg-control/audit" && u.fragment() == Some("e-3"))
        .await;
    let row = browser.text("#e-3").await;
    assert!(row.contains(&tr.t("audit-action-revoke")), "{row}");
    assert!(row.contains("Marek Zielinski"), "{row}");
    // Verify the chain from the browser: htmx swaps in the verdict.
    browser.press("#audit-verify button").await;
    eventually(|| async {
        browser
            .text("#audit-verify .verdict")
            .await
            .contains(&tr.t("audit-verify-intact"))
    })
    .await;
    browser.keep_screenshot("audit-fr").await;
    browser.assert_quiet().await;
    browser.close().await;
}

/// The demo payload, as the dispatcher would choose it.
const DEMO_PAYLOAD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/demo/bfg-control-scenario.jsonl"
);

#[tokio::test]
async fn the_dispatcher_uploads_a_payload_sees_it_refused_by_line_then_imports_and_freezes_it() {
    let (app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
    browser.sign_in("marek").await;
    let tr = Lang::Es.tr();
    let files = tempfile::tempdir().expect("dir");
    let broken = files.path().join("payload-broken.jsonl");
    let payload = std::fs::read_to_string(DEMO_PAYLOAD).expect("demo payload");
    std::fs::write(&broken, payload.replacen("\"pallets\":", "\"palets\":", 1)).expect("write");

    browser.visit("/snapshot", "es").await;
    browser.upload(&broken.display().to_string()).await;
    eventually(|| async { browser.text(".scenario-problems").await.contains("palets") }).await;
    let problems = browser.text(".scenario-problems").await;
    assert!(
        problems.contains(&tr.t1("scenario-error-line", "line", 2u32)),
        "{problems}"
    );
    browser.keep_screenshot("snapshot-refused-es").await;
    assert_eq!(app.db.count_in_demo("scenario_imports").await, 0);

    browser.imports_and_freezes_the_demo_payload(Lang::Es).await;
    browser.keep_screenshot("snapshot-frozen-es").await;
    // The console moved: the preflight tile reads 2/5.
    browser.visit("", "es").await;
    assert_eq!(
        browser.text("#kpis .tile:nth-child(4) .tile-value").await,
        "2/5"
    );
    // The refused upload's 422 is the only complaint: no script error, no CSP violation.
    let log: Vec<String> = browser
        .severe_log_entries()
        .await
        .into_iter()
        .filter(|e| !e.contains("/snapshot/import?lang=es - Failed to load resource: the server responded with a status of 422"))
        .collect();
    assert_eq!(log, Vec::<String>::new());
    browser.close().await;
}

/// Writes `url` into a file of the folder the console reads secrets from: the `file:`
/// reference that names it as a rehearsal target (the file goes when the handle is dropped).
fn secret_file(url: &str) -> (tempfile::NamedTempFile, String) {
    crate::support::test_secrets();
    let secret = tempfile::NamedTempFile::new_in(crate::support::secrets_dir()).expect("file");
    std::fs::write(secret.path(), url).expect("write");
    let reference = format!("file:{}", secret.path().display());
    (secret, reference)
}

#[tokio::test]
async fn the_dispatcher_rehearses_against_a_healthy_target_from_the_page() {
    use readiness_console::db;
    let (app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
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
    let (_secret, reference) = secret_file(&crate::support::cluster().url(db::OWNER_ROLE, &name));
    // The snapshot is frozen (its own flow is tested elsewhere).
    crate::support::freeze_demo_snapshot(&app.db).await;

    browser.sign_in("marek").await;
    let tr = Lang::Fr.tr();
    // The first run names the target; each passes.
    for kind in ["connection", "gap", "dry_run"] {
        browser.rehearses(kind, &reference, Lang::Fr).await;
    }
    browser.keep_screenshot("rehearsal-fr").await;
    browser.visit("", "fr").await;
    assert_eq!(
        browser.text("#kpis .tile:nth-child(6) .tile-value").await,
        "4/4",
        "connection"
    );
    let dry_run = browser.text("#dry_run .section-count").await;
    assert_eq!(
        dry_run,
        tr.t2("section-count", "ready", 5u32, "total", 5u32),
        "dry-run"
    );
    browser.keep_screenshot("console-after-rehearsal-fr").await;
    browser.assert_quiet().await;
    browser.close().await;
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
    let (_app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
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
            browser.sign_in("anna").await;
        }
        // The People page is the managing director's.
        let people = signed_in.then_some("/people");
        for page in pages.into_iter().chain(people) {
            browser.visit(page, "en").await;
            for entry in browser.low_contrast().await {
                low.push(format!("{page}: {entry}"));
            }
        }
    }
    browser.close().await;
    assert!(low.is_empty(), "below 4.5:1:\n{}", low.join("\n"));
}

#[tokio::test]
async fn anna_signs_go_olena_withdraws_it_by_revoking_and_re_accepting_asks_for_a_new_signature() {
    let (app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
    app.db.make_all_green().await;

    // Anna signs GO through her form, with her password.
    browser.sign_in("anna").await;
    browser.signs_go_with("anna-go-no-go").await;
    eventually(|| async { browser.shows(".signature-standing").await }).await;
    browser.scroll_to("#decision .signature").await;
    browser.keep_screenshot("signature-go-en").await;
    browser.assert_legible("contrast at GO").await;

    // Olena's revoke form warns that it withdraws the GO; unticked, the browser sends nothing.
    browser.sign_out().await;
    browser.sign_in("olena").await;
    browser.open("", "es").await;
    let warning = browser
        .text("#form-passage-db_schema .withdraw-warning")
        .await;
    assert_eq!(
        warning,
        Lang::Es
            .tr()
            .t1("signature-confirm-warning", "owner", "Anna Kowalska")
    );
    browser.scroll_to("#item-passage-db_schema").await;
    browser
        .fill(
            "form-passage-db_schema-note",
            "La migración del esquema falló en la copia de staging",
        )
        .await;
    browser.keep_screenshot("signature-confirm-es").await;
    browser.assert_legible("contrast, confirming").await;
    browser
        .press("#form-passage-db_schema button[type=submit]")
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(browser.text(DECISION).await, "GO", "nothing was sent");
    assert_eq!(
        browser
            .eval(
                "return document.getElementById('form-passage-db_schema-confirm').validity.valueMissing"
            )
            .await,
        true
    );
    // Ticked, the revocation goes through in place and withdraws the signature.
    browser.press("#form-passage-db_schema-confirm").await;
    browser
        .press("#form-passage-db_schema button[type=submit]")
        .await;
    eventually(|| async { browser.text(DECISION).await == "BLOCKED_PENDING_PREFLIGHT" }).await;

    // In every language: the withdrawn signature, and no claim of GO.
    let revocation = crate::support::last_seq(&app.db, "revoke").await;
    browser
        .assert_withdrawn_in_every_language(&app, revocation, "signature-withdrawn")
        .await;
    // The print view and the proof page say the same.
    let withdrawn = crate::signature::withdrawn_line(&app, Lang::En, revocation).await;
    for page in ["print", "proof"] {
        browser.visit(&format!("/{page}"), "en").await;
        assert_eq!(browser.text(".signoff-last").await, withdrawn);
        browser
            .keep_screenshot(&format!("signature-withdrawn-{page}-en"))
            .await;
    }
    browser.visit("", "en").await;
    // The sentence's links lead to the event in the audit trail and to the item.
    browser
        .press("#decision .signoff-last a[href*='/audit']")
        .await;
    let event = format!("e-{revocation}");
    browser
        .wait_until_at(|u| u.fragment() == Some(event.as_str()))
        .await;
    assert!(browser.shows(&format!("#{event}")).await);
    browser.visit("/items/passage.db_schema", "en").await;
    assert_eq!(browser.text(".signoff-last").await, withdrawn);
    browser.keep_screenshot("signature-withdrawn-item-en").await;

    // Re-accepted: every gate is green again, and production waits for a new signature.
    browser
        .accepts_again(
            "passage.db_schema",
            "The schema migration passed on a fresh staging copy",
        )
        .await;
    assert_eq!(browser.text("#decision .signoff-last").await, withdrawn);
    assert_eq!(
        browser.text("#decision .decision-go strong").await,
        Lang::En.tr().t("decision-verdict-nogo")
    );
    browser.scroll_to("#decision .signature").await;
    browser.keep_screenshot("signature-reaccepted-en").await;
    browser.assert_quiet().await;
    browser.close().await;
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
    let (_app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
    let pages = [
        ("console", ""),
        ("proof", "/proof"),
        ("item", "/items/passage.role_headers"),
        ("audit", "/audit"),
        ("snapshot", "/snapshot"),
        ("rehearsal", "/rehearsal"),
        ("print", "/print"),
        ("sign-in", "/sign-in"),
        ("people", "/people"),
    ];
    let mut wide = Vec::new();
    for signed_in in [false, true] {
        if signed_in {
            browser.sign_in("anna").await;
        }
        for lang in Lang::ALL.map(|l| l.code()) {
            for (name, page) in pages {
                // The People page is the managing director's: a visitor is asked to sign in.
                if name == "people" && !signed_in {
                    continue;
                }
                for (device, width) in [("desktop", 1280), ("phone", 390)] {
                    let window = &browser.client;
                    window.set_window_size(width, 900).await.expect("resize");
                    browser.visit(page, lang).await;
                    assert_eq!(browser.lang().await, lang);
                    let found = browser.eval(OVERFLOW).await;
                    for entry in found.as_array().expect("a list") {
                        wide.push(format!(
                            "{page}?lang={lang} on a {device}: {}",
                            entry.as_str().unwrap_or_default()
                        ));
                    }
                    if std::env::var_os("SCREENSHOT_DIR").is_some() {
                        let height = browser
                            .eval("return document.documentElement.scrollHeight")
                            .await
                            .as_u64()
                            .unwrap_or(900);
                        let height = u32::try_from(height.min(12_000)).unwrap_or(900);
                        window.set_window_size(width, height).await.expect("resize");
                        let who = if signed_in { "anna" } else { "visitor" };
                        browser
                            .keep_screenshot(&format!("{name}-{lang}-{who}-{device}"))
                            .await;
                    }
                }
            }
        }
    }
    browser.assert_quiet().await;
    browser.close().await;
    assert!(
        wide.is_empty(),
        "wider than the window:\n{}",
        wide.join("\n")
    );
}

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
    browser: Browser,
    account: Account,
}

/// What the console's copilot names as the next thing to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextStep {
    /// A check or decision of this person (by username).
    Owner(&'static str),
    /// A probe only a rehearsal decides: the kind of run.
    Rehearsal(&'static str),
    /// The payload must be imported and frozen.
    FreezeSnapshot,
    /// Every gate is green: the managing director signs.
    SignOff,
}

/// The three people who own the demo's checks and decisions.
const OWNERS: [&str; 3] = ["anna", "marek", "olena"];

async fn signs_in_at_a_browser_of_their_own(
    driver: &Driver,
    base: &str,
    username: &'static str,
) -> Person {
    let browser = Browser::new(driver, base, true).await;
    browser.sign_in(username).await;
    let account = Account::named(username);
    Person { browser, account }
}

/// Reads the copilot's next action on the console (in English) and says which step it is.
async fn the_next_step_the_console_names(browser: &Browser) -> NextStep {
    let tr = Lang::En.tr();
    browser.open("", "en").await;
    let title = browser.text(".next-action .action-title").await;
    let who = browser.text(".next-action .action-who").await;
    if title == tr.t("action-title-signoff") {
        return NextStep::SignOff;
    }
    if let Some(owner) = OWNERS
        .into_iter()
        .find(|p| who.contains(&Account::named(p).name()))
    {
        return NextStep::Owner(owner);
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
async fn first_item_marked_mine(browser: &Browser) -> Option<OpenItem> {
    let found = browser
        .eval(
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
    async fn accepts_everything_the_console_marks_theirs(&self) {
        let browser = &self.browser;
        let name = self.account.name();
        browser.open("", "en").await;
        while let Some(OpenItem {
            item,
            form,
            label,
            value,
        }) = first_item_marked_mine(browser).await
        {
            if value.as_deref() == Some("") {
                let (_, choice) = ANNAS_CHOICES
                    .iter()
                    .find(|(id, _)| *id == form)
                    .unwrap_or_else(|| panic!("{name} has no value to decide “{label}”"));
                browser.fill(&format!("{form}-value"), choice).await;
            }
            let evidence = format!("{label}: checked by {name} on the staging copy");
            browser.fill(&format!("{form}-note"), &evidence).await;
            browser.press(&format!("#{form} button[type=submit]")).await;
            let still_open = format!(
                "const li = document.getElementById('{item}'); return !li || !!li.querySelector('.badge-mine')"
            );
            eventually(|| async { browser.eval(&still_open).await == false }).await;
        }
    }

    /// Revokes one of their checks, ticking the confirmation that it withdraws the GO.
    async fn revokes_confirming_the_withdrawal(&self, item: &str, reason: &str) {
        let browser = &self.browser;
        let form = format!("form-{}", item.replace('.', "-"));
        browser.open("", "en").await;
        assert_eq!(
            browser.text(&format!("#{form} .withdraw-warning")).await,
            Lang::En
                .tr()
                .t1("signature-confirm-warning", "owner", "Anna Kowalska")
        );
        browser.fill(&format!("{form}-note"), reason).await;
        browser.press(&format!("#{form}-confirm")).await;
        browser.press(&format!("#{form} button[type=submit]")).await;
        eventually(|| async {
            let code = browser.text(DECISION).await;
            !code.is_empty() && code != "GO"
        })
        .await;
    }
}

/// From the demo's seeded state to GO with nothing but the pages: the console's copilot names
/// the next step, and the person it names does it in their own browser — Marek imports and
/// freezes the payload and rehearses against a TLS target the operator named in a secret file,
/// each owner accepts what the console marks as theirs, Anna records her decisions and signs
/// GO. Olena's revocation then withdraws it in every language, and accepting again asks for a
/// new signature.
#[tokio::test]
async fn the_demo_reaches_go_through_the_pages_alone_and_a_revocation_withdraws_it() {
    // What the operator does outside the console: a target database over TLS with the runbook
    // applied, and its URL in a file of the secret folder.
    // (One after the other: the target's set-up blocks the thread, which would starve the
    // app's connections of their time limits.)
    let target = crate::rehearsal::tls_cluster().await;
    let app = TestApp::spawn().await;
    let (_secret, reference) = secret_file(&target.owner_url());

    let base = serve(&app).await;
    let driver = start_driver();
    let (anna, marek, olena) = tokio::join!(
        signs_in_at_a_browser_of_their_own(&driver, &base, "anna"),
        signs_in_at_a_browser_of_their_own(&driver, &base, "marek"),
        signs_in_at_a_browser_of_their_own(&driver, &base, "olena"),
    );
    let person = |username: &str| {
        [&anna, &marek, &olena]
            .into_iter()
            .find(|p| p.account.username == username)
            .expect("one of the three")
    };

    // Each step is done once: asked for again, the first time did not move the console, and
    // the test stops rather than loop.
    let mut done = Vec::new();
    loop {
        let step = the_next_step_the_console_names(&anna.browser).await;
        assert!(
            !done.contains(&step),
            "asked again for {step:?} after {done:?}"
        );
        match step {
            NextStep::SignOff => break,
            NextStep::Owner(username) => {
                person(username)
                    .accepts_everything_the_console_marks_theirs()
                    .await;
            }
            NextStep::Rehearsal(kind) => {
                marek.browser.rehearses(kind, &reference, Lang::En).await;
            }
            NextStep::FreezeSnapshot => {
                let browser = &marek.browser;
                browser.imports_and_freezes_the_demo_payload(Lang::En).await;
            }
        }
        done.push(step);
    }
    assert_eq!(anna.browser.text(DECISION).await, "BLOCKED_PENDING_SIGNOFF");

    // GO, in every language: the standing signature, legible.
    anna.browser.signs_go_with(anna.account.password).await;
    for lang in [Lang::Es, Lang::Fr, Lang::En] {
        let browser = &anna.browser;
        browser.open("", lang.code()).await;
        assert_eq!(browser.text(DECISION).await, "GO");
        assert_eq!(
            browser.text("#decision .decision-go strong").await,
            lang.tr().t("decision-verdict-go")
        );
        assert!(browser.shows("#decision .signature-standing").await);
        browser.scroll_to("#decision .signature").await;
        browser
            .keep_screenshot(&format!("e2e-go-{}", lang.code()))
            .await;
        browser.assert_legible("contrast at GO").await;
    }

    // Olena revokes the schema check; in every language the signature reads withdrawn and
    // nothing claims GO.
    olena
        .revokes_confirming_the_withdrawal(
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
    olena
        .browser
        .assert_withdrawn_in_every_language(&app, revocation, "e2e-withdrawn")
        .await;

    // Accepted again: every gate is green, and production waits for a new signature.
    olena
        .browser
        .accepts_again(
            "passage.db_schema",
            "The schema migration passed on a fresh staging copy",
        )
        .await;
    assert_eq!(
        olena.browser.text("#decision .signoff-last").await,
        crate::signature::withdrawn_line(&app, Lang::En, revocation).await
    );
    assert_eq!(
        olena.browser.text("#decision .decision-go strong").await,
        Lang::En.tr().t("decision-verdict-nogo")
    );
    for person in [&anna, &marek, &olena] {
        let problems = person.browser.severe_log_entries().await;
        assert!(
            problems.is_empty(),
            "{}'s console: {problems:?}",
            person.account.name()
        );
    }
    for person in [anna, marek, olena] {
        person.browser.close().await;
    }
}

impl Browser {
    /// Goes to `path` (with its query) of the served app.
    async fn go(&self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.client.goto(&url).await.expect("open");
    }
}

#[tokio::test]
async fn the_operator_creates_acme_whose_md_signs_in_then_suspends_resumes_and_deletes_it() {
    let app = TestApp::spawn_platform().await;
    let base = serve(&app).await;
    let driver = start_driver();
    let operator = Browser::new(&driver, &base, true).await;
    let md = Browser::new(&driver, &base, true).await;
    let password = "platform-operator-passphrase";
    let hash = readiness_console::password::hash(password).expect("hash");
    readiness_console::db::operators::create(&app.db.owner, "olga.ops", &hash)
        .await
        .expect("operator");

    // The list is behind the operator's sign-in.
    operator.go("/platform?lang=es").await;
    operator
        .wait_until_at(|u| u.path() == "/platform/sign-in")
        .await;
    operator.fill("username", "olga.ops").await;
    operator.fill("password", password).await;
    operator.press(".sign-in button[type=submit]").await;
    operator.wait_until_at(|u| u.path() == "/platform").await;
    assert_eq!(operator.lang().await, "es");
    assert_eq!(
        operator.text("#tenant-bfg-control .tenant-status").await,
        "activo"
    );
    // The health panel loads into the list once it is drawn.
    eventually(|| async { operator.shows("#health .health-checks").await }).await;
    assert_eq!(operator.text("#health .health-failing").await, "");
    operator.keep_screenshot("platform-list-es").await;

    // Create ACME; the one-time link is shown once.
    operator.fill("new-slug", "acme").await;
    operator.fill("new-name", "ACME Logistics").await;
    operator.fill("new-md-name", "Ana Costa").await;
    operator.fill("new-md-email", "ana@acme.example").await;
    operator
        .press("form[action^='/platform/tenants?'] button[type=submit]")
        .await;
    eventually(|| async { operator.shows("#invitation-link").await }).await;
    let link = operator.text("#invitation-link").await;
    assert!(link.contains("/t/acme/invite/rc_inv_"), "{link}");
    operator.keep_screenshot("platform-created-es").await;
    operator.assert_quiet().await;

    // The managing director's link: choose an account, land on ACME's sign-in, sign in.
    md.client.goto(&link).await.expect("open the link");
    md.fill("username", "ana").await;
    md.fill("password", "a long passphrase of ana").await;
    md.fill("password_again", "a long passphrase of ana").await;
    md.press(".sign-in button[type=submit]").await;
    md.wait_until_at(|u| u.path() == "/t/acme/sign-in").await;
    md.keep_screenshot("acme-sign-in").await;
    md.fill("username", "ana").await;
    md.fill("password", "a long passphrase of ana").await;
    md.press(".sign-in button[type=submit]").await;
    md.wait_until_at(|u| u.path() == "/t/acme").await;
    assert!(md.text(".account-who").await.contains("Ana Costa"));
    assert_eq!(md.text(DECISION).await, "BLOCKED_PENDING_DRY_RUN");
    md.assert_quiet().await;

    // Suspended: ACME's console says so, with the reason, in every language.
    operator.go("/platform?lang=es").await;
    operator
        .fill("reason-acme", "Factura pendiente de noviembre")
        .await;
    operator
        .press("form[action^='/platform/tenants/acme/suspend'] button")
        .await;
    eventually(|| async { operator.text("#tenant-acme .tenant-status").await == "suspendido" })
        .await;
    let titles = [
        ("es", "Esta consola está suspendida"),
        ("fr", "Cette console est suspendue"),
        ("en", "This console is suspended"),
        ("pt-BR", "Este console está suspenso"),
    ];
    for (lang, title) in titles {
        md.go(&format!("/t/acme?lang={lang}")).await;
        eventually(|| async { md.text("#error-title").await == title }).await;
        assert!(
            md.text("main")
                .await
                .contains("Factura pendiente de noviembre")
        );
        md.keep_screenshot(&format!("acme-suspended-{lang}")).await;
    }

    // Resumed: served again.
    operator.go("/platform?lang=es").await;
    operator
        .press("form[action^='/platform/tenants/acme/resume'] button")
        .await;
    eventually(|| async { operator.text("#tenant-acme .tenant-status").await == "activo" }).await;
    md.go("/t/acme?lang=en").await;
    eventually(|| async { md.text(DECISION).await == "BLOCKED_PENDING_DRY_RUN" }).await;

    // Deleted, confirmed by typing the slug: the console is gone.
    operator.fill("confirm-acme", "acme").await;
    operator
        .press("form[action^='/platform/tenants/acme/delete'] button")
        .await;
    eventually(|| async {
        operator.text("#tenant-acme .tenant-status").await == "en eliminación"
    })
    .await;
    operator.keep_screenshot("platform-deleted-es").await;
    md.go("/t/acme?lang=en").await;
    eventually(|| async { md.text("#error-title").await == "This console is being deleted" }).await;
    operator.close().await;
    md.close().await;
}

/// Olena opens her account page (in Portuguese), sees her two sessions, ends the other one
/// (a second browser), is refused a common password (in Spanish), and once her account is
/// disabled behind the page, her next request finds her signed out.
#[tokio::test]
async fn olena_ends_her_other_session_and_a_disabled_account_is_signed_out_at_its_next_request() {
    let (app, driver, browser) = a_browser_at_a_fresh_app(true).await;
    let other = Browser::new(&driver, &browser.base, true).await;
    browser.sign_in("olena").await;
    other.sign_in("olena").await;

    browser.visit("/account", "pt-BR").await;
    assert_eq!(browser.lang().await, "pt-BR");
    assert_eq!(
        browser
            .eval("return document.querySelectorAll('.account-sessions tbody tr').length")
            .await,
        2
    );
    browser.keep_screenshot("account-pt-BR").await;
    browser.press(".account-end button").await;
    eventually(|| async { browser.shows(".account-done").await }).await;
    other.visit("", "en").await;
    assert!(
        other.shows(".account-link").await,
        "the other session ended"
    );

    browser.assert_quiet().await;
    browser.visit("/account", "es").await;
    let olena = Account::named("olena");
    browser.fill("current", olena.password).await;
    browser.fill("password", "Password1234").await;
    browser.fill("password_again", "Password1234").await;
    browser.press(".account-password button").await;
    eventually(|| async { browser.shows("#account-password-error").await }).await;
    assert_eq!(
        browser.text("#account-password-error").await,
        Lang::Es.tr().t("invite-error-password-common")
    );
    browser.keep_screenshot("account-es-refused").await;
    // The refusal's 422 is logged by the browser: that one is expected.
    let logged = browser.severe_log_entries().await;
    assert!(logged.iter().all(|l| l.contains("422")), "{logged:?}");

    app.db
        .as_owner_in_demo(&format!(
            "update accounts set status = 'disabled' where actor_id = '{}'",
            olena.actor
        ))
        .await;
    eventually(|| async {
        browser.visit("", "fr").await;
        browser.shows(".account-link").await
    })
    .await;
    assert!(!browser.shows(".account-page").await);
    browser.keep_screenshot("account-disabled-fr").await;
    browser.assert_quiet().await;
    other.close().await;
    browser.close().await;
}

/// Single sign-on in Chromium, against the real `oidc-provider` (see `sso.rs`): in each
/// language, Irena — invited by email as a reviewer, in the `dispatch` group at the provider —
/// presses "Sign in with …", signs in on the provider's own page, and lands on the console
/// signed in, as the dispatcher; someone whose group maps to no role sees that failure's page.
#[tokio::test]
async fn a_person_signs_in_through_the_real_provider_in_chromium_in_every_language() {
    use crate::sso;
    let app = sso::app_with_public_url(None).await;
    let base = serve(&app).await;
    let provider =
        sso::Provider::start(&format!("{base}/t/bfg-control/sso/callback"), 0, "k1").await;
    sso::configure(&app, &provider.issuer(), None, true).await;
    sso::invite_irena(&app).await;
    let driver = start_driver();
    let cases = [
        (
            "es",
            "Iniciar sesión con 127.0.0.1",
            "Sus grupos no le dan ningún rol",
        ),
        (
            "fr",
            "Se connecter avec 127.0.0.1",
            "Vos groupes ne vous donnent aucun rôle",
        ),
        (
            "en",
            "Sign in with 127.0.0.1",
            "Your groups give no role in this console",
        ),
        (
            "pt-BR",
            "Entrar com 127.0.0.1",
            "Seus grupos não dão nenhum papel",
        ),
    ];
    for (code, button, unmapped) in cases {
        for (login, lands) in [("irena", true), ("canteen", false)] {
            let browser = Browser::new(&driver, &base, true).await;
            browser.visit("/sign-in", code).await;
            assert_eq!(browser.text(".sso-sign-in a").await, button);
            if login == "irena" {
                browser
                    .keep_screenshot(&format!("sso-sign-in-{code}"))
                    .await;
            }
            let shot = (login == "irena" && code == "en").then_some("sso-provider-login");
            browser
                .signs_in_at_the_provider(provider.port, login, shot)
                .await;
            if lands {
                eventually(|| async { browser.shows(".account-who").await }).await;
                let url = browser.client.current_url().await.expect("url");
                assert_eq!(url.path(), "/t/bfg-control");
                assert!(browser.text(".account-who").await.contains("Irena Kovac"));
                assert_eq!(browser.lang().await, code);
                browser
                    .keep_screenshot(&format!("sso-console-{code}"))
                    .await;
            } else {
                eventually(|| async { browser.shows(".sso-failure").await }).await;
                assert!(browser.text(".sso-failure h1").await.starts_with(unmapped));
                assert_eq!(browser.lang().await, code);
                browser
                    .keep_screenshot(&format!("sso-unmapped-{code}"))
                    .await;
            }
            // Nothing the console served was logged as an error (the provider's pages are not
            // ours; a failure page's own status is the one expected).
            let ours: Vec<String> = browser
                .severe_log_entries()
                .await
                .into_iter()
                .filter(|e| e.contains(&base))
                .filter(|e| lands || !e.contains("/sso/callback?"))
                .collect();
            assert!(ours.is_empty(), "browser console: {ours:?}");
            browser.close().await;
        }
    }
    let mut tx = app.db.demo_tx().await;
    let role: String = sqlx::query_scalar("select role from actors where actor_id = 'user_irena'")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(role, "dispatcher", "the role the group maps to");
}

/// The two-signature programme in Chromium: Anna signs GO and the console says "1 of 2
/// signatures" in the decision area and the sign-off panel, still NO-GO, in Spanish, French,
/// English and Brazilian Portuguese; then Bruno, a second managing director, signs the same
/// state and production is GO.
#[tokio::test]
async fn a_two_signature_programme_reaches_go_only_on_the_second_managing_directors_signature() {
    use crate::signatures::{BRUNO, add_second_managing_director, require_two_signatures};
    let (app, driver, anna) = a_browser_at_a_fresh_app(true).await;
    require_two_signatures(&app.db).await;
    add_second_managing_director(&app.db).await;
    app.db.make_all_green().await;
    let pt_br = Lang::from_tag("pt-BR").expect("pt-BR is spoken");
    let count = |lang: Lang, signed: u32| {
        lang.tr()
            .t2("signature-count", "signed", signed, "required", 2u32)
    };

    anna.sign_in("anna").await;
    anna.open("", "es").await;
    eventually(|| async { anna.text(DECISION).await == "BLOCKED_PENDING_SIGNOFF" }).await;
    assert_eq!(
        anna.text("#decision .decision-go .signature-count").await,
        count(Lang::Es, 0)
    );
    anna.fill("signoff-go-password", "anna-go-no-go").await;
    anna.press("#signoff form:first-of-type button[type=submit]")
        .await;
    eventually(|| async {
        anna.text("#decision .decision-go .signature-count").await == count(Lang::Es, 1)
    })
    .await;
    assert_eq!(anna.text(DECISION).await, "BLOCKED_PENDING_SIGNOFF");

    for lang in [Lang::Es, Lang::Fr, Lang::En, pt_br] {
        let tr = lang.tr();
        anna.open("", lang.code()).await;
        assert_eq!(anna.lang().await, lang.code());
        assert_eq!(anna.text(DECISION).await, "BLOCKED_PENDING_SIGNOFF");
        assert_eq!(
            anna.text("#decision .decision-go strong").await,
            tr.t("decision-verdict-nogo")
        );
        assert_eq!(
            anna.text("#decision .decision-go .signature-count").await,
            count(lang, 1)
        );
        assert!(anna.shows("#decision .signature-partial").await);
        assert_eq!(
            anna.text("#decision .signature .signature-count").await,
            count(lang, 1)
        );
        assert_eq!(
            anna.text("#decision .signature-badge").await,
            tr.t("signature-badge-partial")
        );
        assert!(
            anna.text("#decision .signature-signers")
                .await
                .contains("Anna Kowalska"),
            "{lang:?}: who signed"
        );
        // Her signature stands in place of her GO form.
        assert!(
            anna.text("#signoff .signoff-round")
                .await
                .contains(&count(lang, 1))
        );
        assert!(!anna.shows("#signoff input[name=decision][value=GO]").await);
        anna.scroll_to("#signoff").await;
        anna.keep_screenshot(&format!("two-signatures-partial-{}", lang.code()))
            .await;
        anna.assert_legible("contrast, one of two signatures").await;
    }
    anna.assert_quiet().await;

    // Bruno, in his own browser, signs the state Anna signed.
    let bruno = Browser::new(&driver, &anna.base, true).await;
    bruno.sign_in_as(BRUNO).await;
    bruno.open("", "fr").await;
    let cosign = Lang::Fr.tr().t_args(
        "signoff-cosign",
        &[
            ("signed", 1u32.into()),
            ("required", 2u32.into()),
            ("missing", 1u32.into()),
        ],
    );
    assert_eq!(bruno.text("#signoff .signoff-round").await, cosign);
    bruno.fill("signoff-go-password", BRUNO.password).await;
    bruno
        .press("#signoff form:first-of-type button[type=submit]")
        .await;
    eventually(|| async { bruno.text(DECISION).await == "GO" }).await;
    assert_eq!(
        bruno.text("#decision .decision-go strong").await,
        Lang::Fr.tr().t("decision-verdict-go")
    );
    assert_eq!(
        bruno.text("#decision .decision-go .signature-count").await,
        count(Lang::Fr, 2)
    );
    assert!(bruno.shows("#decision .signature-standing").await);
    let signers = bruno.text("#decision .signature-signers").await;
    assert!(
        signers.contains("Anna Kowalska") && signers.contains(crate::signatures::BRUNO_NAME),
        "{signers}"
    );
    bruno.scroll_to("#decision .signature").await;
    bruno.keep_screenshot("two-signatures-go-fr").await;
    for lang in [Lang::En, pt_br] {
        anna.open("", lang.code()).await;
        assert_eq!(anna.text(DECISION).await, "GO");
        assert_eq!(
            anna.text("#decision .decision-go .signature-count").await,
            count(lang, 2)
        );
        anna.scroll_to("#decision .decision-go").await;
        anna.keep_screenshot(&format!("two-signatures-go-{}", lang.code()))
            .await;
    }
    bruno.assert_quiet().await;
    anna.assert_quiet().await;
    bruno.close().await;
    anna.close().await;
}

impl Browser {
    /// Signs in through the form with any username and password.
    async fn sign_in_with(&self, username: &str, password: &str, lang: &str) {
        self.visit("/sign-in", lang).await;
        self.fill("username", username).await;
        self.fill("password", password).await;
        self.press(".sign-in button[type=submit]").await;
        self.wait_until_at(|u| !u.path().ends_with("sign-in")).await;
    }

    /// Chooses the option whose text is `label` in the `<select>` with this id, and sends its
    /// form.
    async fn choose_and_send(&self, id: &str, label: &str) {
        let chosen = self
            .eval(&format!(
                "const s = document.getElementById({id:?});
                 const o = [...s.options].find(o => o.textContent.trim() === {label:?});
                 if (!o) return false;
                 s.value = o.value; s.form.querySelector('button[type=submit]').click();
                 return true;"
            ))
            .await;
        assert_eq!(chosen, true, "{id} offers {label}");
    }
}

/// Issue 14's story, in each language: Anna opens People, invites Irena Kovac as dispatcher
/// and copies the link; Irena sets her password, signs in and has nothing to do yet; Anna
/// assigns her "Role headers mapped"; Irena's console marks it hers and she accepts it with
/// evidence; Marek's console no longer offers him the form.
#[tokio::test]
async fn anna_invites_irena_assigns_her_a_check_and_irena_accepts_it_while_marek_no_longer_can() {
    for lang in ["es", "fr", "en", "pt-BR"] {
        let tr = Lang::from_tag(lang).expect("a language").tr();
        let (_app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
        let shot = |name: &str| format!("people-{lang}-{name}");

        browser.sign_in("anna").await;
        browser.open("", lang).await;
        browser.press(".account a[href*='/people']").await;
        browser
            .wait_until_at(|u| u.path().ends_with("/people"))
            .await;
        assert_eq!(browser.lang().await, lang);
        browser.fill("invite-name", "Irena Kovac").await;
        browser
            .fill("invite-email", "irena.kovac@example.com")
            .await;
        browser
            .eval("document.getElementById('invite-role').value = 'dispatcher'; return null")
            .await;
        browser.press(".people-invite button[type=submit]").await;
        eventually(|| async { browser.shows("#people-link").await }).await;
        let link = browser.text("#people-link").await;
        assert!(link.contains("/invite/rc_inv_"), "{link}");
        assert!(browser.text(".people-link").await.contains(&tr.t1(
            "people-invited",
            "name",
            "Irena Kovac"
        )),);
        // The copy button shows where the browser has a clipboard, and says it copied.
        if browser.eval("return !!navigator.clipboard").await == true {
            browser.press("button.copy[data-copy='people-link']").await;
            eventually(|| async {
                browser.text("button.copy[data-copy='people-link']").await == tr.t("people-copied")
            })
            .await;
        }
        browser.scroll_to("#people-link").await;
        browser.keep_screenshot(&shot("invited")).await;
        browser.assert_quiet().await;
        browser.sign_out().await;

        // Irena opens her link, chooses her username and password, and signs in.
        browser
            .client
            .goto(&format!("{link}?lang={lang}"))
            .await
            .expect("open the link");
        let lead = browser.text(".sign-in p").await;
        assert!(lead.starts_with("Irena Kovac"), "{lead}");
        browser.fill("username", "irena").await;
        browser.fill("password", "irena-dispatch-2026").await;
        browser.fill("password_again", "irena-dispatch-2026").await;
        browser.keep_screenshot(&shot("accept")).await;
        browser.press(".sign-in button[type=submit]").await;
        browser
            .wait_until_at(|u| u.path().ends_with("sign-in"))
            .await;
        browser
            .sign_in_with("irena", "irena-dispatch-2026", lang)
            .await;
        browser.open("", lang).await;
        assert!(browser.text(".account-who").await.contains("Irena Kovac"));
        assert!(
            first_item_marked_mine(&browser).await.is_none(),
            "nothing to do yet"
        );
        browser.keep_screenshot(&shot("nothing-yet")).await;
        browser.sign_out().await;

        // Anna assigns her the check.
        browser.sign_in("anna").await;
        browser.open("/people", lang).await;
        browser
            .choose_and_send("assign-passage.role_headers", "Irena Kovac")
            .await;
        eventually(|| async { browser.shows(".people-done").await }).await;
        assert_eq!(
            browser.text(".people-done").await,
            tr.t("people-done-assigned")
        );
        browser.scroll_to("[id='owner-passage.role_headers']").await;
        browser.keep_screenshot(&shot("assigned")).await;
        browser.sign_out().await;

        // Irena's console marks it hers; she accepts it with evidence.
        browser
            .sign_in_with("irena", "irena-dispatch-2026", lang)
            .await;
        browser.open("", lang).await;
        let mine = first_item_marked_mine(&browser)
            .await
            .expect("an item of hers");
        assert_eq!(mine.form, "form-passage-role_headers");
        browser
            .fill(
                "form-passage-role_headers-note",
                "Role headers verified against the staging gateway",
            )
            .await;
        browser.scroll_to("#form-passage-role_headers").await;
        browser.keep_screenshot(&shot("hers")).await;
        browser
            .press("#form-passage-role_headers button[type=submit]")
            .await;
        eventually(|| async {
            browser
                .shows("form[action*='passage.role_headers/revoke']")
                .await
        })
        .await;
        browser.assert_quiet().await;
        browser.sign_out().await;

        // Marek no longer has the form.
        browser.sign_in("marek").await;
        browser.open("", lang).await;
        assert!(!browser.shows("#form-passage-role_headers").await);
        browser.scroll_to("#item-passage-role_headers").await;
        browser.keep_screenshot(&shot("marek")).await;
        browser.close().await;
    }
}

/// Irena Kovac, a dispatcher with an account of her own (straight in the database).
const IRENA: Account = Account {
    username: "irena",
    password: "irena-dispatch-2026",
    actor: "user_dispatcher_irena",
};

/// Issue 14's disabling, in each language: Irena's console is open in her own browser; Anna
/// disables her on the People page, which says so; Irena's next request finds her signed out,
/// and signing in again is refused; Anna enables her again, and she signs in. Each step is an
/// event of the chain, which still verifies.
#[tokio::test]
async fn anna_disables_irena_and_irenas_open_session_ends_on_her_next_request() {
    let (app, driver, anna) = a_browser_at_a_fresh_app(true).await;
    let hash = readiness_console::password::hash(IRENA.password).expect("hash");
    app.db
        .as_owner_in_demo(&format!(
            "insert into actors (tenant_id, actor_id, name, unit, role, email, position)
             values (current_setting('app.tenant_id')::uuid, '{}', 'Irena Kovac', 'Dispatch',
                     'dispatcher', 'irena@bfg.example', 98);
             insert into accounts (tenant_id, actor_id, username, password_hash)
             values (current_setting('app.tenant_id')::uuid, '{}', '{}', '{hash}');",
            IRENA.actor, IRENA.actor, IRENA.username
        ))
        .await;
    let irena = Browser::new(&driver, &anna.base, true).await;
    anna.sign_in("anna").await;
    let row = format!("#person-{}", IRENA.actor);
    for lang in Lang::ALL {
        let (code, tr) = (lang.code(), lang.tr());
        irena
            .sign_in_with(IRENA.username, IRENA.password, code)
            .await;
        irena.open("", code).await;
        assert!(irena.shows(".account-who").await, "{code}: Irena signed in");

        anna.open("/people", code).await;
        anna.press(&format!(
            "{row} form[action*='/{}/disable'] button",
            IRENA.actor
        ))
        .await;
        eventually(|| async {
            anna.text(&format!("{row} .person-status")).await == tr.t("people-status-disabled")
        })
        .await;
        anna.scroll_to(&row).await;
        anna.keep_screenshot(&format!("people-disabled-{code}"))
            .await;

        // Her next request: signed out, in her language.
        irena.open("", code).await;
        assert!(!irena.shows(".account-who").await, "{code}: signed out");
        assert_eq!(irena.text(".account-link").await, tr.t("account-sign-in"));
        irena.visit("/sign-in", code).await;
        irena.fill("username", IRENA.username).await;
        irena.fill("password", IRENA.password).await;
        irena.press(".sign-in button[type=submit]").await;
        eventually(|| async { irena.text(".form-error").await == tr.t("sign-in-failed") }).await;
        irena
            .keep_screenshot(&format!("people-disabled-irena-{code}"))
            .await;

        anna.press(&format!(
            "{row} form[action*='/{}/enable'] button",
            IRENA.actor
        ))
        .await;
        eventually(|| async {
            anna.text(&format!("{row} .person-status")).await == tr.t("people-status-active")
        })
        .await;
    }
    // (Irena's browser logs each refused sign-in's 401: that is the refusal.)
    anna.assert_quiet().await;
    let mut tx = app.db.demo_tx().await;
    let recorded: Vec<(String, String)> = sqlx::query_as(
        "select action, coalesce(actor_id, '') from audit_events
         where action in ('disable_account', 'enable_account') order by seq",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    drop(tx);
    assert_eq!(
        recorded,
        [
            ("disable_account", "user_md_anna"),
            ("enable_account", "user_md_anna")
        ]
        .repeat(4)
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect::<Vec<_>>()
    );
    assert!(matches!(
        crate::support::verify_chain(&app.db.app).await,
        Some(readiness_console::chain::Verification::Intact { .. })
    ));
    irena.close().await;
    anna.close().await;
}

/// Single sign-on's failures in Chromium, each its page in the reader's language, creating
/// nobody: a callback whose state this browser's sign-in never sent, a person the tenant does
/// not know (sign-up off), and an issuer that is down. (Each other
/// failure, and these, are also walked over HTTP in `sso.rs`.)
#[tokio::test]
async fn each_single_sign_on_failure_shows_its_page_in_chromium_in_every_language() {
    use crate::sso;
    let app = sso::app_with_public_url(None).await;
    let base = serve(&app).await;
    let provider =
        sso::Provider::start(&format!("{base}/t/bfg-control/sso/callback"), 0, "k1").await;
    sso::configure(&app, &provider.issuer(), None, true).await;
    let driver = start_driver();
    let people = app.db.count_in_demo("actors").await;
    let shows_failure = |browser: &Browser, lang: Lang, failure: &'static str| {
        let title = lang.tr().t(&format!("sso-failure-{failure}-title"));
        let body = lang.tr().t(&format!("sso-failure-{failure}-body"));
        let browser = browser.clone();
        async move {
            eventually(|| async { browser.shows(".sso-failure").await }).await;
            assert_eq!(browser.text(".sso-failure h1").await, title, "{failure}");
            assert!(
                browser.text(".sso-failure").await.contains(&body),
                "{failure}"
            );
            assert_eq!(browser.lang().await, lang.code());
            browser
                .keep_screenshot(&format!("sso-failure-{failure}-{}", lang.code()))
                .await;
        }
    };
    for lang in Lang::ALL {
        // A browser of its own each time: the provider would remember the last sign-in.
        let browser = Browser::new(&driver, &base, true).await;
        let forged = format!(
            "{base}/t/bfg-control/sso/callback?code=forged&state=forged&lang={}",
            lang.code()
        );
        browser.client.goto(&forged).await.expect("open");
        shows_failure(&browser, lang, "state").await;
        browser.visit("/sign-in", lang.code()).await;
        browser
            .signs_in_at_the_provider(provider.port, "stranger", None)
            .await;
        shows_failure(&browser, lang, "unknown").await;
        browser.close().await;
    }
    // An issuer that is down: nothing listens at its address (its discovery document was never
    // fetched, so nothing of it is kept).
    provider.stop().await;
    let down = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    sso::configure(&app, &format!("http://{down}"), None, true).await;
    let browser = Browser::new(&driver, &base, true).await;
    for lang in Lang::ALL {
        browser.visit("/sign-in", lang.code()).await;
        browser.press(".sso-sign-in a").await;
        shows_failure(&browser, lang, "unavailable").await;
    }
    assert_eq!(
        app.db.count_in_demo("actors").await,
        people,
        "nobody created"
    );
    browser.close().await;
}

/// The demo's readiness through the API.
const READINESS: &str = "/v1/tenants/bfg-control/readiness";

/// The status the API answers `GET` of [`READINESS`] with, for this key.
async fn readiness_status_with(base: &str, key: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{base}{READINESS}"))
        .bearer_auth(key)
        .send()
        .await
        .expect("the API answers")
        .status()
        .as_u16()
}

/// Whether the element this selector finds is within the window as the page stands (scrolled
/// where its address says).
async fn in_view(browser: &Browser, css: &str) -> bool {
    browser
        .eval(&format!(
            "const r = document.querySelector(\"{css}\").getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight"
        ))
        .await
        == true
}

/// The keys' story, in each language: Anna opens People and creates an attest key through the
/// form; the page shows it once, says so, and copies it; the key reads the decision. Back on
/// the page it is listed by its beginning only; she revokes it, the page says it no longer
/// works, and the API refuses it.
#[tokio::test]
async fn anna_creates_an_api_key_sees_it_once_then_revokes_it_and_it_stops_working() {
    let (_app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
    browser.sign_in("anna").await;
    // Each language with another of the form's expiries.
    for (lang, expiry) in Lang::ALL.into_iter().zip(["30", "90", "365", "never"]) {
        let (code, tr) = (lang.code(), lang.tr());
        let name = format!("ci-{}", code.to_lowercase());
        let shot = |what: &str| format!("api-key-{code}-{what}");
        let window = &browser.client;
        window.set_window_size(1280, 900).await.expect("resize");

        browser.open("", code).await;
        browser.press(".account a[href*='/people']").await;
        browser
            .wait_until_at(|u| u.path().ends_with("/people"))
            .await;
        assert_eq!(browser.lang().await, code);
        browser.fill("key-name", &name).await;
        browser
            .eval(&format!(
                "document.getElementById('key-scope').value = 'attest';
                 document.getElementById('key-expires').value = '{expiry}'; return null"
            ))
            .await;
        browser.press(".people-key-form button[type=submit]").await;
        eventually(|| async { browser.shows("#people-link").await }).await;

        // The key, shown this once where the keys are, and the page says so in her language.
        assert!(in_view(&browser, "#people-link").await, "{code}");
        let key = browser.text("#people-link").await;
        assert!(key.starts_with("rc_key_"), "{key}");
        let shown = browser.text(".people-link").await;
        let scope = tr.t("people-keys-scope-attest");
        let made = tr.t2("people-keys-made", "name", name.as_str(), "scope", scope);
        assert!(shown.contains(&made), "{shown}");
        // Until when it works: the expiry its row lists, or until it is revoked.
        let expires = browser
            .text(&format!("#key-{name} td:nth-of-type(4)"))
            .await;
        let until = if expiry == "never" {
            assert_eq!(expires, tr.t("people-keys-expires-never"));
            tr.t("people-keys-until-never")
        } else {
            tr.t1("people-keys-until", "date", expires)
        };
        assert_eq!(browser.text(".people-link .help").await, until);
        let copy = "button.copy[data-copy='people-link']";
        if browser.eval("return !!navigator.clipboard").await == true {
            assert_eq!(browser.text(copy).await, tr.t("people-keys-copy"));
            browser.press(copy).await;
            eventually(|| async { browser.text(copy).await == tr.t("people-copied") }).await;
        }
        browser.scroll_to("#people-link").await;
        browser.keep_screenshot(&shot("shown")).await;
        browser.assert_legible("a key shown once").await;
        assert_eq!(readiness_status_with(&browser.base, &key).await, 200);

        // Listed by its beginning, never in full.
        browser.open("/people", code).await;
        let row = format!("#key-{name}");
        let begins = browser.text(&format!("{row} .key-begins")).await;
        let start = begins.strip_suffix('…').expect("a beginning, then …");
        assert!(
            start.starts_with("rc_key_") && key.starts_with(start),
            "{begins}"
        );
        assert!(start.len() < key.len());
        let page = browser
            .eval("return document.documentElement.outerHTML")
            .await;
        assert!(!page.as_str().unwrap_or_default().contains(&key));
        assert!(!browser.shows("#people-link").await);
        browser.scroll_to(&row).await;
        browser.keep_screenshot(&shot("listed")).await;
        window.set_window_size(390, 900).await.expect("resize");
        let found = browser.eval(OVERFLOW).await;
        assert_eq!(found, json!([]), "the keys on a phone in {code}");
        // Nor does anything held in a scrolling table widen the page (a hidden label would).
        let sideways = "return document.documentElement.scrollWidth
                                > document.documentElement.clientWidth";
        assert_eq!(browser.eval(sideways).await, false, "{code}");
        browser.scroll_to(&row).await;
        browser.keep_screenshot(&shot("listed-phone")).await;
        window.set_window_size(1280, 900).await.expect("resize");

        // Revoked: the page says it no longer works, and the API refuses it.
        browser
            .press(&format!("{row} form button[type=submit]"))
            .await;
        eventually(|| async {
            browser.text(".people-done").await == tr.t("people-done-key_revoked")
        })
        .await;
        assert_eq!(browser.lang().await, code);
        assert!(in_view(&browser, ".people-done").await, "{code}");
        assert!(!browser.shows(&row).await);
        browser.keep_screenshot(&shot("revoked")).await;
        assert_eq!(readiness_status_with(&browser.base, &key).await, 401);
        browser.assert_quiet().await;
    }
    browser.close().await;
}

/// The API reference at `/v1/docs` in Chromium: Swagger UI draws the console's document under
/// the page's own CSP — its title, the readiness operation, its stylesheet applied — and the
/// browser logs no error and no CSP violation.
#[tokio::test]
async fn the_api_reference_renders_in_chromium_under_its_csp() {
    let (_app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
    for (width, device) in [(1280, "desktop"), (390, "phone")] {
        let window = &browser.client;
        window.set_window_size(width, 900).await.expect("resize");
        window
            .goto(&format!("{}/v1/docs", browser.base))
            .await
            .expect("open");
        eventually(|| async {
            browser
                .text(".swagger-ui .info .title")
                .await
                .contains("Readiness Console API")
        })
        .await;
        let readiness = ".opblock-summary-path[data-path='/v1/tenants/{slug}/readiness']";
        eventually(|| async { browser.shows(readiness).await }).await;
        assert_eq!(
            browser.text(&format!("{readiness} a span")).await,
            "/v1/tenants/{slug}/readiness"
        );
        // The stylesheet applies: the GET badge is Swagger UI's blue and the title its size.
        let styled = browser
            .eval(
                "const get = document.querySelector('.opblock-get .opblock-summary-method');
                 const title = document.querySelector('.swagger-ui .info .title');
                 return [getComputedStyle(get).backgroundColor,
                         getComputedStyle(title).fontSize];",
            )
            .await;
        assert_eq!(styled, json!(["rgb(97, 175, 254)", "36px"]));
        browser.keep_screenshot(&format!("api-docs-{device}")).await;
        // An operation opens in place.
        browser.press(readiness).await;
        let open = ".opblock-get.is-open .responses-wrapper";
        eventually(|| async { browser.shows(open).await }).await;
        browser.scroll_to(open).await;
        browser
            .keep_screenshot(&format!("api-docs-{device}-open"))
            .await;
        browser.assert_quiet().await;
    }
    browser.close().await;
}

/// Anna's inbox after Olena accepted a check while she was away, in Spanish, French, English
/// and Brazilian Portuguese: the badge counts what waits on her, "since your last visit" names
/// Olena's acceptance, nothing overflows a desktop or a phone, every text is legible; then the
/// `state` event the live console sends makes the badge fetch its fragment and count one
/// fewer, without a reload. With SCREENSHOT_DIR set, keeps each page whole.
#[tokio::test]
async fn annas_inbox_in_four_languages_and_its_badge_refreshing_on_a_state_event() {
    use readiness_console::readiness::catalogue::actors::{ANNA, OLENA};
    let (app, _driver, browser) = a_browser_at_a_fresh_app(true).await;
    browser.sign_in("anna").await;
    app.db
        .writer(OLENA)
        .accept("passage.db_schema", 0, "The column was added and checked.")
        .await
        .expect("Olena accepts");
    browser.sign_out().await;
    browser.sign_in("anna").await;

    browser
        .fits_everywhere(
            "inbox",
            "/inbox",
            &["es", "fr", "en", "pt-BR"],
            async |lang| {
                assert_eq!(browser.text("#inbox-badge .inbox-count").await, "12");
                assert_eq!(
                    browser
                        .eval("return document.querySelectorAll('.inbox-entry').length")
                        .await,
                    12
                );
                assert_eq!(
                    browser.text(".inbox-who").await,
                    format!(
                        "Olena Shevchenko · {}",
                        Lang::from_tag(lang).expect(lang).tr().t("unit-finance")
                    )
                );
            },
        )
        .await;

    // Anna accepts one of hers elsewhere; the event live updates send refreshes the badge.
    browser.open("/inbox", "en").await;
    app.db
        .writer(ANNA)
        .accept(
            "passage.contracts_frozen",
            0,
            "Contracts frozen and checked.",
        )
        .await
        .expect("Anna accepts");
    // The live console's `state` event (over the page's event stream) refreshes the badge.
    // The pages opened before it went to the back-forward cache with their streams closed
    // (static/live.js): this one's requests are not stalled behind them.
    for _ in 0..50 {
        if browser.text("#inbox-badge .inbox-count").await == "11" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(browser.text("#inbox-badge .inbox-count").await, "11");
    // The count in words is for screen readers, in a polite live region: not drawn.
    assert_eq!(
        browser
            .eval(
                "const l = document.querySelector('.inbox-nav .visually-hidden');
                 return [l.textContent, l.getBoundingClientRect().width <= 1,
                         l.closest('[aria-live]').getAttribute('aria-live')]"
            )
            .await,
        json!(["11 items waiting on you", true, "polite"])
    );
    browser.keep_screenshot("inbox-en-badge-refreshed").await;
    browser.assert_quiet().await;
    browser.close().await;
}

/// The webhooks page in Chromium: Anna adds an endpoint through the form (the secret shown
/// once), a delivered event and a dead one are listed with their last answer, in Spanish,
/// French, English and Brazilian Portuguese, legible and within a desktop and a phone; she
/// retries the dead one. With SCREENSHOT_DIR set, keeps each page whole.
#[tokio::test]
async fn anna_adds_a_webhook_and_reads_its_deliveries_in_four_languages() {
    use crate::webhooks::{Mode, Receiver, until};
    use readiness_console::db::outbox::DeliveryStatus;
    let mut config = crate::support::test_config();
    config.webhooks.allow_private = true;
    let app = TestApp::spawn_with(&config, crate::support::test_clock().clone()).await;
    let base = serve(&app).await;
    let driver = start_driver();
    let browser = Browser::new(&driver, &base, true).await;
    let receiver = Receiver::start().await;
    let worker = readiness_console::webhook::Worker::start(
        app.db.app.clone(),
        &receiver.settings(Duration::from_secs(2)),
        crate::support::test_key().clone(),
        crate::support::test_clock().clone(),
    )
    .expect("the worker");
    browser.sign_in("anna").await;
    browser.open("/webhooks", "en").await;
    browser.fill("webhook-url", &receiver.url).await;
    browser.press("#ev-item\\.accepted").await;
    browser.press("#ev-item\\.revoked").await;
    browser.press(".webhooks-form button[type='submit']").await;
    eventually(|| async { browser.shows("#people-link").await }).await;
    let secret = browser.text("#people-link").await;
    assert!(secret.starts_with("whsec_"), "{secret}");
    browser.keep_screenshot("webhooks-en-secret-once").await;

    // One delivered, one dead (the receiver failing through every try of the app's clock is
    // the webhook tests' business: here the dead row is made so directly).
    let marek = app.db.writer("user_dispatcher_marek");
    marek
        .accept("passage.role_headers", 0, "Headers checked at the gateway")
        .await
        .expect("accept");
    until(&app.db.app, "the delivery", |d| {
        d.iter().any(|d| d.status == DeliveryStatus::Delivered)
    })
    .await;
    receiver.set(Mode::Fail);
    marek
        .revoke("passage.role_headers", 1, "The gateway was reconfigured")
        .await
        .expect("revoke");
    until(&app.db.app, "the failed try", |d| {
        d.iter().any(|d| d.last_status == Some(500))
    })
    .await;
    app.db
        .as_owner_in_demo(
            "update webhook_deliveries set status = 'dead', tries = 6 where last_status = 500",
        )
        .await;

    browser
        .fits_everywhere(
            "webhooks",
            "/webhooks",
            &["es", "fr", "en", "pt-BR"],
            async |lang| {
                let tr = Lang::from_tag(lang).expect(lang).tr();
                assert_eq!(
                    browser.text(".status-delivered").await,
                    tr.t("webhooks-status-delivered")
                );
                assert_eq!(
                    browser.text(".status-dead").await,
                    tr.t("webhooks-status-dead")
                );
                assert!(
                    !browser
                        .eval("return document.body.innerText.includes('whsec_')")
                        .await
                        .as_bool()
                        .unwrap_or(true)
                );
            },
        )
        .await;

    // The dead one, retried from the page once the receiver is back, is delivered.
    receiver.set(Mode::Ok);
    browser.open("/webhooks", "en").await;
    browser.press(".delivery-dead button[type='submit']").await;
    until(&app.db.app, "the retried delivery", |d| {
        d.iter().all(|d| d.status == DeliveryStatus::Delivered)
    })
    .await;
    browser.open("/webhooks", "en").await;
    assert!(!browser.shows(".status-dead").await);
    browser.assert_quiet().await;
    browser.close().await;
    worker.stop(Duration::from_secs(5)).await;
}
