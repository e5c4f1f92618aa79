//! Webhooks end to end: writes store their events in the outbox, the worker delivers them over
//! real TLS to a receiver run here, which verifies each signature with the `standardwebhooks`
//! crate as any receiver would. Failures back off on the app's clock (fixed here, and moved on
//! instead of waited for), die after the last try, and come back when retried.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::BodyExt;
use hyper_util::rt::TokioIo;
use readiness_console::clock::Clock;
use readiness_console::db::api_keys::KeyAuthor;
use readiness_console::db::outbox::DeliveryStatus;
use readiness_console::db::tenants::Stamp;
use readiness_console::db::webhooks::{self, Change, NewEndpoint};
use readiness_console::readiness::outbox::{self, EventType};
use readiness_console::webhook::{self, Settings, Worker};
use sqlx::PgPool;
use uuid::Uuid;

use crate::support::{TestApp, TestDb, Writer, test_key};

/// How the receiver answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Mode {
    /// 204.
    Ok = 0,
    /// 500.
    Fail = 1,
    /// 302 to another path of its own (which must never be asked for).
    Redirect = 2,
    /// Answers after 3 seconds.
    Slow = 3,
    /// 200 with a body of 64 MiB, sent as fast as it is read.
    Huge = 4,
}

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Got {
    pub path: String,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl Got {
    pub fn id(&self) -> String {
        self.headers["webhook-id"].to_str().unwrap().to_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// An HTTPS receiver on localhost, with a certificate from a CA of its own.
pub struct Receiver {
    pub url: String,
    pub ca: PathBuf,
    mode: Arc<AtomicU8>,
    got: Arc<Mutex<Vec<Got>>>,
}

fn openssl(args: &[&str]) {
    let out = std::process::Command::new("openssl")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let p = |n: &str| dir.join(n).to_str().unwrap().to_owned();
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    let (ca_key, ca_crt) = (p("ca.key"), p("ca.crt"));
    ca.extend([
        "-days",
        "2",
        "-subj",
        "/CN=receiver test CA",
        "-keyout",
        &ca_key,
        "-out",
        &ca_crt,
    ]);
    openssl(&ca);
    let (key, csr, crt, ext) = (p("leaf.key"), p("leaf.csr"), p("leaf.crt"), p("leaf.ext"));
    let mut req = vec!["req"];
    req.extend(ec);
    req.extend(["-subj", "/CN=localhost", "-keyout", &key, "-out", &csr]);
    openssl(&req);
    std::fs::write(&ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n").unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        &csr,
        "-CA",
        &ca_crt,
        "-CAkey",
        &ca_key,
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        &ext,
        "-out",
        &crt,
    ]);
    (ca_crt.into(), crt.into(), key.into())
}

impl Receiver {
    pub async fn start() -> Self {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("receiver-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let (ca, crt, key) = certificates(&dir);
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&crt)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let key = PrivateKeyDer::from_pem_file(&key).unwrap();
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mode = Arc::new(AtomicU8::new(Mode::Ok as u8));
        let got = Arc::new(Mutex::new(Vec::new()));
        let (m, g) = (mode.clone(), got.clone());
        tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    return;
                };
                let (acceptor, m, g) = (acceptor.clone(), m.clone(), g.clone());
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let service = hyper::service::service_fn(move |request| {
                        let (m, g) = (m.clone(), g.clone());
                        async move { answer(request, &m, &g).await }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        Self {
            url: format!("https://localhost:{port}/hooks/readiness"),
            ca,
            mode,
            got,
        }
    }

    pub fn set(&self, mode: Mode) {
        self.mode.store(mode as u8, Ordering::SeqCst);
    }

    pub fn got(&self) -> Vec<Got> {
        self.got.lock().unwrap().clone()
    }

    /// The settings a console needs to send here.
    pub fn settings(&self, timeout: Duration) -> Settings {
        let pem = std::fs::read(&self.ca).unwrap();
        Settings {
            allow_private: true,
            extra_roots: reqwest::Certificate::from_pem_bundle(&pem).unwrap(),
            timeout,
        }
    }
}

type Body = http_body_util::Full<bytes::Bytes>;

async fn answer(
    request: hyper::Request<hyper::body::Incoming>,
    mode: &AtomicU8,
    got: &Mutex<Vec<Got>>,
) -> Result<hyper::Response<http_body_util::Either<Body, HugeBody>>, std::convert::Infallible> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    got.lock().unwrap().push(Got {
        path: parts.uri.path().to_owned(),
        headers: parts.headers,
        body,
    });
    let small = |status: u16| {
        hyper::Response::builder()
            .status(status)
            .body(http_body_util::Either::Left(Body::default()))
            .unwrap()
    };
    Ok(match mode.load(Ordering::SeqCst) {
        0 => small(204),
        1 => small(500),
        2 => hyper::Response::builder()
            .status(302)
            .header("location", "/elsewhere")
            .body(http_body_util::Either::Left(Body::default()))
            .unwrap(),
        3 => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            small(204)
        }
        _ => hyper::Response::builder()
            .status(200)
            .body(http_body_util::Either::Right(HugeBody(64)))
            .unwrap(),
    })
}

/// A body of this many MiB, a mebibyte a frame.
pub struct HugeBody(u32);

impl hyper::body::Body for HugeBody {
    type Data = bytes::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        if self.0 == 0 {
            return std::task::Poll::Ready(None);
        }
        self.0 -= 1;
        std::task::Poll::Ready(Some(Ok(hyper::body::Frame::data(bytes::Bytes::from(
            vec![b'x'; 1 << 20],
        )))))
    }
}

/// The demo's endpoint for `events`, added as the operator: its id and secret.
pub async fn add_endpoint(
    pool: &PgPool,
    clock: &Clock,
    url: &str,
    events: &[EventType],
) -> (Uuid, String) {
    let id = Uuid::new_v4();
    let secret = webhook::secret_of(test_key(), id);
    let url = outbox::parse_url(url).unwrap();
    let hint = webhook::hint_of(&secret);
    let stamp = Stamp {
        key: test_key(),
        clock,
        request_id: "test",
    };
    webhooks::add(
        pool,
        "bfg-control",
        &NewEndpoint {
            id,
            url: &url,
            events,
            secret_hint: &hint,
        },
        KeyAuthor::Operator("operator:test"),
        &stamp,
    )
    .await
    .unwrap();
    (id, secret)
}

/// The demo's deliveries, newest first.
pub async fn deliveries(pool: &PgPool) -> Vec<webhooks::Delivery> {
    webhooks::deliveries(pool, "bfg-control", 10_000)
        .await
        .unwrap()
        .unwrap()
}

/// The delivery worker over `pool`, sending to `receiver` with this timeout (in seconds) and
/// telling the time by `clock`.
pub fn start_worker(pool: &PgPool, receiver: &Receiver, timeout: u64, clock: &Clock) -> Worker {
    Worker::start(
        pool.clone(),
        &receiver.settings(Duration::from_secs(timeout)),
        test_key().clone(),
        clock.clone(),
    )
    .unwrap()
}

/// Waits (up to 20 s) until `done` holds of the demo's deliveries.
pub async fn until(pool: &PgPool, what: &str, done: impl Fn(&[webhooks::Delivery]) -> bool) {
    for _ in 0..400 {
        if done(&deliveries(pool).await) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "timed out waiting for {what}: {:#?}",
        deliveries(pool).await
    );
}

/// Verifies `got` with `secret`, as a receiver does.
pub fn verify_with(secret: &str, got: &Got) {
    verify(secret, got);
}

fn verify(secret: &str, got: &Got) {
    standardwebhooks::Webhook::new(secret)
        .unwrap()
        .verify(&got.body, &got.headers)
        .unwrap_or_else(|e| panic!("the signature of {} does not verify: {e:?}", got.id()));
}

const ROLE_HEADERS: &str = "passage.role_headers";

/// What most tests here begin with: a fresh database, a receiver, and the demo's endpoint at it
/// for `events`, added on `clock`; and that endpoint's secret.
async fn hooked(clock: Clock, events: &[EventType]) -> (TestDb, Receiver, Clock, String) {
    let db = TestDb::new().await;
    let receiver = Receiver::start().await;
    let (_, secret) = add_endpoint(&db.app, &clock, &receiver.url, events).await;
    (db, receiver, clock, secret)
}

/// The worker's clock: fixed, and moved on by the tests instead of waited for. It starts an hour
/// ahead of the writers' (the system's), so what they store is due at once.
fn worker_clock() -> Clock {
    // Whole seconds, as PostgreSQL stores them exactly: a try's time reads back equal.
    let start = Clock::system().now() + time::Duration::hours(1);
    Clock::fixed(start.replace_nanosecond(0).unwrap())
}

#[tokio::test]
async fn an_acceptance_reaches_the_receiver_signed_with_its_event_id() {
    let app = TestApp::spawn().await;
    let receiver = Receiver::start().await;
    let clock = Clock::system();
    let (_, secret) = add_endpoint(
        &app.db.app,
        &clock,
        &receiver.url,
        &[EventType::ItemAccepted, EventType::ItemRevoked],
    )
    .await;
    let worker = start_worker(&app.db.app, &receiver, 5, &clock);
    let marek = app.db.writer("user_dispatcher_marek");
    marek
        .accept(ROLE_HEADERS, 0, "Headers checked at the gateway")
        .await
        .unwrap();
    until(&app.db.app, "the acceptance's delivery", |d| {
        d.iter().any(|d| d.status == DeliveryStatus::Delivered)
    })
    .await;
    let got = receiver.got();
    assert_eq!(got.len(), 1, "one event, one request: {got:?}");
    verify(&secret, &got[0]);
    let body = got[0].json();
    assert_eq!(body["type"], "item.accepted");
    assert_eq!(body["data"]["item"], ROLE_HEADERS);
    assert_eq!(body["data"]["tenant"], "bfg-control");
    assert_eq!(body["data"]["actor"], "user_dispatcher_marek");
    assert_eq!(body["data"]["eventId"], got[0].id());
    let stored: String = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_scalar("select id::text from outbox_events where type = 'item.accepted'")
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    };
    assert_eq!(got[0].id(), stored, "webhook-id is the outbox event's id");
    let delivered = deliveries(&app.db.app).await;
    assert_eq!(delivered[0].last_status, Some(204));
    assert_eq!(delivered[0].tries, 1);
    // Another tenant's secret does not verify it.
    let other = webhook::secret_of(test_key(), Uuid::new_v4());
    assert!(
        standardwebhooks::Webhook::new(&other)
            .unwrap()
            .verify(&got[0].body, &got[0].headers)
            .is_err()
    );
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn failures_back_off_die_after_the_last_try_and_a_retry_delivers_the_same_event() {
    let (db, receiver, clock, secret) = hooked(worker_clock(), &[EventType::ItemAccepted]).await;
    let worker = start_worker(&db.app, &receiver, 1, &clock);
    receiver.set(Mode::Fail);
    db.writer("user_dispatcher_marek")
        .accept(ROLE_HEADERS, 0, "Headers checked")
        .await
        .unwrap();
    // Each failure waits 1 min, 5, 15, 1 h, 6 h: moving the clock on by each wait brings the
    // next try, and after the sixth the delivery is dead.
    let waits = outbox::BACKOFF;
    for (tries, wait) in (1..).zip(waits) {
        let now = clock.now();
        until(&db.app, "the failed try", |d| {
            d[0].tries == tries && d[0].last_tried_at == Some(now)
        })
        .await;
        let d = &deliveries(&db.app).await[0];
        assert_eq!(d.last_status, Some(500));
        assert_eq!(d.last_error.as_deref(), Some("status"));
        assert_eq!(
            d.next_attempt_at,
            clock.now() + wait,
            "try {tries} waits {wait}"
        );
        clock.advance(wait);
    }
    until(&db.app, "the dead delivery", |d| {
        d[0].status == DeliveryStatus::Dead
    })
    .await;
    assert_eq!(deliveries(&db.app).await[0].tries, 6);
    assert_eq!(receiver.got().len(), 6);
    // The managing director retries it once the receiver is back.
    receiver.set(Mode::Ok);
    let id = deliveries(&db.app).await[0].id;
    let stamp = Stamp {
        key: test_key(),
        clock: &clock,
        request_id: "test",
    };
    let retry = |by| {
        let by = KeyAuthor::Person(by);
        webhooks::change(&db.app, "bfg-control", (Change::Retry, id), by, &stamp)
    };
    retry("user_md_anna").await.unwrap();
    until(&db.app, "the retried delivery", |d| {
        d[0].status == DeliveryStatus::Delivered
    })
    .await;
    let got = receiver.got();
    assert_eq!(got.len(), 7);
    let ids: BTreeSet<String> = got.iter().map(Got::id).collect();
    assert_eq!(ids.len(), 1, "every try carries the same webhook-id");
    for g in &got {
        verify(&secret, g);
    }
    // Only the managing director retries; a dead delivery only.
    let refused = retry("user_dispatcher_marek").await;
    assert!(
        matches!(refused, Err(webhooks::HookError::Forbidden)),
        "{refused:?}"
    );
    let again = retry("user_md_anna").await;
    assert!(
        matches!(again, Err(webhooks::HookError::Unknown(_))),
        "{again:?}"
    );
    worker.stop(Duration::from_secs(5)).await;
}

/// The events of [`toggle_role_headers`]'s writes.
const TOGGLED: [EventType; 2] = [EventType::ItemAccepted, EventType::ItemRevoked];

/// The `version`th write to the role headers check, at that version: an acceptance when it is
/// even, a revocation when it is odd.
async fn toggle_role_headers(writer: &Writer<'_>, version: i32) {
    if version % 2 == 0 {
        writer
            .accept(ROLE_HEADERS, version, "Headers checked at the gateway")
            .await
            .unwrap();
    } else {
        writer
            .revoke(ROLE_HEADERS, version, "The gateway was reconfigured")
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_redirect_is_not_followed_a_slow_receiver_times_out_and_a_huge_answer_is_not_read() {
    let (db, receiver, clock, _) = hooked(worker_clock(), &TOGGLED).await;
    let worker = start_worker(&db.app, &receiver, 1, &clock);
    let marek = db.writer("user_dispatcher_marek");
    for (version, (mode, failure, status)) in (0..).zip([
        (Mode::Redirect, Some("redirect"), Some(302)),
        (Mode::Slow, Some("timeout"), None),
        (Mode::Huge, None, Some(200)),
    ]) {
        receiver.set(mode);
        toggle_role_headers(&marek, version).await;
        until(&db.app, "the try", |d| {
            d.len() == usize::try_from(version + 1).unwrap()
                && d.iter().all(|d| d.last_tried_at.is_some())
        })
        .await;
        let all = deliveries(&db.app).await;
        let d = all.iter().max_by_key(|d| d.at).unwrap();
        assert_eq!(d.last_error.as_deref(), failure, "{mode:?}: {all:#?}");
        assert_eq!(d.last_status, status, "{mode:?}");
        assert!(
            d.last_duration_ms.unwrap() < 2_000,
            "{mode:?} took {:?} ms: no more than the timeout, and no body read",
            d.last_duration_ms
        );
    }
    assert!(
        receiver.got().iter().all(|g| g.path == "/hooks/readiness"),
        "the redirect's target was never asked for"
    );
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_receiver_down_for_the_middle_third_of_a_thousand_writes_gets_every_event() {
    let (db, receiver, clock, secret) = hooked(worker_clock(), &TOGGLED).await;
    let worker = start_worker(&db.app, &receiver, 5, &clock);
    let marek = db.writer("user_dispatcher_marek");
    for version in 0..1_000 {
        receiver.set(if (334..667).contains(&version) {
            Mode::Fail
        } else {
            Mode::Ok
        });
        toggle_role_headers(&marek, version).await;
    }
    // Back up: the failed ones come due a minute later.
    until(&db.app, "every first try", |d| {
        d.len() == 1_000 && d.iter().all(|d| d.tries >= 1 && d.last_tried_at.is_some())
    })
    .await;
    clock.advance(time::Duration::minutes(1));
    until(&db.app, "every delivery", |d| {
        d.iter().all(|d| d.status == DeliveryStatus::Delivered)
    })
    .await;
    let mut stored: Vec<String> = {
        let mut tx = db.demo_tx().await;
        sqlx::query_scalar(
            "select id::text from outbox_events where type in ('item.accepted', 'item.revoked')",
        )
        .fetch_all(&mut *tx)
        .await
        .unwrap()
    };
    stored.sort();
    let mut by_id: BTreeMap<String, Vec<Got>> = BTreeMap::new();
    for g in receiver.got() {
        by_id.entry(g.id()).or_default().push(g);
    }
    assert_eq!(
        by_id.keys().cloned().collect::<Vec<_>>(),
        stored,
        "every event at least once"
    );
    let repeated = by_id.values().filter(|copies| copies.len() > 1).count();
    assert!(repeated > 0, "the failed third was tried more than once");
    for copies in by_id.values() {
        let first = copies[0].json();
        for copy in copies {
            verify(&secret, copy);
            assert_eq!(copy.json(), first, "a repeat carries the same event");
        }
    }
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_lease_whose_worker_died_is_claimed_again() {
    let (db, receiver, clock, _) = hooked(Clock::system(), &[EventType::ItemAccepted]).await;
    db.writer("user_dispatcher_marek")
        .accept(ROLE_HEADERS, 0, "Headers checked at the gateway")
        .await
        .unwrap();
    // A worker claims it and dies before sending: its lease (2 s here) runs out.
    let claimed =
        readiness_console::db::outbox::claim(&db.app, clock.now(), Duration::from_secs(2), 10)
            .await
            .unwrap();
    assert_eq!(claimed.len(), 1);
    let worker = start_worker(&db.app, &receiver, 5, &clock);
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    assert!(receiver.got().is_empty(), "leased: nobody else sends it");
    until(&db.app, "the delivery after the lease", |d| {
        d[0].status == DeliveryStatus::Delivered
    })
    .await;
    assert_eq!(receiver.got().len(), 1);
    assert_eq!(
        deliveries(&db.app).await[0].tries,
        2,
        "the dead worker's claim counts as a try"
    );
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_move_of_the_decision_and_a_newly_actionable_check_are_events_too() {
    let db = TestDb::new().await;
    // No endpoint: the outbox records the events all the same.
    db.make_all_green().await;
    db.writer("user_md_anna").sign_off_go().await.unwrap();
    let mut tx = db.demo_tx().await;
    let events: Vec<(String, serde_json::Value)> =
        sqlx::query_as("select type, data from outbox_events order by at, type")
            .fetch_all(&mut *tx)
            .await
            .unwrap();
    drop(tx);
    let types: Vec<&str> = events.iter().map(|(t, _)| t.as_str()).collect();
    assert!(types.contains(&"signoff.go"), "{types:?}");
    let moved = events
        .iter()
        .find(|(t, _)| t == "readiness.changed")
        .unwrap_or_else(|| panic!("no readiness.changed in {types:?}"));
    assert_eq!(moved.1["to"], "GO");
    assert_ne!(moved.1["from"], "GO");
    assert_eq!(moved.1["actor"], "user_md_anna");
}

#[tokio::test]
async fn suspending_and_resuming_the_tenant_reach_its_receiver() {
    use readiness_console::db::tenants;
    use readiness_console::readiness::lifecycle::Command;
    let (db, receiver, clock, secret) = hooked(
        Clock::system(),
        &[EventType::TenantSuspended, EventType::TenantResumed],
    )
    .await;
    let worker = start_worker(&db.app, &receiver, 5, &clock);
    let operator = tenants::Operator {
        name: "olga.ops",
        request_id: "webhooks-test",
        key: test_key(),
        clock: &clock,
    };
    let suspend = Command::Suspend {
        reason: "Invoice overdue.".to_owned(),
    };
    tenants::command(&db.owner, "bfg-control", &suspend, &operator)
        .await
        .unwrap();
    tenants::command(&db.owner, "bfg-control", &Command::Resume, &operator)
        .await
        .unwrap();
    until(&db.app, "both deliveries", |d| {
        d.len() == 2 && d.iter().all(|d| d.status == DeliveryStatus::Delivered)
    })
    .await;
    let mut got = receiver.got();
    got.sort_by_key(|g| {
        g.json()["timestamp"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    });
    let types: Vec<String> = got
        .iter()
        .map(|g| g.json()["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(types, ["tenant.suspended", "tenant.resumed"]);
    assert_eq!(got[0].json()["data"]["reason"], "Invoice overdue.");
    assert_eq!(got[0].json()["data"]["actor"], "olga.ops");
    for g in &got {
        verify(&secret, g);
    }
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn the_webhook_command_line_prints_the_secret_once_lists_without_it_and_removes() {
    use crate::v1_gate::console_cli;
    let db = TestDb::new().await;
    let receiver = Receiver::start().await;
    // `webhook add` of an endpoint of the demo tenant at `url` for `events`.
    let add = |url, events| {
        vec![
            "add",
            "--tenant",
            "bfg-control",
            "--url",
            url,
            "--events",
            events,
        ]
    };
    let mut args = add(&receiver.url, "item.accepted, item.revoked");
    args.push("--allow-private");
    let (ok, stdout, stderr) = console_cli(&db, "webhook", &args);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("for item.accepted, item.revoked"),
        "{stdout}"
    );
    let secret = stdout
        .lines()
        .find(|l| l.starts_with("whsec_"))
        .expect("the secret, on a line of its own")
        .to_owned();
    let worker = start_worker(&db.app, &receiver, 5, &Clock::system());
    db.writer("user_dispatcher_marek")
        .accept(ROLE_HEADERS, 0, "Headers checked at the gateway")
        .await
        .unwrap();
    until(&db.app, "the delivery", |d| {
        d.iter().any(|d| d.status == DeliveryStatus::Delivered)
    })
    .await;
    verify(&secret, &receiver.got()[0]);

    let (ok, listed, stderr) = console_cli(&db, "webhook", &["list", "--tenant", "bfg-control"]);
    assert!(ok, "{stderr}");
    assert!(listed.contains(&receiver.url), "{listed}");
    assert!(listed.contains(&webhook::hint_of(&secret)), "{listed}");
    assert!(listed.contains("by operator:olga.ops"), "{listed}");
    assert!(!listed.contains(&secret), "{listed}");
    let id = listed.split_whitespace().next().unwrap().to_owned();

    let before = db.count_in_demo("webhook_endpoints").await;
    for (args, said) in [
        (
            add("http://hooks.example.com/", "item.accepted"),
            "an endpoint's URL must be https://",
        ),
        (
            add("https://hooks.example.com/", "item.exploded"),
            "that is not an event type the console emits",
        ),
        (
            add(&receiver.url, "item.accepted"),
            "that host resolves to a loopback, private or link-local address",
        ),
        (
            vec![
                "remove",
                "--tenant",
                "bfg-control",
                "--id",
                "5f0c6a8e-6c1e-4d1a-9d0e-2b7f4c3a9e10",
            ],
            "there is no such endpoint",
        ),
    ] {
        let (ok, stdout, stderr) = console_cli(&db, "webhook", &args);
        assert!(!ok, "{args:?} must fail: {stdout}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        let said: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("readiness-console: "))
            .collect();
        assert_eq!(said.len(), 1, "one sentence: {stderr}");
    }
    assert_eq!(db.count_in_demo("webhook_endpoints").await, before);

    let (ok, stdout, stderr) = console_cli(
        &db,
        "webhook",
        &["remove", "--tenant", "bfg-control", "--id", &id],
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("removed: nothing more is sent to it"),
        "{stdout}"
    );
    let (_, listed, _) = console_cli(&db, "webhook", &["list", "--tenant", "bfg-control"]);
    assert!(listed.trim().is_empty(), "{listed}");
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_server_killed_mid_delivery_loses_nothing_once_restarted() {
    use crate::v1_gate::Serving;
    let (db, receiver, _, secret) = hooked(Clock::system(), &[EventType::ItemAccepted]).await;
    let ca = receiver.ca.to_str().unwrap().to_owned();
    // Tries time out after 2 s, so a lease lasts 7 s.
    let flags = [
        "--webhooks-allow-private",
        "--webhooks-ca",
        &ca,
        "--webhook-timeout",
        "2s",
    ];
    let mut first = Serving::start_with(&db, &flags).await;
    // The receiver holds the first try (3 s) while the server is killed.
    receiver.set(Mode::Slow);
    db.writer("user_dispatcher_marek")
        .accept(ROLE_HEADERS, 0, "Headers checked at the gateway")
        .await
        .unwrap();
    for _ in 0..100 {
        if !receiver.got().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        receiver.got().len(),
        1,
        "the try is in flight: {}",
        first.log()
    );
    first.kill();
    let d = &deliveries(&db.app).await[0];
    assert_eq!(d.status, DeliveryStatus::Pending, "claimed, never settled");
    assert!(d.last_tried_at.is_none());
    receiver.set(Mode::Ok);
    let second = Serving::start_with(&db, &flags).await;
    until(&db.app, "the delivery by the restarted server", |d| {
        d[0].status == DeliveryStatus::Delivered
    })
    .await;
    let got = receiver.got();
    assert_eq!(got.len(), 2, "{}", second.log());
    assert_eq!(
        got[0].id(),
        got[1].id(),
        "the same event, the same webhook-id"
    );
    verify(&secret, &got[1]);
    assert_eq!(deliveries(&db.app).await[0].tries, 2);
}
