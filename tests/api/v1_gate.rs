//! The API from the outside: the OpenAPI document checked by an outside validator (PyPI's
//! `openapi-spec-validator`, installed by `scripts/test`), the `gate` command against the real
//! binary serving on a socket, and the `api-key` command line.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use readiness_console::readiness::api_key::Scope;
use serde_json::Value;

use crate::support::{
    ANNA, TestApp, TestDb, binary, cluster, eventually, outcome, serve_logging_to,
};
use crate::v1::{call, key, revoke};

const BIN: &str = env!("CARGO_BIN_EXE_readiness-console");
const READINESS: &str = "/v1/tenants/bfg-control/readiness";

/// Where `scripts/test` installs the validator (`pip install --target`).
fn validator_dir() -> PathBuf {
    let dir = std::env::var_os("OPENAPI_VALIDATOR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/openapi-validator"),
        PathBuf::from,
    );
    assert!(
        dir.join("openapi_spec_validator").is_dir(),
        "the OpenAPI validator (PyPI's openapi-spec-validator) is missing at {}: run \
         scripts/test, which installs it",
        dir.display()
    );
    dir
}

/// `python3 -m openapi_spec_validator file`: whether it passed, and what it said.
fn validate(document: &[u8]) -> (bool, String) {
    let dir = validator_dir();
    let file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("a file for the document");
    std::fs::write(file.path(), document).expect("write the document");
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator", "--validation-errors", "all"])
        .arg(file.path())
        .env("PYTHONPATH", &dir)
        .output()
        .expect("run python3");
    let (ok, stdout, stderr) = outcome(&out);
    (ok, format!("{stdout}{stderr}"))
}

#[tokio::test]
async fn an_outside_validator_finds_the_served_openapi_document_valid() {
    let app = TestApp::spawn().await;
    let served = crate::support::get(&app.router, "/v1/openapi.json", &[]).await;
    assert_eq!(served.status, StatusCode::OK);
    let (ok, said) = validate(&served.bytes);
    assert!(ok, "{said}");
    assert!(said.contains("OK"), "{said}");
    // The validator does look: the same document with an operation's responses gone fails.
    let mut broken: Value = serde_json::from_slice(&served.bytes).unwrap();
    broken["paths"]["/v1/tenants/{slug}/readiness"]["get"]["responses"] = Value::from("none");
    let (ok, said) = validate(broken.to_string().as_bytes());
    assert!(!ok, "a broken document passed: {said}");
    // Every route the document lists is one the router serves, with its problems.
    let paths = broken["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 7, "{:?}", paths.keys().collect::<Vec<_>>());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// The audit key file of the tests (the seed of `test_key()`), in a folder of its own.
pub(crate) fn audit_key() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a folder for the key");
    let key = dir.path().join("audit-signing.key");
    std::fs::write(&key, format!("{}\n", "2a".repeat(32))).expect("write the key");
    (dir, key)
}

/// The real binary serving `db` as the app role on a free port.
pub(crate) struct Serving {
    child: Option<Child>,
    pub(crate) url: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Serving {
    async fn start(db: &TestDb) -> Self {
        Self::start_with(db, &[]).await
    }

    /// The binary serving `db`, with these flags of `serve` besides `--bind`.
    pub(crate) async fn start_with(db: &TestDb, flags: &[&str]) -> Self {
        let (dir, key) = audit_key();
        let port = free_port();
        let log = dir.path().join("serve.log");
        let mut serve = binary();
        serve
            .args(["--database-url", &db.app_url(), "--audit-key"])
            .arg(&key)
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .args(flags);
        let child = serve_logging_to(&mut serve, &log);
        let serving = Self {
            child: Some(child),
            url: format!("http://127.0.0.1:{port}"),
            log,
            _dir: dir,
        };
        let client = reqwest::Client::new();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            let ready = client
                .get(format!("{}/readyz", serving.url))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200);
            if ready {
                return serving;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("never ready: {}", serving.log());
    }

    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: the process ends at once, whatever it was doing.
    pub(crate) fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM, and waits for the process to end.
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What a run of `gate` said: its exit code, stdout and stderr.
struct Gated {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn gate_command(url: &str, key: Option<&str>, extra: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(BIN);
    command
        .args(["gate", "--url", url, "--tenant", "bfg-control"])
        .args(extra)
        .env_remove("READINESS_API_KEY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    if let Some(key) = key {
        command.env("READINESS_API_KEY", key);
    }
    command
}

async fn gated(out: std::process::Output) -> Gated {
    Gated {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `readiness-console gate --url url --tenant bfg-control extra…` with `key` as
/// READINESS_API_KEY.
async fn gate(url: &str, key: Option<&str>, extra: &[&str]) -> Gated {
    let out = gate_command(url, key, extra)
        .output()
        .await
        .expect("run the gate");
    gated(out).await
}

/// The sentence a person reads for a readiness that is not GO: the decision, then who it
/// waits on (the open blockers by owner and title).
fn not_go_sentence(readiness: &Value) -> String {
    let data = &readiness["data"];
    let open: Vec<String> = data["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["status"] == "open")
        .map(|b| {
            let title = b["title"].as_str().unwrap();
            let who: Vec<&str> = match b["owner"]["name"].as_str() {
                Some(name) => vec![name],
                None => b["canAct"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["name"].as_str().unwrap())
                    .collect(),
            };
            if who.is_empty() {
                title.to_owned()
            } else {
                format!("{} ({title})", who.join(" or "))
            }
        })
        .collect();
    assert!(!open.is_empty(), "someone can act: {readiness}");
    format!(
        "NO-GO: {} — waiting on: {}",
        data["decision"].as_str().unwrap(),
        open.join(", ")
    )
}

#[tokio::test]
async fn the_gate_says_no_go_on_the_demo_go_once_signed_and_unknown_without_a_working_console() {
    let app = TestApp::spawn().await;
    let key = key(&app, "deploy-gate", Scope::Read).await;
    let bearer = format!("Bearer {key}");
    let mut serving = Serving::start(&app.db).await;
    let url = serving.url.clone();

    // The demo: not GO, exit 1, and the sentence names the decision and who it waits on.
    let readiness = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
    assert_eq!(
        readiness.json["data"]["decision"],
        "BLOCKED_PENDING_DRY_RUN"
    );
    let no_go = gate(&url, Some(&key), &[]).await;
    assert_eq!(no_go.code, Some(1), "{}{}", no_go.stdout, no_go.stderr);
    assert_eq!(no_go.stdout.trim_end(), not_go_sentence(&readiness.json));
    assert!(
        no_go
            .stdout
            .starts_with("NO-GO: BLOCKED_PENDING_DRY_RUN — waiting on: "),
        "{}",
        no_go.stdout
    );
    assert_eq!(no_go.stderr, "");
    let json = gate(&url, Some(&key), &["--output", "json"]).await;
    assert_eq!(json.code, Some(1), "{}", json.stderr);
    let said: Value = serde_json::from_str(&json.stdout).expect("the gate's JSON");
    assert_eq!(said["go"], false);
    assert_eq!(said["exit"], 1);
    assert_eq!(said["tenant"], "bfg-control");
    assert_eq!(said["decision"], "BLOCKED_PENDING_DRY_RUN");
    assert_eq!(said["message"], not_go_sentence(&readiness.json));
    assert_eq!(
        said["blockers"].as_array().map(Vec::len),
        readiness.json["data"]["blockers"].as_array().map(Vec::len)
    );
    // Waiting gives up at its timeout, still not GO.
    let started = Instant::now();
    let waited = gate(&url, Some(&key), &["--wait", "--timeout", "1s"]).await;
    assert_eq!(waited.code, Some(1), "{}", waited.stderr);
    assert!(started.elapsed() < Duration::from_secs(20));

    // A gate that waits sees the demo driven to GO while it waits.
    let waiting = gate_command(&url, Some(&key), &["--wait", "--timeout", "2m"])
        .spawn()
        .expect("start the waiting gate");
    app.db.make_all_green().await;
    app.db
        .writer(ANNA)
        .sign_off_go()
        .await
        .expect("Anna signs GO");
    eventually(|| async {
        let now = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
        now.json["data"]["go"] == true && now.json["data"]["decision"] == "GO"
    })
    .await;
    let out = tokio::time::timeout(Duration::from_secs(90), waiting.wait_with_output())
        .await
        .expect("the waiting gate ends at GO")
        .expect("the gate's output");
    let go = gated(out).await;
    assert_eq!(go.code, Some(0), "{}{}", go.stdout, go.stderr);
    assert_eq!(go.stdout.trim_end(), "GO: bfg-control may deploy");
    let go_json = gate(&url, Some(&key), &["--output", "json"]).await;
    assert_eq!(go_json.code, Some(0));
    let said: Value = serde_json::from_str(&go_json.stdout).expect("the gate's JSON");
    assert_eq!(said["go"], true);
    assert_eq!(said["decision"], "GO");

    // Without a key, with a revoked one, or with the console gone: it cannot tell.
    let keyless = gate(&url, None, &[]).await;
    assert_eq!(keyless.code, Some(2));
    assert!(
        keyless.stderr.contains("READINESS_API_KEY"),
        "{}",
        keyless.stderr
    );
    revoke(&app, "deploy-gate").await;
    let start = Instant::now();
    let revoked = loop {
        let run = gate(&url, Some(&key), &[]).await;
        if run.code != Some(0) || start.elapsed() > Duration::from_secs(10) {
            break run;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(
        revoked.code,
        Some(2),
        "{}{}",
        revoked.stdout,
        revoked.stderr
    );
    assert!(
        revoked.stderr.contains("401 (UNAUTHORIZED)"),
        "{}",
        revoked.stderr
    );
    assert_eq!(revoked.stdout, "");
    let unknown_json = gate(&url, Some(&key), &["--output", "json"]).await;
    assert_eq!(unknown_json.code, Some(2));
    let said: Value = serde_json::from_str(&unknown_json.stdout).expect("the gate's JSON");
    assert_eq!(said["go"], false);
    assert_eq!(said["exit"], 2);
    assert_eq!(said["decision"], Value::Null);

    let fresh = crate::v1::key(&app, "deploy-gate", Scope::Read).await;
    serving.stop();
    let gone = gate(&url, Some(&fresh), &[]).await;
    assert_eq!(gone.code, Some(2), "{}{}", gone.stdout, gone.stderr);
    assert!(gone.stderr.contains("cannot be reached"), "{}", gone.stderr);
}

/// Runs `api-key …` through the binary against `db`, as the owner role (which the key
/// commands need) next to the app role.
fn api_key_cli(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    console_cli(db, "api-key", args)
}

/// Runs `command …` through the binary against `db`, as the owner role next to the app role.
pub(crate) fn console_cli(db: &TestDb, command: &str, args: &[&str]) -> (bool, String, String) {
    let (_dir, key) = audit_key();
    let options = db.owner.connect_options();
    let owner_url = cluster().url(
        readiness_console::db::OWNER_ROLE,
        options.get_database().unwrap(),
    );
    let out = binary()
        .args(["--database-url", &db.app_url()])
        .args(["--migration-database-url", &owner_url])
        .arg("--audit-key")
        .arg(&key)
        .arg(command)
        .args(args)
        .env("READINESS_OPERATOR", "olga.ops")
        .output()
        .expect("run the binary");
    outcome(&out)
}

/// `api-key create` of a read key named release-train in the demo.
const CREATE_RELEASE_TRAIN: [&str; 7] = [
    "create",
    "--tenant",
    "bfg-control",
    "--name",
    "release-train",
    "--scope",
    "read",
];

// Two worker threads: a call with the key notes its use in a spawned task, which must be able
// to commit while the command line below blocks this thread (a one-thread runtime would hold
// that task's row lock until the revoke behind it timed out).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_key_command_line_shows_a_key_once_lists_it_without_its_secret_and_revokes_it() {
    let app = TestApp::spawn().await;
    let (ok, stdout, stderr) = api_key_cli(
        &app.db,
        &[CREATE_RELEASE_TRAIN.as_slice(), &["--expires-in", "90d"]].concat(),
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout
            .contains("release-train (read) created for bfg-control, acting as svc-release-train"),
        "{stdout}"
    );
    assert!(stdout.contains("shown once"), "{stdout}");
    let key = stdout
        .lines()
        .find(|l| l.starts_with("rc_key_"))
        .expect("the key, on a line of its own")
        .to_owned();
    assert_eq!(key.len(), "rc_key_".len() + 43, "{key}");
    let bearer = format!("Bearer {key}");
    let works = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
    assert_eq!(works.status, StatusCode::OK, "{}", works.json);

    // Listed by name, scope and the start of the key, never the key itself.
    let (ok, listed, stderr) = api_key_cli(&app.db, &["list", "--tenant", "bfg-control"]);
    assert!(ok, "{stderr}");
    let line = listed
        .lines()
        .find(|l| l.starts_with("release-train "))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(line.contains(" read "), "{line}");
    assert!(line.contains(&format!("{}…", &key[..7 + 12])), "{line}");
    assert!(line.contains("by operator:olga.ops"), "{line}");
    assert!(!line.contains("expires -"), "it expires: {line}");
    assert!(!listed.contains(&key), "{listed}");
    assert!(!listed.contains(&key[7 + 12..]), "{listed}");

    // A name in use, a bad scope, an unknown key: one sentence each, nothing made.
    let keys_before = app.db.count_in_demo("api_keys").await;
    for (args, said) in [
        (
            CREATE_RELEASE_TRAIN.to_vec(),
            "a key named release-train exists already",
        ),
        (
            vec![
                "create",
                "--tenant",
                "bfg-control",
                "--name",
                "other",
                "--scope",
                "write",
            ],
            "the scope `write` is not `read` or `attest`",
        ),
        (
            vec!["revoke", "--tenant", "bfg-control", "--name", "nobody"],
            "there is no key named nobody",
        ),
        (
            vec!["list", "--tenant", "nowhere"],
            "there is no tenant nowhere",
        ),
        (
            vec![
                "create", "--tenant", "nowhere", "--name", "other", "--scope", "read",
            ],
            "there is no active tenant nowhere",
        ),
        (
            vec![
                "create",
                "--tenant",
                "bfg-control",
                "--name",
                "Release Train",
                "--scope",
                "read",
            ],
            "a key's name is 1 to 63 lowercase letters, digits and dashes",
        ),
    ] {
        let (ok, _, stderr) = api_key_cli(&app.db, &args);
        assert!(!ok, "{args:?}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
    }
    assert_eq!(app.db.count_in_demo("api_keys").await, keys_before);

    let (ok, stdout, stderr) = api_key_cli(
        &app.db,
        &[
            "revoke",
            "--tenant",
            "bfg-control",
            "--name",
            "release-train",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("revoked"), "{stdout}");
    eventually(|| async {
        call(&app, "GET", READINESS, &[("authorization", &bearer)], "")
            .await
            .status
            == StatusCode::UNAUTHORIZED
    })
    .await;
    let (ok, listed, _) = api_key_cli(&app.db, &["list", "--tenant", "bfg-control"]);
    assert!(ok);
    assert!(!listed.contains("release-train"), "{listed}");
    // Both changes are on the chain, by the operator named.
    let mut tx = app.db.demo_tx().await;
    let events: Vec<(String, String, String)> = sqlx::query_as(
        "select action, actor_id, target from audit_events
         where action in ('create_api_key', 'revoke_api_key') order by seq",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    assert_eq!(
        events,
        [
            (
                "create_api_key".to_owned(),
                "operator:olga.ops".to_owned(),
                "release-train:read".to_owned()
            ),
            (
                "revoke_api_key".to_owned(),
                "operator:olga.ops".to_owned(),
                "release-train".to_owned()
            ),
        ]
    );
}
