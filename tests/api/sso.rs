//! Single sign-on against a real OpenID provider — npm's `oidc-provider`, configured by
//! `tests/oidc/provider.mjs` and installed by `scripts/test` — started by each test on a free
//! port: the happy path (an invited person linked by email, then by `sub`, the role following
//! the group), sign-up, password sign-in turned off, and each failure as its page, creating
//! nothing: among them ID tokens the provider itself spoils (for another client, expired, with
//! a bad signature), and a claim that would demote the last managing director.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use readiness_console::clock::Clock;
use readiness_console::config::ServeConfig;
use readiness_console::db;
use readiness_console::i18n::Lang;
use readiness_console::readiness::sso::{SsoSettings, TypedSettings};
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

use crate::support::{Client, Page, TestApp, test_config};

/// The console's public address in these tests (the router is called in process).
pub const CONSOLE: &str = "http://console.test";
/// The client secret: the value of `env:CARGO_PKG_NAME`, which the tests' policy allows.
pub const SECRET: &str = env!("CARGO_PKG_NAME");
/// The client id the console is registered with.
pub const CLIENT_ID: &str = "readiness-console";

fn modules() -> PathBuf {
    let dir = std::env::var_os("OIDC_MODULES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/oidc/node_modules"),
        PathBuf::from,
    );
    assert!(
        dir.join("oidc-provider/package.json").is_file(),
        "oidc-provider is not installed under {}: run scripts/test, which installs it",
        dir.display()
    );
    dir
}

/// The people the provider knows: login (their `sub`) → their claims.
pub fn people() -> Value {
    json!({
        "irena": { "email": "Irena.Kovac@acme.example", "name": "Irena Kovac", "groups": ["dispatch"] },
        "canteen": { "email": "cook@acme.example", "name": "Cook", "groups": ["canteen"] },
        "stranger": { "email": "new.person@acme.example", "name": "New Person", "groups": ["dispatch"] },
        "anna": { "email": "Anna.Kowalska@bfg.example", "name": "Anna Kowalska", "groups": ["readiness-md"] },
    })
}

/// A running `oidc-provider`, stopped when dropped.
pub struct Provider {
    child: tokio::process::Child,
    pub port: u16,
    /// The file its people are read from, at each sign-in.
    pub accounts: tempfile::NamedTempFile,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// How a provider started with [`Provider::tampering`] spoils its token endpoint's answer
/// (`OIDC_TAMPER` of `tests/oidc/provider.mjs`).
#[derive(Debug, Clone, Copy)]
pub enum Tamper {
    /// The ID token re-signed with the provider's key, for another client.
    Audience,
    /// Re-signed, expired an hour ago.
    Expired,
    /// Its signature's bytes flipped.
    Signature,
}

impl Tamper {
    fn as_str(self) -> &'static str {
        match self {
            Self::Audience => "audience",
            Self::Expired => "expired",
            Self::Signature => "signature",
        }
    }
}

impl Provider {
    /// Starts a provider whose one client is the console, coming back to `redirect_uri`; on
    /// `port` (0: a free one); signing with a fresh key whose id is `kid`.
    pub async fn start(redirect_uri: &str, port: u16, kid: &str) -> Self {
        Self::spawn(redirect_uri, port, kid, None).await
    }

    /// Starts a provider as [`Provider::start`] does, on a free port, whose token endpoint
    /// answers with the ID token spoiled as `tamper` says.
    pub async fn tampering(redirect_uri: &str, tamper: Tamper) -> Self {
        Self::spawn(redirect_uri, 0, "k1", Some(tamper)).await
    }

    async fn spawn(redirect_uri: &str, port: u16, kid: &str, tamper: Option<Tamper>) -> Self {
        let port = if port == 0 {
            std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .expect("free port")
        } else {
            port
        };
        let clients = json!([{
            "client_id": CLIENT_ID,
            "client_secret": SECRET,
            "redirect_uris": [redirect_uri],
        }]);
        let accounts = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(accounts.path(), people().to_string()).unwrap();
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc/provider.mjs");
        let mut child = tokio::process::Command::new("node")
            .arg(script)
            .env("OIDC_MODULES", modules())
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_CLIENTS", clients.to_string())
            .env("OIDC_ACCOUNTS", accounts.path())
            .env("OIDC_KID", kid)
            .env("OIDC_TAMPER", tamper.map_or("", Tamper::as_str))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("node is installed (scripts/test installs it)");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let ready = tokio::time::timeout(Duration::from_secs(20), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if line.starts_with("ready ") {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(ready, Ok(true), "oidc-provider started");
        Self {
            child,
            port,
            accounts,
        }
    }

    /// Changes the groups of `login` at the provider.
    pub fn set_groups(&self, login: &str, groups: &[&str]) {
        let mut people = people();
        people[login]["groups"] = json!(groups);
        std::fs::write(self.accounts.path(), people.to_string()).unwrap();
    }

    /// Its issuer URL.
    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops it, and waits until it has.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// The test app, allowed to reach a provider on loopback, its public address [`CONSOLE`].
pub async fn app_with(clock: Clock) -> TestApp {
    let config = ServeConfig {
        oidc_allow_private: true,
        public_url: Some(CONSOLE.into()),
        ..test_config()
    };
    TestApp::spawn_with(&config, clock).await
}

/// The test app, allowed to reach a provider on loopback, its public address `public_url`
/// (`None`: the request's `Host`, as a browser on a socket sends it).
pub async fn app_with_public_url(public_url: Option<&str>) -> TestApp {
    let config = ServeConfig {
        oidc_allow_private: true,
        public_url: public_url.map(str::to_owned),
        ..test_config()
    };
    TestApp::spawn_with(&config, Clock::system()).await
}

/// Sets the demo tenant's identity provider, as `tenant sso` does.
pub async fn configure(app: &TestApp, issuer: &str, sign_up: Option<&str>, password: bool) {
    let maps = [
        "readiness-md=managing_director".to_owned(),
        "dispatch=dispatcher".to_owned(),
    ];
    let settings = SsoSettings::parse(&TypedSettings {
        issuer,
        client_id: CLIENT_ID,
        client_secret_ref: "env:CARGO_PKG_NAME",
        role_claim: "groups",
        mappings: &maps,
        allow_sign_up: sign_up.is_some(),
        default_role: sign_up,
        password_sign_in: password,
    })
    .unwrap();
    assert!(
        db::sso::configure(&app.db.owner, "bfg-control", &settings)
            .await
            .unwrap()
    );
}

/// Irena, invited by email as a reviewer, without an account yet.
pub async fn invite_irena(app: &TestApp) {
    app.db
        .as_owner_in_demo(
            "insert into actors (tenant_id, actor_id, name, unit, role, email, position)
             select id, 'user_irena', 'Irena Kovac', 'Dispatch', 'reviewer',
                    'irena.kovac@acme.example', 99
             from tenants where slug = 'bfg-control'",
        )
        .await;
}

/// A browser's side of the provider: it keeps the provider's cookies, follows nothing.
pub struct ProviderBrowser {
    http: reqwest::Client,
    cookies: BTreeMap<String, String>,
}

impl ProviderBrowser {
    pub fn new() -> Self {
        Self {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> (u16, String, String) {
        let cookie = crate::support::cookie_header(&self.cookies);
        let response = request.header("cookie", cookie).send().await.unwrap();
        for value in response.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, response.text().await.unwrap())
    }

    /// Signs in as `login` at the authorization URL the console sent the browser to; the URL
    /// the provider sends the browser back to.
    pub async fn sign_in(&mut self, authorize: &str, login: &str) -> String {
        let origin = authorize.split("/auth").next().unwrap().to_owned();
        let absolute = |l: &str| {
            if l.starts_with('/') {
                format!("{origin}{l}")
            } else {
                l.to_owned()
            }
        };
        let mut url = authorize.to_owned();
        for _ in 0..10 {
            let (status, location, body) = self.send(self.http.get(&url)).await;
            if status == 200 && body.contains("name=\"login\"") {
                let action = body
                    .split("action=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .expect("the login form's action");
                let form = [("prompt", "login"), ("login", login), ("password", "any")];
                let (status, location, _) = self
                    .send(self.http.post(absolute(action)).form(&form))
                    .await;
                assert_eq!(status, 303, "the provider took the login");
                url = absolute(&location);
                continue;
            }
            assert!(
                (300..400).contains(&status),
                "the provider answered {status}: {body}"
            );
            if !location.starts_with(&origin) && location.starts_with("http") {
                return location;
            }
            url = absolute(&location);
        }
        panic!("the provider never sent the browser back");
    }
}

/// Starts a sign-in at the console: the provider's authorization URL it redirects to.
pub async fn begin(client: &mut Client, lang: &str) -> String {
    let page = client.get(&format!("/t/bfg-control/sso?lang={lang}")).await;
    assert_eq!(page.status, 303, "{}", page.body);
    page.header("location").to_owned()
}

/// A fresh reader starts a sign-in in `lang`, and `login` signs in at the provider: the reader,
/// and the provider's redirect back to the console (not followed yet).
pub async fn sent_back(router: &axum::Router, lang: &str, login: &str) -> (Client, String) {
    let mut client = Client::new(router);
    let authorize = begin(&mut client, lang).await;
    let callback = ProviderBrowser::new().sign_in(&authorize, login).await;
    (client, callback)
}

/// The `state` parameter of a URL.
fn state_of(url: &str) -> &str {
    url.split("state=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
}

/// Follows the provider's redirect back to the console.
pub async fn come_back(client: &mut Client, callback: &str) -> Page {
    let path = callback
        .strip_prefix(CONSOLE)
        .unwrap_or_else(|| panic!("{callback} is the console's"));
    client.get(path).await
}

async fn count(app: &TestApp, table: &str) -> i64 {
    app.db.count_in_demo(table).await
}

async fn actor_row(app: &TestApp, actor: &str) -> (String, Option<String>, String) {
    let mut tx = app.db.demo_tx().await;
    sqlx::query_as(
        "select p.role, a.oidc_sub, a.username from actors p join accounts a using (tenant_id, actor_id)
         where actor_id = $1",
    )
    .bind(actor)
    .fetch_one(&mut *tx)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_invited_person_signs_in_through_the_provider_and_their_group_gives_their_role() {
    let app = app_with(Clock::system()).await;
    let provider = Provider::start(&format!("{CONSOLE}/t/bfg-control/sso/callback"), 0, "k1").await;
    configure(&app, &provider.issuer(), None, true).await;
    invite_irena(&app).await;

    let sign_in = app.get("/t/bfg-control/sign-in?lang=en", &[]).await;
    assert!(
        sign_in.body.contains("Sign in with 127.0.0.1"),
        "{}",
        sign_in.body
    );
    assert!(sign_in.body.contains("name=\"password\""));

    let mut client = Client::new(&app.router);
    let authorize = begin(&mut client, "en").await;
    assert!(
        authorize.contains("code_challenge_method=S256"),
        "{authorize}"
    );
    assert!(authorize.contains("nonce="), "{authorize}");
    let mut browser = ProviderBrowser::new();
    let callback = browser.sign_in(&authorize, "irena").await;
    let landed = come_back(&mut client, &callback).await;
    assert_eq!(landed.status, 303, "{}", landed.body);
    assert_eq!(landed.header("location"), "/t/bfg-control?lang=en");
    let console = client.get("/t/bfg-control?lang=en").await;
    assert!(console.body.contains("Irena Kovac"), "signed in as Irena");
    let (role, sub, username) = actor_row(&app, "user_irena").await;
    assert_eq!(
        (role.as_str(), sub.as_deref(), username.as_str()),
        ("dispatcher", Some("irena"), "irena.kovac")
    );

    // A new group at the provider: found by `sub`, and now the managing director.
    provider.set_groups("irena", &["staff", "readiness-md"]);
    let mut again = Client::new(&app.router);
    let authorize = begin(&mut again, "en").await;
    let callback = ProviderBrowser::new().sign_in(&authorize, "irena").await;
    assert_eq!(come_back(&mut again, &callback).await.status, 303);
    let (role, _, _) = actor_row(&app, "user_irena").await;
    assert_eq!(role, "managing_director");
    assert_eq!(count(&app, "accounts").await, 7, "one account added, once");
    // The chain says so: linked, given the role her group maps to, signed in; then, her group
    // changed, her new role and her second sign-in; each by her, and the chain verifies.
    assert_eq!(
        sso_events(&app).await,
        [
            ("link_identity", "user_irena"),
            ("change_role", "user_irena:dispatcher"),
            ("sign_in", "user_irena"),
            ("change_role", "user_irena:managing_director"),
            ("sign_in", "user_irena"),
        ]
        .map(|(a, t)| (a.to_owned(), t.to_owned(), "user_irena".to_owned()))
    );
    assert!(matches!(
        crate::support::verify_chain(&app.db.app).await,
        Some(readiness_console::chain::Verification::Intact { .. })
    ));
}

/// The audit events after the demo seed's: (action, target, actor).
async fn sso_events(app: &TestApp) -> Vec<(String, String, String)> {
    let mut tx = app.db.demo_tx().await;
    sqlx::query_as(
        "select action, target, coalesce(actor_id, '') from audit_events where seq > 1
         order by seq",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap()
}

#[tokio::test]
async fn each_failure_is_its_page_in_the_readers_language_and_creates_nothing() {
    let clock = Clock::fixed(crate::support::test_clock().now());
    let app = app_with(clock.clone()).await;
    let provider = Provider::start(&format!("{CONSOLE}/t/bfg-control/sso/callback"), 0, "k1").await;
    configure(&app, &provider.issuer(), None, true).await;
    invite_irena(&app).await;
    let accounts = count(&app, "accounts").await;
    let actors = count(&app, "actors").await;
    let refused = |page: &Page, status: u16, title: &str| {
        assert_eq!(page.status, status, "{title}: {}", page.body);
        assert!(page.body.contains(title), "{title}: {}", page.body);
    };

    // A wrong state.
    let (mut client, callback) = sent_back(&app.router, "es", "irena").await;
    let forged = callback.replace("state=", "state=x");
    let page = come_back(&mut client, &forged).await;
    refused(&page, 403, "Este enlace de inicio de sesión ha caducado");
    // The state is spent with that attempt: the genuine answer, replayed, is refused too.
    let page = come_back(&mut client, &callback).await;
    refused(&page, 403, "Este enlace de inicio de sesión ha caducado");

    // A code used once already, brought back with a fresh state.
    let (mut client, callback) = sent_back(&app.router, "fr", "canteen").await;
    let page = come_back(&mut client, &callback).await;
    refused(&page, 403, "Vos groupes ne vous donnent aucun rôle");
    let fresh = begin(&mut client, "fr").await;
    let replayed = callback.replace(state_of(&callback), state_of(&fresh));
    let page = come_back(&mut client, &replayed).await;
    refused(&page, 400, "Le code de connexion a été refusé");

    // Somebody nobody invited, with sign-up off.
    let (mut client, callback) = sent_back(&app.router, "pt-BR", "stranger").await;
    let page = come_back(&mut client, &callback).await;
    refused(&page, 401, "Este console ainda não conhece você");

    // An ID token that expired before it came back (the console's clock moved on).
    let (mut client, callback) = sent_back(&app.router, "en", "irena").await;
    clock.advance(time::Duration::hours(2));
    let page = come_back(&mut client, &callback).await;
    refused(&page, 401, "The identity token has expired");
    clock.advance(time::Duration::hours(-2));

    // A token signed with another key under the same key id: the provider restarted on the
    // same address with new keys, while the console holds the keys it discovered.
    let mut client = Client::new(&app.router);
    let authorize = begin(&mut client, "en").await;
    let port = provider.port;
    provider.stop().await;
    let impostor =
        Provider::start(&format!("{CONSOLE}/t/bfg-control/sso/callback"), port, "k1").await;
    let callback = ProviderBrowser::new().sign_in(&authorize, "irena").await;
    let page = come_back(&mut client, &callback).await;
    refused(&page, 401, "The identity token could not be verified");

    // The provider is down.
    impostor.stop().await;
    let mut client = Client::new(&app.router);
    let page = client.get("/t/bfg-control/sso?lang=en").await;
    // The keys were forgotten after the bad signature: discovery is asked again, and fails.
    refused(&page, 502, "The identity provider cannot be reached");

    assert_eq!(
        count(&app, "accounts").await,
        accounts,
        "no account created"
    );
    assert_eq!(count(&app, "actors").await, actors, "nobody created");
}

#[tokio::test]
async fn with_sign_up_a_newcomer_gets_an_account_and_without_passwords_the_form_is_gone() {
    let app = app_with(Clock::system()).await;
    let provider = Provider::start(&format!("{CONSOLE}/t/bfg-control/sso/callback"), 0, "k1").await;
    configure(&app, &provider.issuer(), Some("reviewer"), false).await;

    let sign_in = app.get("/t/bfg-control/sign-in?lang=fr", &[]).await;
    assert!(sign_in.body.contains("Se connecter avec 127.0.0.1"));
    assert!(
        !sign_in.body.contains("name=\"password\""),
        "no password form"
    );
    // The password form's POST, with a valid token, is refused all the same.
    let mut marek = Client::new(&app.router);
    marek.get("/t/bfg-control/sign-in?lang=en").await;
    let token = marek.cookie("sign-in").expect("the form's token");
    let form = [
        ("username", "marek"),
        ("password", "marek-dispatch"),
        ("csrf", token.as_str()),
    ];
    let refused = marek
        .post("/t/bfg-control/sign-in?lang=en", &form, &[])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("signs in through its identity provider only")
    );

    // Unmapped groups get the default role; mapped ones their role.
    let (mut client, callback) = sent_back(&app.router, "en", "canteen").await;
    assert_eq!(come_back(&mut client, &callback).await.status, 303);
    let (mut client, callback) = sent_back(&app.router, "en", "stranger").await;
    assert_eq!(come_back(&mut client, &callback).await.status, 303);
    let mut tx = app.db.demo_tx().await;
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "select p.email, p.role, a.username from actors p join accounts a using (tenant_id, actor_id)
         where a.oidc_sub is not null order by p.email",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            ("cook@acme.example".into(), "reviewer".into(), "cook".into()),
            (
                "new.person@acme.example".into(),
                "dispatcher".into(),
                "new.person".into()
            ),
        ]
    );
    drop(tx);
    let signed_up: Vec<String> = sso_events(&app)
        .await
        .into_iter()
        .filter(|(action, target, actor)| action == "sign_up" && target == actor)
        .map(|(_, target, _)| target)
        .collect();
    assert_eq!(signed_up.len(), 2, "each newcomer's sign-up is an event");
}

/// What a refused sign-in must leave as it was: (accounts, accounts linked to the provider,
/// actors, sign-ins, audit events).
async fn footprint(app: &TestApp) -> (i64, i64, i64, i64, i64) {
    let mut tx = app.db.demo_tx().await;
    sqlx::query_as(
        "select (select count(*) from accounts), (select count(*) from accounts where oidc_sub is not null),
                (select count(*) from actors), (select count(*) from sign_ins),
                (select count(*) from audit_events)",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap()
}

/// The page of `failure` in `lang`, as its reader sees it: its title and body, and the way
/// back to the sign-in page.
fn is_the_page_of(page: &Page, lang: Lang, failure: &str) {
    let messages = crate::locales::messages(lang.code());
    let shown = crate::support::html_unescape(&page.body);
    for part in ["title", "body"] {
        let id = format!("sso-failure-{failure}-{part}");
        let text = messages
            .get(&id)
            .unwrap_or_else(|| panic!("{lang:?} has {id}"));
        assert!(shown.contains(text.as_str()), "{lang:?} {id}: {shown}");
    }
    assert!(
        page.body.contains(&format!(
            "href=\"/t/bfg-control/sign-in?lang={}\"",
            lang.code()
        )),
        "back to the sign-in page: {}",
        page.body
    );
}

/// A provider whose token endpoint spoils the ID token as `tamper` says: Irena (invited) and
/// a stranger (with sign-up on) each sign in at the provider, in every language, and each time
/// the console answers `status` with the page of `failure` and creates nothing — no account,
/// no link to the provider, no person, no sign-in, no session, no event.
async fn a_spoiled_id_token_is_refused(tamper: Tamper, status: u16, failure: &str, english: &str) {
    let app = app_with(Clock::system()).await;
    let provider =
        Provider::tampering(&format!("{CONSOLE}/t/bfg-control/sso/callback"), tamper).await;
    configure(&app, &provider.issuer(), Some("reviewer"), true).await;
    invite_irena(&app).await;
    let before = footprint(&app).await;
    for lang in Lang::ALL {
        for login in ["irena", "stranger"] {
            let mut client = Client::new(&app.router);
            let authorize = begin(&mut client, lang.code()).await;
            let callback = ProviderBrowser::new().sign_in(&authorize, login).await;
            let page = come_back(&mut client, &callback).await;
            assert_eq!(page.status, status, "{lang:?} {login}: {}", page.body);
            is_the_page_of(&page, lang, failure);
            if lang == Lang::En {
                assert!(page.body.contains(english), "{}", page.body);
            }
            // Not signed in: the pages that need a session still ask for one.
            let account = client.get("/t/bfg-control/account?lang=en").await;
            assert_eq!(account.status, 303, "{login} has no session");
            assert!(
                account
                    .header("location")
                    .contains("/t/bfg-control/sign-in"),
                "{login} is sent to sign in: {}",
                account.header("location")
            );
        }
    }
    assert_eq!(footprint(&app).await, before, "nothing created");
    let (role, account): (String, Option<String>) = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_as(
            "select p.role, a.actor_id from actors p left join accounts a using (tenant_id, actor_id)
             where p.actor_id = 'user_irena'",
        )
        .fetch_one(&mut *tx)
        .await
        .unwrap()
    };
    assert_eq!(
        (role.as_str(), account),
        ("reviewer", None),
        "Irena as invited"
    );
}

#[tokio::test]
async fn an_id_token_for_another_client_is_refused_and_creates_nothing() {
    a_spoiled_id_token_is_refused(
        Tamper::Audience,
        401,
        "audience",
        "The identity token is not for this console",
    )
    .await;
}

#[tokio::test]
async fn an_expired_id_token_is_refused_and_creates_nothing() {
    a_spoiled_id_token_is_refused(
        Tamper::Expired,
        401,
        "expired",
        "The identity token has expired",
    )
    .await;
}

#[tokio::test]
async fn an_id_token_with_a_bad_signature_is_refused_and_creates_nothing() {
    a_spoiled_id_token_is_refused(
        Tamper::Signature,
        401,
        "signature",
        "The identity token could not be verified",
    )
    .await;
}

/// Anna, the demo's one managing director, signs in at the provider (her email known to the
/// tenant): the answer.
async fn anna_comes_back(app: &TestApp, lang: &str) -> Page {
    let (mut client, callback) = sent_back(&app.router, lang, "anna").await;
    come_back(&mut client, &callback).await
}

/// Anna's role, and whether her account is linked to the provider.
async fn anna_is(app: &TestApp) -> (String, bool) {
    let (role, sub, _) = actor_row(app, "user_md_anna").await;
    (role, sub.is_some())
}

#[tokio::test]
async fn a_claim_that_would_demote_the_last_managing_director_is_refused_and_changes_nothing() {
    let app = app_with(Clock::system()).await;
    let provider = Provider::start(&format!("{CONSOLE}/t/bfg-control/sso/callback"), 0, "k1").await;
    configure(&app, &provider.issuer(), None, true).await;
    app.db
        .as_owner_in_demo(
            "update actors set email = 'anna.kowalska@bfg.example' where actor_id = 'user_md_anna'",
        )
        .await;
    let unchanged = footprint(&app).await;

    // Her first sign-in through the provider, in a dispatchers' group: her account is not even
    // linked.
    provider.set_groups("anna", &["dispatch"]);
    let page = anna_comes_back(&app, "fr").await;
    assert_eq!(page.status, 403, "{}", page.body);
    is_the_page_of(&page, Lang::Fr, "last_director");
    assert!(
        page.body
            .contains("Votre nouveau rôle laisserait cette console sans direction générale")
    );
    assert_eq!(anna_is(&app).await, ("managing_director".into(), false));
    assert_eq!(footprint(&app).await, unchanged, "nothing written");

    // In the directors' group she is linked and signs in; moved to dispatch, she is refused,
    // her role unchanged, in every language.
    provider.set_groups("anna", &["readiness-md"]);
    assert_eq!(anna_comes_back(&app, "en").await.status, 303);
    assert_eq!(anna_is(&app).await, ("managing_director".into(), true));
    provider.set_groups("anna", &["dispatch"]);
    let linked = footprint(&app).await;
    for lang in Lang::ALL {
        let page = anna_comes_back(&app, lang.code()).await;
        assert_eq!(page.status, 403, "{}", page.body);
        is_the_page_of(&page, lang, "last_director");
    }
    assert_eq!(anna_is(&app).await, ("managing_director".into(), true));
    assert_eq!(footprint(&app).await, linked, "no sign-in, no event");

    // With a second active director, the same claim demotes her: the rule, not a refusal of
    // every demotion.
    app.db
        .as_owner_in_demo(
            "update actors set role = 'managing_director' where actor_id = 'user_accountant_olena'",
        )
        .await;
    assert_eq!(anna_comes_back(&app, "en").await.status, 303);
    assert_eq!(anna_is(&app).await, ("dispatcher".into(), true));
    let events = sso_events(&app).await;
    assert_eq!(
        events[events.len() - 2..],
        [
            ("change_role", "user_md_anna:dispatcher"),
            ("sign_in", "user_md_anna"),
        ]
        .map(|(a, t)| (a.to_owned(), t.to_owned(), "user_md_anna".to_owned()))
    );
}
