//! The embedded default, through the real binary: start, serve, stop, restart; the refusals
//! that protect a data directory; and a server killed under the console (restarted when it is
//! the embedded one, left alone when DATABASE_URL names it).

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use readiness_console::db::embedded::EmbeddedPostgres;
use readiness_console::i18n::Lang;

use crate::support::{binary, outcome, serve_logging_to};
use crate::tenants::{create_args, programme_file};

const BIN: &str = env!("CARGO_BIN_EXE_readiness-console");

fn scratch(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{name}-{}", uuid::Uuid::new_v4().simple()))
}

fn run(args: &[&str], data_dir: &Path, env: &[(&str, &str)]) -> (bool, String) {
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .envs(env.iter().copied())
        .output()
        .expect("run the binary");
    let (ok, _, stderr) = outcome(&out);
    (ok, stderr)
}

#[test]
fn missing_server_binaries_are_named_in_one_sentence() {
    let dir = scratch("nobin");
    let (ok, stderr) = run(
        &["migrate"],
        &dir,
        &[("READINESS_POSTGRES_BIN", "/nonexistent")],
    );
    assert!(!ok);
    assert!(stderr.contains("apt-get install -y postgresql"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[test]
fn a_foreign_data_dir_is_refused_and_left_untouched() {
    let dir = scratch("foreign");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("notes.txt"), "mine").expect("file");
    let (ok, stderr) = run(&["migrate"], &dir, &[]);
    assert!(!ok);
    assert!(
        stderr.contains("not a readiness-console data directory"),
        "{stderr}"
    );
    let entries: Vec<_> = std::fs::read_dir(&dir).expect("read").collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).expect("read"),
        "mine"
    );
}

#[test]
fn a_damaged_cluster_is_refused() {
    let dir = scratch("damaged");
    std::fs::create_dir_all(dir.join("postgres")).expect("dir");
    std::fs::write(
        dir.join(".readiness-console"),
        "readiness-console data directory, layout 1\n",
    )
    .expect("marker");
    std::fs::write(dir.join("postgres").join("base"), "junk").expect("junk");
    let (ok, stderr) = run(&["migrate"], &dir, &[]);
    assert!(!ok);
    assert!(stderr.contains("no PG_VERSION"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("postgres").join("base")).expect("read"),
        "junk"
    );
}

#[test]
fn a_second_process_on_the_same_data_dir_is_refused() {
    let dir = scratch("locked");
    let first = EmbeddedPostgres::open(&dir, Vec::new()).expect("first claims the directory");
    let (ok, stderr) = run(&["migrate"], &dir, &[]);
    assert!(!ok);
    assert!(
        stderr.contains("in use by another readiness-console process"),
        "{stderr}"
    );
    drop(first);
}

/// `verify-audit` of the demo tenant on `data_dir`, with `extra` arguments: whether it passed,
/// stdout, stderr.
fn verify_audit(data_dir: &Path, extra: &[&str]) -> (bool, String, String) {
    let out = binary()
        .arg("--data-dir")
        .arg(data_dir)
        .args(["verify-audit", "--tenant", "bfg-control"])
        .args(extra)
        .output()
        .expect("run the binary");
    outcome(&out)
}

#[test]
fn verify_audit_reads_through_the_console_serving_its_data_dir() {
    let dir = scratch("verify-serving");
    let serving = Serving::start(&dir, &[]);
    // What a reviewer types while `scripts/run` serves: no second server, no refusal.
    let (ok, stdout, stderr) = verify_audit(&dir, &[]);
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("audit chain of bfg-control intact: 1 events, head "),
        "{stdout}"
    );
    assert!(
        stdout.contains("signatures checked under the public key of "),
        "{stdout}"
    );
    assert!(
        stdout.contains("every acceptance, decision, revocation, probe result and sign-off"),
        "{stdout}"
    );
    assert!(!stderr.contains("in use"), "{stderr}");
    // The console signs the head of a chain that moved as it starts: the head is soon covered.
    let signed = within(Duration::from_secs(20), || {
        verify_audit(&dir, &["--require-signed-head"]).0
    });
    assert!(signed, "{}", serving.log());
    // The console went on serving, and stops cleanly: its server was never touched.
    assert_eq!(serving.get("/readyz").map(|a| a.status), Some(200));
    let log = serving.stop();
    assert!(log.contains("embedded PostgreSQL stopped"), "{log}");
    let _ = std::fs::remove_dir_all(&dir);

    // A directory held by a process whose server is not running is refused, not waited on.
    let held = scratch("verify-held");
    let holder = EmbeddedPostgres::open(&held, Vec::new()).expect("claims the directory");
    let (ok, _, stderr) = verify_audit(&held, &[]);
    assert!(!ok);
    assert!(
        stderr.contains("whose PostgreSQL server is not running"),
        "{stderr}"
    );
    drop(holder);
    let _ = std::fs::remove_dir_all(&held);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Serves until the console is ready, returns its page, then stops the process with SIGTERM:
/// the page and the log.
fn serve_once(dir: &Path) -> (String, String) {
    let serving = Serving::start(dir, &[]);
    let page = serving.get("/t/bfg-control?lang=es");
    let page = page.expect("the console answered").text;
    (page, serving.stop())
}

#[test]
fn the_embedded_default_serves_stops_cleanly_and_keeps_its_data() {
    let dir = scratch("serve");
    let (page, log) = serve_once(&dir);
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<html lang=\"es\">"));
    assert!(page.contains("BLOCKED_PENDING_DRY_RUN"));
    assert!(log.contains("demo tenant created"), "{log}");
    assert!(log.contains("embedded PostgreSQL stopped"), "{log}");
    assert!(
        !dir.join("postgres").join("postmaster.pid").exists(),
        "the server is stopped"
    );
    // JSON log lines with the request id on the request's span.
    assert!(
        log.lines()
            .any(|l| l.starts_with('{') && l.contains("request_id")),
        "{log}"
    );

    let (page, log) = serve_once(&dir);
    assert!(page.starts_with("HTTP/1.1 200"));
    assert!(
        !log.contains("demo tenant created"),
        "the data persisted: {log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// One HTTP/1.1 exchange on a new connection; `None` when nothing answered within five
/// seconds (a request held through an outage counts as no answer).
fn exchange(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    form: &str,
) -> Option<Answer> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        request.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            form.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(form);
    stream.write_all(request.as_bytes()).ok()?;
    let mut text = String::new();
    stream.read_to_string(&mut text).ok()?;
    let status = text.split(' ').nth(1)?.parse().ok()?;
    Some(Answer { status, text })
}

/// A response: its status, and its head and body as text.
struct Answer {
    status: u16,
    text: String,
}

impl Answer {
    /// The value a `Set-Cookie` header gives the cookie `name`.
    fn cookie(&self, name: &str) -> Option<String> {
        let prefix = format!("set-cookie: {name}=");
        self.text.lines().find_map(|line| {
            let value = line.get(prefix.len()..)?;
            line[..prefix.len()]
                .eq_ignore_ascii_case(&prefix)
                .then(|| value.split(';').next().unwrap_or_default().to_owned())
        })
    }

    /// The value of the first input named `name`.
    fn input(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let at = self.text.find(&marker)? + marker.len();
        self.text[at..].split('"').next().map(str::to_owned)
    }
}

/// `serve` on a free port, logging JSON lines to a file.
struct Serving {
    child: Option<Child>,
    port: u16,
    log: PathBuf,
}

impl Serving {
    /// Starts serving with `dir` as its data directory, and the environment `env` (without
    /// DATABASE_URL unless `env` sets it); returns once `/readyz` answers 200.
    fn start(dir: &Path, env: &[(&str, &str)]) -> Self {
        std::fs::create_dir_all(dir).expect("dir");
        let port = free_port();
        let log = dir.with_extension("log");
        let mut serve = binary();
        serve
            .arg("--data-dir")
            .arg(dir)
            .args([
                "--log-format",
                "json",
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
            ])
            .envs(env.iter().copied());
        let child = serve_logging_to(&mut serve, &log);
        let serving = Self {
            child: Some(child),
            port,
            log,
        };
        let ready = within(Duration::from_secs(60), || {
            serving.get("/readyz").is_some_and(|a| a.status == 200)
        });
        assert!(ready, "never ready: {}", serving.log());
        serving
    }

    fn get(&self, path: &str) -> Option<Answer> {
        exchange(self.port, "GET", path, &[], "")
    }

    fn get_with(&self, path: &str, cookie: &str) -> Option<Answer> {
        exchange(self.port, "GET", path, &[("Cookie", cookie)], "")
    }

    fn post(&self, path: &str, cookie: Option<&str>, form: &str) -> Option<Answer> {
        let cookie = cookie.map(|c| ("Cookie", c));
        exchange(self.port, "POST", path, cookie.as_slice(), form)
    }

    /// Polls until `path` answers `status`, for at most `limit`: the answers on the way.
    fn poll_until(&self, path: &str, status: u16, limit: Duration) -> Vec<u16> {
        let start = Instant::now();
        let mut seen = Vec::new();
        while start.elapsed() < limit {
            let answer = self.get(path).map_or(0, |a| a.status);
            seen.push(answer);
            if answer == status {
                return seen;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "{path} did not answer {status} within {limit:?}: {seen:?}\n{}",
            self.log()
        );
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM; returns the log once the process exited cleanly.
    fn stop(mut self) -> String {
        let child = self.child.take().expect("running");
        let status = terminate(child);
        let log = self.log();
        assert!(status.success(), "exit after SIGTERM: {log}");
        log
    }
}

impl Drop for Serving {
    /// A failed test still stops the console (and so its server).
    fn drop(&mut self) {
        if let Some(child) = self.child.take() {
            terminate(child);
        }
    }
}

fn terminate(mut child: Child) -> std::process::ExitStatus {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    child.wait().expect("wait")
}

/// Whether `check` holds within `limit`, asking every 100 ms.
fn within(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// The pid `postmaster.pid` names (first line).
fn postmaster_pid(cluster: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(cluster.join("postmaster.pid")).ok()?;
    text.lines().next()?.trim().parse().ok()
}

/// The live processes working in `cluster`: a server's postmaster and backends (a zombie has
/// no working directory left).
fn server_processes(cluster: &Path) -> Vec<u32> {
    let cluster = cluster.canonicalize().expect("cluster");
    let entries = std::fs::read_dir("/proc").expect("/proc");
    entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let pid = entry.file_name().to_str()?.parse().ok()?;
            (std::fs::read_link(entry.path().join("cwd")).ok()? == cluster).then_some(pid)
        })
        .collect()
}

/// SIGKILLs the postmaster of the cluster in `cluster` and waits until its backends, which
/// notice a moment later, have exited too (until then they still answer the pool's
/// connections); returns the postmaster's pid.
fn kill_postmaster(cluster: &Path) -> u32 {
    let server = server_processes(cluster);
    let pid = postmaster_pid(cluster).expect("postmaster.pid");
    assert!(server.contains(&pid), "{pid} is not running: {server:?}");
    let status = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let gone = within(Duration::from_secs(10), || {
        !server_processes(cluster).iter().any(|p| server.contains(p))
    });
    assert!(gone, "the killed server's processes are still running");
    pid
}

/// The console signed in as Marek: his session cookie and the CSRF token of his forms.
fn sign_in_marek(serving: &Serving) -> (String, String) {
    let form = serving
        .get(&format!("{CONSOLE}/sign-in"))
        .expect("sign-in page");
    let token = form.cookie("sign-in").expect("the form's token cookie");
    let csrf = form.input("csrf").expect("csrf");
    let signed = serving
        .post(
            &format!("{CONSOLE}/sign-in"),
            Some(&format!("sign-in={token}")),
            &format!("username=marek&password=marek-dispatch&csrf={csrf}"),
        )
        .expect("signed in");
    assert_eq!(signed.status, 303, "{}", signed.text);
    let cookie = format!(
        "session={}",
        signed.cookie("session").expect("a new session id")
    );
    let page = serving
        .get_with(CONSOLE, &cookie)
        .expect("the console as Marek");
    let csrf = page.input("csrf").expect("Marek's forms carry a token");
    (cookie, csrf)
}

const CONSOLE: &str = "/t/bfg-control";

/// Asserts that a response is the 503 page in Spanish.
fn assert_unavailable_in_spanish(what: &str, answer: Option<Answer>) {
    let answer = answer.unwrap_or_else(|| panic!("{what}: no answer within five seconds"));
    assert_eq!(answer.status, 503, "{what}: {}", answer.text);
    assert!(
        answer
            .text
            .contains(&Lang::Es.tr().t("error-title-unavailable")),
        "{what}: {}",
        answer.text
    );
}

/// The writes a visitor can send while the database is down: a signed-in write and a sign-in
/// (with its form's token), each answered with the 503 page in their language; a write without
/// a session is sent to sign in, storing nothing.
fn assert_writes_answer_503(serving: &Serving, marek: &(String, String)) {
    let (cookie, csrf) = marek;
    let accept = format!(
        "csrf={csrf}&version=0&idempotency_key={}&note=Checked+upstream&url=https%3A%2F%2Fexample.org%2Fproof",
        uuid::Uuid::new_v4()
    );
    let write = format!("{CONSOLE}/items/passage.role_headers/accept?lang=es");
    let sign_in = format!("{CONSOLE}/sign-in?lang=es");
    let sent = Instant::now();
    std::thread::scope(|s| {
        let signed_write = s.spawn(|| serving.post(&write, Some(cookie), &accept));
        let signing_in = s.spawn(|| {
            serving.post(
                &sign_in,
                Some(&format!("{cookie}; sign-in=form-token-0123")),
                "username=anna&password=not-her-password&csrf=form-token-0123",
            )
        });
        let anonymous_write = s.spawn(|| serving.post(&write, None, &accept));
        assert_unavailable_in_spanish("a signed-in write", signed_write.join().unwrap());
        assert_unavailable_in_spanish("a sign-in", signing_in.join().unwrap());
        // Without a session nothing is kept and nothing needs the database: sign in first.
        let anonymous = anonymous_write
            .join()
            .unwrap()
            .expect("an answer within five seconds");
        assert_eq!(anonymous.status, 303, "{}", anonymous.text);
    });
    eprintln!("three writes answered in {:?}", sent.elapsed());
}

/// With its server gone, the console answers 503 (never a 500) to its page, to `/readyz` and to
/// the writes, once the cache has heard (until then it may still serve the page).
fn assert_the_console_answers_503(serving: &Serving, marek: &(String, String)) {
    let page = format!("{CONSOLE}?lang=es");
    let answers = serving.poll_until(&page, 503, Duration::from_secs(10));
    assert!(
        answers.iter().all(|s| *s == 200 || *s == 503),
        "{answers:?}"
    );
    assert_unavailable_in_spanish("the console", serving.get(&page));
    assert_eq!(serving.get("/readyz").map(|a| a.status), Some(503));
    assert_writes_answer_503(serving, marek);
}

#[test]
fn a_killed_embedded_server_is_restarted_and_the_console_answers_503_meanwhile() {
    let dir = scratch("supervised");
    let cluster = dir.join("postgres");
    let serving = Serving::start(&dir, &[]);
    let page = format!("{CONSOLE}?lang=es");
    let marek = sign_in_marek(&serving);

    // Killed: restarted, and the console is back within ten seconds.
    let killed = Instant::now();
    let first = kill_postmaster(&cluster);
    let deadline = Duration::from_secs(10);
    let restarted = within(deadline, || {
        serving.log().contains("embedded PostgreSQL restarted")
    });
    assert!(restarted, "no restart: {}", serving.log());
    serving.poll_until(&page, 200, deadline.saturating_sub(killed.elapsed()));
    eprintln!("killed to the page back: {:?}", killed.elapsed());
    let log = serving.log();
    assert!(
        log.contains("embedded PostgreSQL exited unexpectedly"),
        "{log}"
    );
    assert!(log.contains(r#""restart.attempt":1"#), "{log}");
    assert_ne!(postmaster_pid(&cluster), Some(first), "a new postmaster");

    // Killed and unable to start (its PG_VERSION is held back) until the test lets it: every
    // answer meanwhile is the 503 page, never a 500, and the attempts are logged.
    let version = cluster.join("PG_VERSION");
    let held = cluster.join("PG_VERSION.held");
    std::fs::rename(&version, &held).expect("hold PG_VERSION back");
    kill_postmaster(&cluster);
    assert_the_console_answers_503(&serving, &marek);
    let failed = within(Duration::from_secs(10), || {
        serving
            .log()
            .contains("embedded PostgreSQL restart attempt failed")
    });
    assert!(failed, "{}", serving.log());
    std::fs::rename(&held, &version).expect("give PG_VERSION back");
    serving.poll_until(&page, 200, Duration::from_secs(40));
    // Marek's session outlived both outages.
    let again = serving
        .get_with(CONSOLE, &marek.0)
        .expect("the console as Marek");
    assert!(again.input("csrf").is_some(), "still signed in");

    // Shutdown stops the server, and nothing starts it again.
    let log = serving.stop();
    assert!(log.contains("embedded PostgreSQL stopped"), "{log}");
    assert!(
        !cluster.join("postmaster.pid").exists(),
        "the server is stopped: {log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_server_named_by_database_url_is_not_restarted_and_the_console_answers_503_until_it_is_back() {
    // A server of the test's own: the binary makes its schema and demo tenant (on the embedded
    // default, which it stops again), then the test starts it and names it by DATABASE_URL.
    let external = scratch("external");
    let (ok, stderr) = run(&["seed-demo"], &external, &[]);
    assert!(ok, "{stderr}");
    let pg = EmbeddedPostgres::open(&external, Vec::new()).expect("open");
    pg.start().expect("start");
    let cluster = external.join("postgres");
    let app_url = pg.url(
        readiness_console::db::APP_ROLE,
        readiness_console::db::DATABASE,
    );
    let dir = scratch("external-console");
    let serving = Serving::start(&dir, &[("DATABASE_URL", &app_url)]);
    let page = format!("{CONSOLE}?lang=es");
    assert_eq!(serving.get(&page).map(|a| a.status), Some(200));
    let marek = sign_in_marek(&serving);

    let killed = kill_postmaster(&cluster);
    assert_the_console_answers_503(&serving, &marek);
    // By now a supervisor would have restarted it (it looks every second, first waits half a
    // second); give it two seconds more, then nothing may have started it.
    std::thread::sleep(Duration::from_secs(2));
    assert!(!pg.is_running(), "no one restarted the server");
    assert_eq!(postmaster_pid(&cluster), Some(killed), "no new postmaster");
    let log = serving.log();
    assert!(!log.contains("supervising embedded PostgreSQL"), "{log}");
    assert!(!log.contains("embedded PostgreSQL restart"), "{log}");

    // Its owner starts it again: the console recovers by itself.
    pg.start().expect("the owner restarts it");
    serving.poll_until(&page, 200, Duration::from_secs(30));
    serving.stop();
    pg.stop().expect("stop");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&external);
}

#[test]
fn tenant_commands_work_while_the_console_serves_their_data_dir() {
    let dir = scratch("tenants-serving");
    let serving = Serving::start(&dir, &[]);
    let cli = |args: &[&str]| {
        let out = binary()
            .arg("--data-dir")
            .arg(&dir)
            .args(args)
            .output()
            .expect("run the binary");
        outcome(&out)
    };
    let programme = programme_file();
    let (ok, stdout, stderr) = cli(&create_args("acme", programme.to_str().expect("path")));
    assert!(ok, "{stderr}");
    assert!(stdout.contains("/t/acme/invite/rc_inv_"), "{stdout}");
    serving.poll_until("/t/acme", 200, Duration::from_secs(5));
    let (ok, _, stderr) = cli(&["tenant", "suspend", "--slug", "acme", "--reason", "Audit."]);
    assert!(ok, "{stderr}");
    serving.poll_until("/t/acme", 423, Duration::from_secs(5));
    let (ok, _, stderr) = cli(&["tenant", "resume", "--slug", "acme"]);
    assert!(ok, "{stderr}");
    serving.poll_until("/t/acme", 200, Duration::from_secs(5));
    let (ok, stdout, stderr) = cli(&["tenant", "list"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("bfg-control") && stdout.contains("acme"),
        "{stdout}"
    );
    serving.stop();
}
