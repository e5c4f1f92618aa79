//! The embedded default, through the real binary: start, serve, stop, restart; and the refusals
//! that protect a data directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use readiness_console::db::embedded::EmbeddedPostgres;

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
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

/// Serves until the page answers, returns it, then stops the process with SIGTERM.
fn serve_once(dir: &Path) -> (String, String) {
    let port = free_port();
    let child = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args([
            "--log-format",
            "json",
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut page = None;
    for _ in 0..300 {
        if let Some(response) = http_get(port, "/t/bfg-control?lang=es") {
            page = Some(response);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let out = child.wait_with_output().expect("wait");
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "exit after SIGTERM: {log}");
    (page.expect("the console answered"), log)
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
