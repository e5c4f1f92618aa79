//! Test harness: one throwaway PostgreSQL cluster per test run, a fresh database per test, the
//! real router.

use std::future::{Future, IntoFuture};
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::pin::Pin;
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
use readiness_console::db::write::{self, Author, CheckCommand, Written};
use readiness_console::db::{self, embedded::EmbeddedPostgres};
use readiness_console::i18n::Lang;
use readiness_console::readiness::demo;
use readiness_console::readiness::evidence::{DecisionValue, Evidence, EvidenceNote};
use readiness_console::web::{self, AppState};
use sqlx::PgPool;
use tower::ServiceExt;

/// The demo tenant's console.
pub const CONSOLE: &str = "/t/bfg-control";

/// The header htmx sends with every request it makes.
pub const HTMX: &[(&str, &str)] = &[("hx-request", "true")];

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
        in_demo(&self.owner).await.0
    }

    /// A transaction as the app role inside the demo tenant, and the tenant's id: what the app
    /// itself may do there.
    pub async fn app_tx(&self) -> (sqlx::Transaction<'static, sqlx::Postgres>, uuid::Uuid) {
        in_demo(&self.app).await
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
        let mut tx = self.demo_tx().await;
        sqlx::raw_sql(sql).execute(&mut *tx).await.expect(sql);
        tx.commit().await.expect("commit");
    }

    /// Suspends the demo tenant behind the platform's back (as the owner), for an overdue
    /// invoice.
    pub async fn suspend_demo(&self) {
        sqlx::query(
            "update tenants set status = 'suspended', suspended_reason = 'Invoice overdue.'
             where slug = 'bfg-control'",
        )
        .execute(&self.owner)
        .await
        .expect("suspend");
    }

    /// `actor`, writing straight through the database layer as the handlers do.
    pub fn writer(&self, actor: &'static str) -> Writer<'_> {
        Writer::new(&self.app, actor)
    }

    /// The URL of this database as the app role.
    pub fn app_url(&self) -> String {
        let database = self.app.connect_options();
        let name = database.get_database().expect("database name");
        cluster().url(db::APP_ROLE, name)
    }
}

/// Runs `sql` on `pool` (as its role) inside the demo tenant, where it must fail: the error,
/// as text. Nothing of it is kept.
pub async fn refusal(pool: &PgPool, sql: &str) -> String {
    let (mut tx, _) = in_demo(pool).await;
    let error = sqlx::raw_sql(sql).execute(&mut *tx).await.expect_err(sql);
    error.to_string()
}

/// A transaction on `pool` inside the demo tenant (the tables force row-level security), and
/// the tenant's id.
async fn in_demo(pool: &PgPool) -> (sqlx::Transaction<'static, sqlx::Postgres>, uuid::Uuid) {
    let mut tx = pool.begin().await.expect("begin");
    let tenant = sqlx::query_scalar(
        "select set_config('app.tenant_id', id::text, true)::uuid from tenants where slug = 'bfg-control'",
    )
    .fetch_one(&mut *tx)
    .await
    .expect("enter tenant");
    (tx, tenant)
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

    /// The app with the owner role's pool too, as `serve` runs it: the platform operator's
    /// commands work.
    pub async fn spawn_platform() -> Self {
        let db = TestDb::new().await;
        let state = AppState::with_owner(
            db.app.clone(),
            Some(db.owner.clone()),
            test_key().clone(),
            &test_config(),
            test_clock().clone(),
        );
        state.spawn_listener();
        let router = web::app(state);
        Self { db, router }
    }

    /// GET with extra headers.
    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        get(&self.router, path, headers).await
    }

    /// `username` of the demo, signed in through the form in a client of their own.
    pub async fn actor(&self, username: &str) -> Actor {
        let account = Account::named(username);
        let client = signed_in(self, account.username, account.password).await;
        Actor { client, account }
    }

    /// `account` (one a test created, not one of the demo's), signed in through the form in a
    /// client of their own.
    pub async fn actor_with(&self, account: Account) -> Actor {
        let client = signed_in(self, account.username, account.password).await;
        Actor { client, account }
    }

    /// A page of the demo tenant (`""` for the console) in `lang`, as a visitor sees it.
    pub async fn page_in(&self, page: &str, lang: Lang) -> Page {
        let path = format!("{CONSOLE}{page}?lang={}", lang.code());
        self.get(&path, &[]).await
    }

    /// The overall decision the console shows a visitor.
    pub async fn decision(&self) -> String {
        self.get(CONSOLE, &[])
            .await
            .texts("decision-value code")
            .pop()
            .unwrap_or_default()
    }
}

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
    let accept = CheckCommand::Accept(Evidence::parse(note, url, checksum).expect("evidence"));
    let marek = db.writer(MAREK);
    let role_headers = "passage.role_headers";
    marek.check(role_headers, 0, &accept).await.expect("accept");
    let reason = "The gateway was reconfigured";
    marek.revoke(role_headers, 1, reason).await.expect("revoke");
}

/// Marek, writing straight through the database layer.
pub fn marek() -> Author<'static> {
    author(MAREK)
}

/// `actor` of the demo tenant, writing straight through the database layer.
pub fn author(actor: &str) -> Author<'_> {
    Author {
        tenant: "bfg-control",
        actor,
        request_id: "test",
        key: test_key(),
        clock: test_clock(),
    }
}

/// The actor id of the demo's managing director.
pub const ANNA: &str = "user_md_anna";
/// The actor id of the demo's dispatcher.
pub const MAREK: &str = "user_dispatcher_marek";
/// The actor id of the demo's accountant.
pub const OLENA: &str = "user_accountant_olena";

/// Someone writing straight through the database layer, as the handlers do: each write with
/// a fresh idempotency key unless [`Writer::with_key`] fixes one.
#[derive(Clone)]
pub struct Writer<'a> {
    pool: &'a PgPool,
    author: Author<'static>,
    key: Option<uuid::Uuid>,
}

impl<'a> Writer<'a> {
    /// `actor` writing through `pool`.
    pub fn new(pool: &'a PgPool, actor: &'static str) -> Self {
        Self {
            pool,
            author: author(actor),
            key: None,
        }
    }

    /// The same writer, sending every write with this idempotency key (a form sent again).
    pub fn with_key(&self, key: uuid::Uuid) -> Self {
        Self {
            key: Some(key),
            ..self.clone()
        }
    }

    fn key(&self) -> uuid::Uuid {
        self.key.unwrap_or_else(uuid::Uuid::new_v4)
    }

    /// `command` on the owner check or decision `item`, drawn at `version`.
    pub async fn check(
        &self,
        item: &str,
        version: i32,
        command: &CheckCommand,
    ) -> Result<Written, write::WriteError> {
        self.check_with(item, version, command, db::signature::Consent::Withheld)
            .await
    }

    /// [`Writer::check`], consenting (or not) to withdraw a standing GO.
    pub async fn check_with(
        &self,
        item: &str,
        version: i32,
        command: &CheckCommand,
        consent: db::signature::Consent,
    ) -> Result<Written, write::WriteError> {
        let key = self.key();
        write::owner_check(
            self.pool,
            &self.author,
            item,
            version,
            key,
            command,
            consent,
        )
        .await
    }

    /// Accepts `item` with this note as its evidence.
    pub async fn accept(
        &self,
        item: &str,
        version: i32,
        note: &str,
    ) -> Result<Written, write::WriteError> {
        let evidence = Evidence::parse(note, "", "").expect("evidence");
        self.check(item, version, &CheckCommand::Accept(evidence))
            .await
    }

    /// Revokes `item`, saying why.
    pub async fn revoke(
        &self,
        item: &str,
        version: i32,
        reason: &str,
    ) -> Result<Written, write::WriteError> {
        let reason = EvidenceNote::parse(reason).expect("reason");
        self.check(item, version, &CheckCommand::Revoke(reason))
            .await
    }

    /// Decides `item` as `value`, with this note as its evidence.
    pub async fn decide(
        &self,
        item: &str,
        version: i32,
        value: &str,
        note: &str,
    ) -> Result<Written, write::WriteError> {
        let value = DecisionValue::parse(value).expect("value");
        let evidence = Evidence::parse(note, "", "").expect("evidence");
        self.check(item, version, &CheckCommand::Decide(value, evidence))
            .await
    }

    /// Signs off.
    pub async fn sign_off(&self, signoff: &write::Signoff) -> Result<Written, write::WriteError> {
        write::signoff(self.pool, &self.author, self.key(), signoff).await
    }

    /// Signs GO on the state as it stands, as the page's form would carry it.
    pub async fn sign_off_go(&self) -> Result<Written, write::WriteError> {
        let console = db::load_console(self.pool, self.author.tenant)
            .await
            .expect("load")
            .expect("the tenant");
        let evaluation = readiness_console::readiness::evaluate(&console.catalogue, &console.state);
        let drawn_from = readiness_console::readiness::signature::state_digest(
            &evaluation,
            console.state.audit_head.as_ref(),
        );
        self.sign_off(&write::Signoff::Go { drawn_from }).await
    }

    /// Records NO-GO for this reason.
    pub async fn sign_off_no_go(&self, reason: &str) -> Result<Written, write::WriteError> {
        let reason = EvidenceNote::parse(reason).expect("reason");
        self.sign_off(&write::Signoff::NoGo(reason)).await
    }
}

/// The demo payload (`demo/bfg-control-scenario.jsonl`), imported by Marek (not frozen): the
/// newest import's id.
pub async fn import_demo_payload(db: &TestDb) -> i64 {
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
    db::snapshot::history(&db.app, "bfg-control")
        .await
        .expect("history")
        .imports[0]
        .id
}

/// The demo payload, imported by Marek and frozen.
pub async fn freeze_demo_snapshot(db: &TestDb) {
    let import = import_demo_payload(db).await;
    db::snapshot::freeze(&db.app, &marek(), uuid::Uuid::new_v4(), import)
        .await
        .expect("freeze");
}

/// The sequence number of the demo tenant's latest audit event with `action` (a test names
/// an event by what it recorded, not by counting the sign-ins before it).
pub async fn last_seq(db: &TestDb, action: &str) -> i64 {
    let mut tx = db.demo_tx().await;
    sqlx::query_scalar("select max(seq) from audit_events where action = $1")
        .bind(action)
        .fetch_one(&mut *tx)
        .await
        .unwrap_or_else(|e| panic!("the latest {action} event: {e}"))
}

/// How many of the demo tenant's audit events record something other than a sign-in, a
/// sign-out or a refused sign-in: the writes a test counts, whoever signed in to make them.
pub async fn write_events(db: &TestDb) -> i64 {
    let mut tx = db.demo_tx().await;
    sqlx::query_scalar(
        "select count(*) from audit_events
         where action not in ('sign_in', 'sign_out', 'sign_in_failed')",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap()
}

/// Verifies the demo tenant's chain under the test key.
pub async fn verify_chain(pool: &PgPool) -> Option<Verification> {
    db::audit::verify(pool, "bfg-control", Some(&test_key().public_hex()), &[])
        .await
        .unwrap()
}

/// GET through a router with extra headers, without cookies; the status, headers and body.
pub async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Page {
    Client::new(router)
        .send(Request::get(path), Body::empty(), headers)
        .await
}

/// An answer.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text (lossily, for a binary one).
    pub body: String,
    /// The body's bytes.
    pub bytes: Vec<u8>,
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

    /// The `lang` of the page's `<html lang="…">` element (`none` without one).
    pub fn html_lang(&self) -> &str {
        self.body
            .split_once("<html lang=\"")
            .and_then(|(_, rest)| rest.split_once("\">"))
            .map_or("none", |(lang, _)| lang)
    }

    /// The first form whose markup holds `marker` (an id, a class, an action, an input).
    pub fn try_form(&self, marker: &str) -> Option<Form> {
        self.body
            .match_indices("<form")
            .filter_map(|(start, _)| {
                let end = self.body[start..].find("</form>")? + start;
                Some(&self.body[start..end])
            })
            .find(|html| html.contains(marker))
            .map(Form::parse)
    }

    /// [`Page::try_form`], for a form the page must draw.
    pub fn form(&self, marker: &str) -> Form {
        self.try_form(marker)
            .unwrap_or_else(|| panic!("the page draws no form with {marker}"))
    }

    /// The evidence form the console draws for the owner check or decision `item`.
    pub fn item_form(&self, item: &str) -> Form {
        self.form(&item_form_id(item))
    }
}

/// The `id` attribute of the evidence form of `item`, as it stands in the markup.
pub fn item_form_id(item: &str) -> String {
    format!("id=\"form-{}\"", item.replace('.', "-"))
}

/// The text of an HTML text node or attribute, unescaped (askama escapes with numeric
/// references, the templates' own markup with named ones).
pub fn html_unescape(s: &str) -> String {
    s.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&#60;", "<")
        .replace("&gt;", ">")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// `text` as askama escapes it into a page.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// A form as a page drew it: where it posts, and the values of its hidden fields (what the
/// visitor types, ticks or chooses is for the test to add).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Where it posts, unescaped.
    pub action: String,
    /// Its fields, in order.
    pub fields: Vec<(String, String)>,
}

impl Form {
    fn parse(html: &str) -> Self {
        let attribute = |tag: &str, name: &str| {
            let marker = format!(" {name}=\"");
            let at = tag.find(&marker)? + marker.len();
            tag[at..].split('"').next().map(html_unescape)
        };
        let opening = &html[..html.find('>').unwrap_or(html.len())];
        let fields = html
            .match_indices("<input ")
            .filter_map(|(at, _)| {
                let tag = &html[at..at + html[at..].find('>')?];
                (attribute(tag, "type").as_deref() == Some("hidden"))
                    .then(|| Some((attribute(tag, "name")?, attribute(tag, "value")?)))?
            })
            .collect();
        Self {
            action: attribute(opening, "action").unwrap_or_default(),
            fields,
        }
    }

    /// The value of the field `name` (empty when the form has none).
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The form with the field `name` set to `value` (added when it has none).
    pub fn set(mut self, name: &str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => self.fields.push((name.to_owned(), value)),
        }
        self
    }

    /// The form without the field `name`.
    pub fn without(mut self, name: &str) -> Self {
        self.fields.retain(|(n, _)| n != name);
        self
    }

    /// The form with a new idempotency key: another submission, not the same one again.
    pub fn fresh_key(self) -> Self {
        self.set("idempotency_key", uuid::Uuid::new_v4().to_string())
    }

    /// The form posting to `action` instead.
    pub fn posting_to(mut self, action: &str) -> Self {
        action.clone_into(&mut self.action);
        self
    }
}

/// Polls `check` until it holds (the cache learns of direct database changes through NOTIFY,
/// which arrives a moment after the commit). Fails after ten seconds: the browser tests run
/// side by side on two cores, where a page and its live refresh can take seconds.
pub async fn eventually<F, Fut>(mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("condition not reached within ten seconds");
}

/// Signs in through the form; the client keeps the session.
pub async fn signed_in(app: &TestApp, username: &str, password: &str) -> Client {
    let mut client = Client::new(&app.router);
    let done = client.sign_in(username, password, "en").await;
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

    /// Keeps (or clears) the cookies an answer sets, as a browser does with every answer it
    /// receives: also one to a request another client sent, to play a browser's answers in
    /// an order of the test's choosing.
    pub fn keep_cookies(&mut self, headers: &axum::http::HeaderMap) {
        for value in headers.get_all("set-cookie") {
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
    }

    /// A page of the demo tenant (`""` for the console) in `lang`.
    pub async fn page_in(&mut self, page: &str, lang: Lang) -> Page {
        self.get(&format!("{CONSOLE}{page}?lang={}", lang.code()))
            .await
    }

    /// Signs in through the form in `lang`: the answer (a 303 when it worked).
    pub async fn sign_in(&mut self, username: &str, password: &str, lang: &str) -> Page {
        let page = self.get(&format!("{CONSOLE}/sign-in?lang={lang}")).await;
        let form = page.form("name=\"csrf\"");
        let form = form.set("username", username).set("password", password);
        self.submit(&form, &[]).await
    }

    /// Sends `form` as a browser would, with extra headers.
    pub async fn submit(&mut self, form: &Form, headers: &[(&str, &str)]) -> Page {
        let fields: Vec<(&str, &str)> = form
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.post(&form.action, &fields, headers).await
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
            request = request.header("cookie", cookie_header(&self.cookies));
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
        let status = response.status();
        let headers = response.headers().clone();
        self.keep_cookies(&headers);
        // A live console's event stream does not end while its session lasts: its headers
        // only (tests/api/live.rs reads streams off a socket).
        let streaming = headers
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
        let bytes = if streaming {
            axum::body::Bytes::new()
        } else {
            response
                .into_body()
                .collect()
                .await
                .expect("body")
                .to_bytes()
        };
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
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

/// A demo account: how its person signs in, and the actor id the console knows them by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    pub username: &'static str,
    pub password: &'static str,
    pub actor: &'static str,
}

impl Account {
    /// The demo account `username` signs in with.
    pub fn named(username: &str) -> Self {
        demo::ACCOUNTS
            .iter()
            .find(|(_, name, _)| *name == username)
            .map(|&(actor, username, password)| Self {
                username,
                password,
                actor,
            })
            .unwrap_or_else(|| panic!("the demo has no account {username}"))
    }

    /// The name the console shows for them.
    pub fn name(&self) -> String {
        demo::state(time::OffsetDateTime::UNIX_EPOCH)
            .actors
            .into_iter()
            .find(|a| a.id == self.actor)
            .map(|a| a.name)
            .unwrap_or_else(|| panic!("{} is no actor of the demo", self.actor))
    }
}

/// One of the demo's people, signed in through the form in a client of their own; it is that
/// client for everything else (`get`, `post`, its cookies).
pub struct Actor {
    client: Client,
    pub account: Account,
}

impl Deref for Actor {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl DerefMut for Actor {
    fn deref_mut(&mut self) -> &mut Client {
        &mut self.client
    }
}

impl From<Actor> for Client {
    /// Their client alone, its session kept.
    fn from(actor: Actor) -> Self {
        actor.client
    }
}

impl Actor {
    /// Accepts the owner check `item` with this note as evidence, through its form.
    pub fn accept(&mut self, item: &str, note: &str) -> Write<'_> {
        Write::item(self, item, "accept").field("note", note)
    }

    /// Revokes `item`, saying why, through its form.
    pub fn revoke(&mut self, item: &str, reason: &str) -> Write<'_> {
        Write::item(self, item, "revoke").field("note", reason)
    }

    /// Decides `item` as `value` with this note as evidence, through its form.
    pub fn decide(&mut self, item: &str, value: &str, note: &str) -> Write<'_> {
        Write::item(self, item, "decide")
            .field("value", value)
            .field("note", note)
    }

    /// Signs GO through the sign-off form, with their own password.
    pub fn sign_off_go(&mut self) -> Write<'_> {
        let password = self.account.password;
        Write::new(self, Target::SignOff { go: true }).field("password", password)
    }

    /// Records NO-GO for this reason through the sign-off form, with their own password.
    pub fn sign_off_no_go(&mut self, reason: &str) -> Write<'_> {
        let password = self.account.password;
        Write::new(self, Target::SignOff { go: false })
            .field("reason", reason)
            .field("password", password)
    }

    /// The console page in `lang`.
    pub async fn console(&mut self, lang: Lang) -> Page {
        self.page_in("", lang).await
    }
}

/// What a [`Write`] posts to.
enum Target {
    /// The form of an owner check or decision, and the verb its action ends in.
    Item { item: String, verb: &'static str },
    /// The sign-off form, GO or NO-GO.
    SignOff { go: bool },
}

/// A write an actor sends through the form their console page draws for it, in English
/// unless told otherwise: built, then awaited for the answer.
#[must_use = "a write is sent when awaited"]
pub struct Write<'a> {
    actor: &'a mut Actor,
    target: Target,
    lang: Lang,
    fields: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    forged: bool,
}

impl<'a> Write<'a> {
    fn new(actor: &'a mut Actor, target: Target) -> Self {
        Self {
            actor,
            target,
            lang: Lang::En,
            fields: Vec::new(),
            headers: Vec::new(),
            forged: false,
        }
    }

    fn item(actor: &'a mut Actor, item: &str, verb: &'static str) -> Self {
        let item = item.to_owned();
        Self::new(actor, Target::Item { item, verb })
    }

    /// From the page in `lang`, answered in it.
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// As htmx sends it.
    pub fn htmx(self) -> Self {
        self.header("hx-request", "true")
    }

    /// With this request header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// With the field `name` set to `value` (as typed, or as a forger sets it).
    pub fn field(mut self, name: &str, value: &str) -> Self {
        self.fields.retain(|(n, _)| n != name);
        self.fields.push((name.to_owned(), value.to_owned()));
        self
    }

    /// With a link to the evidence.
    pub fn url(self, url: &str) -> Self {
        self.field("url", url)
    }

    /// With the evidence's checksum.
    pub fn checksum(self, checksum: &str) -> Self {
        self.field("checksum", checksum)
    }

    /// Ticking the box that confirms the write withdraws the standing GO.
    pub fn confirming_withdrawal(self) -> Self {
        self.field("confirm_withdraw", "yes")
    }

    /// With this password instead of their own.
    pub fn password(self, password: &str) -> Self {
        self.field("password", password)
    }

    /// Without the form, which the page does not offer them: as a forger would send it, with
    /// the session's token (from the sign-out form), version 0 and a fresh key.
    pub fn forged(mut self) -> Self {
        self.forged = true;
        self
    }

    /// The form as it would be sent, without sending it.
    pub async fn draw(self) -> Form {
        self.drawn().await.1
    }

    async fn drawn(self) -> (&'a mut Actor, Form, Vec<(String, String)>) {
        let lang = self.lang.code();
        let page = self.actor.console(self.lang).await;
        let (action, marker, decision) = match &self.target {
            Target::Item { item, verb } => (
                format!("{CONSOLE}/items/{item}/{verb}?lang={lang}"),
                item_form_id(item),
                None,
            ),
            Target::SignOff { go } => {
                let decision = if *go { "GO" } else { "NO_GO" };
                (
                    format!("{CONSOLE}/signoff?lang={lang}"),
                    format!("name=\"decision\" value=\"{decision}\""),
                    Some(decision),
                )
            }
        };
        let mut form = if self.forged {
            let csrf = page.form("class=\"account-form\"").field("csrf").to_owned();
            let form = Form {
                action,
                fields: vec![("csrf".to_owned(), csrf)],
            };
            match decision {
                Some(decision) => form.set("decision", decision),
                None => form.set("version", "0"),
            }
            .fresh_key()
        } else {
            let form = page.form(&marker);
            assert_eq!(form.action, action, "the form with {marker}");
            form
        };
        for (name, value) in self.fields {
            form = form.set(&name, value);
        }
        (self.actor, form, self.headers)
    }

    async fn send(self) -> Page {
        let (actor, form, headers) = self.drawn().await;
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        actor.submit(&form, &headers).await
    }
}

impl<'a> IntoFuture for Write<'a> {
    type Output = Page;
    type IntoFuture = Pin<Box<dyn Future<Output = Page> + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The value of a `Cookie` header sending `cookies`.
pub fn cookie_header(cookies: &std::collections::BTreeMap<String, String>) -> String {
    cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The console's binary, with none of the environment's database URLs (a test names its own).
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_readiness-console"));
    command
        .env_remove("DATABASE_URL")
        .env_remove("MIGRATION_DATABASE_URL");
    command
}

/// Starts `command` (the binary's `serve`), what it logs written to the file `log`.
pub fn serve_logging_to(command: &mut Command, log: &std::path::Path) -> std::process::Child {
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(log).expect("log file"))
        .spawn()
        .expect("serve")
}

/// What a run of the binary said: whether it passed, its stdout and its stderr.
pub fn outcome(out: &std::process::Output) -> (bool, String, String) {
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The run failed, and said `said` on stderr.
pub fn assert_fails_saying((ok, _, stderr): &(bool, String, String), said: &str) {
    assert!(!ok, "{stderr}");
    assert!(stderr.contains(said), "{stderr}");
}

/// Runs the binary with `args` against `db` as the app role, with the test key as the audit
/// key: whether it passed, stdout, stderr.
pub fn cli(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    let dir = tempfile::tempdir().expect("a folder for the key");
    let key = dir.path().join("audit-signing.key");
    // The seed of `test_key()`.
    std::fs::write(&key, format!("{}\n", "2a".repeat(32))).expect("write the key");
    let out = Command::new(env!("CARGO_BIN_EXE_readiness-console"))
        .args(["--database-url", &db.app_url(), "--audit-key"])
        .arg(&key)
        .args(args)
        .output()
        .expect("run the binary");
    outcome(&out)
}

/// Log lines, captured for the test's thread (the app runs on it).
#[derive(Clone, Default)]
pub struct Logs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    /// Captures what is logged at `level` or above, as plain text, until the guard drops.
    pub fn capture(level: tracing::Level) -> (Self, tracing::subscriber::DefaultGuard) {
        let logs = Self::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(level)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    /// Everything logged so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }

    /// The lines logged so far that contain `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<String> {
        self.text()
            .lines()
            .filter(|line| line.contains(needle))
            .map(str::to_owned)
            .collect()
    }
}
