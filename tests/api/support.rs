//! Test harness: one throwaway PostgreSQL cluster per test run, a fresh database per test, the
//! real router.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use readiness_console::chain::Verification;
use readiness_console::checkpoint::CheckpointKey;
use readiness_console::clock::Clock;
use readiness_console::config::ServeConfig;
use readiness_console::db::{self, embedded::EmbeddedPostgres};
use readiness_console::web::{self, AppState};
use sqlx::PgPool;
use tower::ServiceExt;

/// The demo tenant's console.
pub const CONSOLE: &str = "/t/bfg-control";

/// The cluster, started once per test process. A watcher process stops it when we exit.
pub fn cluster() -> &'static EmbeddedPostgres {
    static CLUSTER: OnceLock<EmbeddedPostgres> = OnceLock::new();
    CLUSTER.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("test-pg");
        let pg =
            EmbeddedPostgres::open(&dir, vec!["fsync=off".into(), "max_connections=300".into()])
                .expect("open the test cluster");
        pg.start().expect("start the test cluster");
        let stop = pg.stop_command_line().join(" ");
        let watcher = format!(
            "tail --pid={} -f /dev/null; {stop} >/dev/null 2>&1",
            std::process::id()
        );
        spawn_watcher(&watcher);
        drop_stale_databases(&pg);
        pg
    })
}

#[expect(
    clippy::zombie_processes,
    reason = "the watcher outlives this process to stop the cluster after it"
)]
fn spawn_watcher(script: &str) {
    Command::new("sh")
        .args(["-c", script])
        .spawn()
        .expect("spawn the cluster watcher");
}

/// Databases of earlier runs are dropped when a run starts (this run's are kept for
/// inspection until the next one), and the roles are made once, before any test creates a
/// database (made concurrently, two tests could both find a role missing).
fn drop_stale_databases(pg: &EmbeddedPostgres) {
    let url = pg.url(db::embedded::SUPERUSER, "postgres");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let pool = db::connect(&url, 1).await.expect("connect as superuser");
            db::bootstrap_roles(&pool).await.expect("roles");
            let stale: Vec<String> = sqlx::query_scalar(
                "select datname::text from pg_database where datname like 't\\_%'",
            )
            .fetch_all(&pool)
            .await
            .expect("list databases");
            for name in stale {
                sqlx::raw_sql(&format!("drop database if exists \"{name}\" with (force)"))
                    .execute(&pool)
                    .await
                    .expect("drop a stale database");
            }
        });
    })
    .join()
    .expect("cleanup thread");
}

/// A fresh database with the schema and the demo tenant, and pools for both roles.
pub struct TestDb {
    /// The owner role: for changing rows behind the app's back.
    pub owner: PgPool,
    /// The app role.
    pub app: PgPool,
}

impl TestDb {
    pub async fn new() -> Self {
        let owner = Self::empty().await;
        db::migrate(&owner).await.expect("migrate");
        db::seed_demo(&owner, test_key(), test_clock())
            .await
            .expect("seed");
        let options = owner.connect_options();
        let database = options.get_database().expect("database name").to_owned();
        let app = db::connect(&cluster().url(db::APP_ROLE, &database), 4)
            .await
            .expect("connect as app");
        Self { owner, app }
    }

    /// A fresh, empty database, as the owner role.
    pub async fn empty() -> PgPool {
        let pg = cluster();
        let superuser = db::connect(&pg.url(db::embedded::SUPERUSER, "postgres"), 1)
            .await
            .expect("connect as superuser");
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        db::create_database(&superuser, &name)
            .await
            .expect("create the test database");
        superuser.close().await;
        db::connect(&pg.url(db::OWNER_ROLE, &name), 2)
            .await
            .expect("connect as owner")
    }

    /// Accepts every owner check and decision, passes every probe and freezes a populated
    /// snapshot, straight in the database: every gate green, not yet signed.
    pub async fn make_all_green(&self) {
        self.as_owner_in_demo(
            "insert into acceptances (tenant_id, item_key, actor_id, value, evidence_note)
             select tenant_id, key, coalesce(owner_actor_id, 'user_md_anna'), 'accepted', 'evidence'
             from catalogue_items where kind in ('owner_check', 'decision')
               and key <> 'decision_board.adapter_selection';
             insert into probe_results (tenant_id, item_key, passed, found)
             select tenant_id, key, true, expected from catalogue_items where kind = 'probe';
             insert into scenario_snapshots (tenant_id, version, rows, checksum, batch_rows)
             values (current_setting('app.tenant_id')::uuid, 1, 300, 'bfg-0011aabb',
                     '{\"operations\": 180, \"finance\": 80, \"audit\": 40}');",
        )
        .await;
    }

    /// A transaction as the owner inside the demo tenant, for reading (or trying to change)
    /// what the tenant holds.
    pub async fn demo_tx(&self) -> sqlx::Transaction<'static, sqlx::Postgres> {
        let mut tx = self.owner.begin().await.expect("begin");
        sqlx::query(
            "select set_config('app.tenant_id', (select id::text from tenants where slug = 'bfg-control'), true)",
        )
        .execute(&mut *tx)
        .await
        .expect("enter tenant");
        tx
    }

    /// Counts the demo tenant's rows of `table`.
    pub async fn count_in_demo(&self, table: &str) -> i64 {
        let mut tx = self.demo_tx().await;
        sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&mut *tx)
            .await
            .expect("count")
    }

    /// Runs `sql` as the owner inside the demo tenant (the tables force row-level security).
    pub async fn as_owner_in_demo(&self, sql: &str) {
        let mut tx = self.owner.begin().await.expect("begin");
        sqlx::query(
            "select set_config('app.tenant_id', (select id::text from tenants where slug = 'bfg-control'), true)",
        )
        .execute(&mut *tx)
        .await
        .expect("enter tenant");
        sqlx::raw_sql(sql).execute(&mut *tx).await.expect(sql);
        tx.commit().await.expect("commit");
    }
}

/// The app over a fresh database, with its cache listener running.
pub struct TestApp {
    pub db: TestDb,
    pub router: Router,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(&test_config(), test_clock().clone()).await
    }

    /// The app configured by `config` and telling the time by `clock` (the demo tenant is
    /// seeded by the system's).
    pub async fn spawn_with(config: &ServeConfig, clock: Clock) -> Self {
        let db = TestDb::new().await;
        let state = AppState::new(db.app.clone(), test_key().clone(), config, clock);
        state.spawn_listener();
        let router = web::app(state);
        Self { db, router }
    }

    /// GET with extra headers.
    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        get(&self.router, path, headers).await
    }
}

/// GET through a router with extra headers, without cookies; the status, headers and body.
/// Where the tests' secret references may point: files under `secrets/` of the test
/// scratch folder, and the variables cargo sets for its package (`CARGO_PKG_NAME` is set and
/// holds no URL).
pub fn test_secrets() -> &'static std::sync::Arc<readiness_console::rehearsal::SecretPolicy> {
    static POLICY: OnceLock<std::sync::Arc<readiness_console::rehearsal::SecretPolicy>> =
        OnceLock::new();
    POLICY.get_or_init(|| {
        std::fs::create_dir_all(secrets_dir()).expect("the secrets folder");
        std::sync::Arc::new(readiness_console::rehearsal::SecretPolicy {
            dirs: vec![secrets_dir()],
            env_prefix: "CARGO_PKG_".into(),
        })
    })
}

/// The folder the tests keep target URLs in.
pub fn secrets_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("secrets")
}

/// What every test app is configured with: the defaults, and the tests' secret folder.
pub fn test_config() -> ServeConfig {
    ServeConfig {
        secrets: test_secrets().clone(),
        ..ServeConfig::default()
    }
}

/// The clock of every test app that does not fix its own ([`TestApp::spawn_with`]): the system's,
/// since tests compare what the app recorded with dates they read themselves.
pub fn test_clock() -> &'static Clock {
    static CLOCK: Clock = Clock::system();
    &CLOCK
}

/// The signing key of every test app (a fixed seed: tests compare public keys).
pub fn test_key() -> &'static std::sync::Arc<CheckpointKey> {
    static KEY: OnceLock<std::sync::Arc<CheckpointKey>> = OnceLock::new();
    KEY.get_or_init(|| std::sync::Arc::new(CheckpointKey::from_seed([42; 32])))
}

/// Marek accepts `passage.role_headers` with this evidence, then revokes it ("The gateway was
/// reconfigured"): the item stays open, with an acceptance, a revocation and two audit events.
pub async fn accept_then_revoke_role_headers(db: &TestDb, note: &str, url: &str, checksum: &str) {
    use readiness_console::db::write::{self, CheckCommand};
    use readiness_console::readiness::evidence::{Evidence, EvidenceNote};
    let accept = CheckCommand::Accept(Evidence::parse(note, url, checksum).expect("evidence"));
    let revoke =
        CheckCommand::Revoke(EvidenceNote::parse("The gateway was reconfigured").expect("note"));
    for (version, command) in [(0, accept), (1, revoke)] {
        write::owner_check(
            &db.app,
            &marek(),
            "passage.role_headers",
            version,
            uuid::Uuid::new_v4(),
            &command,
        )
        .await
        .expect("write");
    }
}

/// Marek, writing straight through the database layer.
pub fn marek() -> readiness_console::db::write::Author<'static> {
    readiness_console::db::write::Author {
        tenant: "bfg-control",
        actor: "user_dispatcher_marek",
        request_id: "test",
        key: test_key(),
        clock: test_clock(),
    }
}

/// The demo payload (`demo/bfg-control-scenario.jsonl`), imported by Marek and frozen.
pub async fn freeze_demo_snapshot(db: &TestDb) {
    use readiness_console::readiness::scenario;
    let demo = include_bytes!("../../demo/bfg-control-scenario.jsonl");
    let parsed = scenario::parse(demo, "bfg-control").expect("the demo payload");
    let upload = db::snapshot::Upload {
        sha256: "0000000000000000000000000000000000000000000000000000000000000000",
        bytes: demo.len(),
    };
    db::snapshot::import(&db.app, &marek(), uuid::Uuid::new_v4(), upload, &parsed)
        .await
        .expect("import");
    let import = db::snapshot::history(&db.app, "bfg-control")
        .await
        .expect("history")
        .imports[0]
        .id;
    db::snapshot::freeze(&db.app, &marek(), uuid::Uuid::new_v4(), import)
        .await
        .expect("freeze");
}

/// Verifies the demo tenant's chain under the test key.
pub async fn verify_chain(pool: &PgPool) -> Option<Verification> {
    db::audit::verify(pool, "bfg-control", Some(&test_key().public_hex()), &[])
        .await
        .unwrap()
}

pub async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Page {
    Client::new(router)
        .send(Request::get(path), Body::empty(), headers)
        .await
}

/// An answer.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The text of every element whose class list starts with `class`, in document order (the
    /// templates put each such value alone in its element).
    pub fn texts(&self, class: &str) -> Vec<String> {
        let marker = format!("class=\"{class}");
        self.body
            .match_indices(&marker)
            .filter(|(at, m)| matches!(self.body.as_bytes().get(at + m.len()), Some(b'"' | b' ')))
            .filter_map(|(at, _)| {
                let rest = &self.body[at..];
                let start = rest.find('>')? + 1;
                let end = rest[start..].find('<')? + start;
                Some(html_unescape(rest[start..end].trim()))
            })
            .collect()
    }

    pub fn text(&self, class: &str) -> String {
        self.texts(class).into_iter().next().unwrap_or_default()
    }
}

/// The text of an HTML text node, unescaped.
pub fn html_unescape(s: &str) -> String {
    s.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Polls `check` until it holds (the cache learns of direct database changes through NOTIFY,
/// which arrives a moment after the commit). Fails after five seconds.
pub async fn eventually<F, Fut>(mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..100 {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("condition not reached within five seconds");
}

/// Signs in through the form; the client keeps the session.
pub async fn signed_in(app: &TestApp, username: &str, password: &str) -> Client {
    let mut client = Client::new(&app.router);
    let form = client.get(&format!("{CONSOLE}/sign-in?lang=en")).await;
    let csrf = form.input_after("<form", "csrf");
    let done = client
        .post(
            &format!("{CONSOLE}/sign-in?lang=en"),
            &[
                ("username", username),
                ("password", password),
                ("csrf", &csrf),
            ],
            &[],
        )
        .await;
    assert_eq!(done.status, 303, "{username} signs in: {}", done.body);
    client
}

/// Every byte but unreserved ASCII as `%XX`.
pub fn percent_encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                char::from(*b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A client that keeps its cookies, like a browser session, over the real router.
pub struct Client {
    router: Router,
    cookies: std::collections::BTreeMap<String, String>,
}

impl Client {
    pub fn new(router: &Router) -> Self {
        Self {
            router: router.clone(),
            cookies: std::collections::BTreeMap::new(),
        }
    }

    /// The value of a cookie this client holds.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.get(name).cloned()
    }

    /// Replaces a cookie (to replay an old session id).
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_owned(), value.to_owned());
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.send(Request::get(path), Body::empty(), &[]).await
    }

    /// POST a form, with extra headers (e.g. `hx-request`, `origin`).
    pub async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let form: Vec<(&str, &[u8])> = form.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
        self.post_bytes(path, &form, headers).await
    }

    /// POST a form whose values are raw bytes (each percent-encoded as it is), for input no
    /// browser would send: invalid UTF-8, control characters.
    pub async fn post_bytes(
        &mut self,
        path: &str,
        form: &[(&str, &[u8])],
        headers: &[(&str, &str)],
    ) -> Page {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k.as_bytes()), percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let request =
            Request::post(path).header("content-type", "application/x-www-form-urlencoded");
        self.send(request, Body::from(body), headers).await
    }

    /// POST `multipart/form-data`: text fields and one file.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &[u8]),
        headers: &[(&str, &str)],
    ) -> Page {
        let boundary = "----readiness-test-boundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\ncontent-disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        let (name, filename, bytes) = file;
        body.extend_from_slice(
            format!(
                "--{boundary}\r\ncontent-disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\ncontent-type: application/x-ndjson\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("content-length", body.len().to_string());
        self.send(request, Body::from(body), headers).await
    }

    async fn send(
        &mut self,
        mut request: axum::http::request::Builder,
        body: Body,
        headers: &[(&str, &str)],
    ) -> Page {
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            request = request.header("cookie", cookie);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(body).expect("request"))
            .await
            .expect("infallible");
        for value in response.headers().get_all("set-cookie") {
            let text = value.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let expired = text.contains("Max-Age=0") || value.is_empty();
                if expired {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }
}

impl Page {
    /// The value of the first `name="…" value="…"` input after `after` in the body.
    pub fn input_after(&self, after: &str, name: &str) -> String {
        let start = self.body.find(after).unwrap_or(0);
        let rest = &self.body[start..];
        let marker = format!("name=\"{name}\" value=\"");
        let at = rest.find(&marker).map(|i| i + marker.len()).unwrap_or(0);
        rest[at..].split('"').next().unwrap_or_default().to_owned()
    }
}
