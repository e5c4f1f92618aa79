//! The live console: `GET /t/{tenant}/events` read by a raw HTTP client off a real socket (the
//! headers, the events a write sends, the catch-up, the streams' ends), and two instances on
//! one database with Chromium watching one while the other is written to.

use std::time::{Duration, Instant};

use readiness_console::config::ServeConfig;
use readiness_console::i18n::Lang;
use readiness_console::web::{self, AppState};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{CONSOLE, TestApp, TestDb, eventually, test_clock, test_config, test_key};

/// One app instance serving a real socket, stopped gracefully through [`Instance::stop`].
struct Instance {
    addr: std::net::SocketAddr,
    state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    served: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Instance {
    /// An instance over `pool`, as `serve` runs it (its own LISTEN connection).
    async fn start(pool: sqlx::PgPool, config: &ServeConfig) -> Self {
        let state = AppState::new(pool, test_key().clone(), config, test_clock().clone());
        state.spawn_listener();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = tokio::spawn(web::serve(listener, state.clone(), async move {
            let _ = stopped.await;
        }));
        // The cache (and with it the hub's notifications) is live once the listener is.
        let cache = state.cache.clone();
        eventually(|| {
            let cache = cache.clone();
            async move { cache.is_live() }
        })
        .await;
        Self {
            addr,
            state,
            stop: Some(stop),
            served,
        }
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Asks for a graceful stop; how long serving took to finish.
    async fn stop(mut self) -> Duration {
        let began = Instant::now();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(Duration::from_secs(10), &mut self.served)
            .await
            .expect("the server stops within ten seconds")
            .expect("joined")
            .expect("served");
        began.elapsed()
    }
}

/// The app (for signing in and writing through the router) and one instance on a socket, both
/// over one fresh database.
async fn served(config: &ServeConfig) -> (TestApp, Instance) {
    let db = TestDb::new().await;
    let instance = Instance::start(db.app.clone(), config).await;
    let router = web::app(instance.state.clone());
    (TestApp { db, router }, instance)
}

/// A config whose streams tick every `keep_alive`.
fn ticking(keep_alive: Duration) -> ServeConfig {
    ServeConfig {
        sse_keep_alive: keep_alive,
        ..test_config()
    }
}

/// One event of a stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SseEvent {
    event: String,
    data: String,
    id: String,
    comment: bool,
}

/// A raw HTTP/1.1 client reading an event stream: the status line and headers, then events as
/// they arrive (de-chunked by hand: nothing between the test and the bytes).
struct Stream {
    socket: TcpStream,
    status: u16,
    headers: Vec<(String, String)>,
    buffer: Vec<u8>,
    text: String,
    chunked: bool,
    ended: bool,
}

impl Stream {
    async fn open(addr: std::net::SocketAddr, path: &str, headers: &[(&str, &str)]) -> Self {
        let mut socket = TcpStream::connect(addr).await.expect("connect");
        let mut request =
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        socket.write_all(request.as_bytes()).await.expect("send");
        let mut stream = Self {
            socket,
            status: 0,
            headers: Vec::new(),
            buffer: Vec::new(),
            text: String::new(),
            chunked: false,
            ended: false,
        };
        while !stream.buffer.windows(4).any(|w| w == b"\r\n\r\n") {
            assert!(stream.fill(Duration::from_secs(5)).await, "headers arrive");
        }
        let end = stream
            .buffer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of head");
        let head = String::from_utf8_lossy(&stream.buffer[..end]).into_owned();
        stream.buffer.drain(..end + 4);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        stream.status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_default();
        for line in lines {
            if let Some((name, value)) = line.split_once(':') {
                stream
                    .headers
                    .push((name.trim().to_lowercase(), value.trim().to_owned()));
            }
        }
        stream.chunked = stream.header("transfer-encoding") == "chunked";
        stream
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// Reads more bytes; false at the end of the connection or after `wait`.
    async fn fill(&mut self, wait: Duration) -> bool {
        let mut bytes = [0u8; 8192];
        match tokio::time::timeout(wait, self.socket.read(&mut bytes)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                self.ended = true;
                false
            }
            Ok(Ok(n)) => {
                self.buffer.extend_from_slice(&bytes[..n]);
                true
            }
            Err(_) => false,
        }
    }

    /// Moves whole chunks of the body from the buffer to the text; true at the last chunk.
    fn dechunk(&mut self) -> bool {
        if !self.chunked {
            self.text.push_str(&String::from_utf8_lossy(&self.buffer));
            self.buffer.clear();
            return false;
        }
        loop {
            let Some(line_end) = self.buffer.windows(2).position(|w| w == b"\r\n") else {
                return false;
            };
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&self.buffer[..line_end]).trim(), 16)
                    .expect("a chunk size");
            if size == 0 {
                return true;
            }
            if self.buffer.len() < line_end + 2 + size + 2 {
                return false;
            }
            let chunk = self.buffer[line_end + 2..line_end + 2 + size].to_vec();
            self.text.push_str(&String::from_utf8_lossy(&chunk));
            self.buffer.drain(..line_end + 2 + size + 2);
        }
    }

    /// The next event (a comment counts), or `None` when the stream ended or nothing came
    /// within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<SseEvent> {
        let deadline = Instant::now() + wait;
        loop {
            let last = self.dechunk();
            if let Some(end) = self.text.find("\n\n") {
                let block: String = self.text.drain(..end + 2).collect();
                let mut event = SseEvent::default();
                for line in block.lines() {
                    if let Some(comment) = line.strip_prefix(':') {
                        event.comment = true;
                        event.data = comment.trim().to_owned();
                    } else if let Some((field, value)) = line.split_once(':') {
                        let value = value.strip_prefix(' ').unwrap_or(value);
                        match field {
                            "event" => event.event = value.to_owned(),
                            "id" => event.id = value.to_owned(),
                            "data" if event.data.is_empty() => event.data = value.to_owned(),
                            "data" => {
                                event.data.push('\n');
                                event.data.push_str(value);
                            }
                            _ => {}
                        }
                    }
                }
                return Some(event);
            }
            if last || self.ended {
                self.ended = true;
                return None;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || !self.fill(left).await && !self.ended {
                if self.ended {
                    continue;
                }
                return None;
            }
        }
    }

    /// Events (not comments) up to and including the first `state`, within `wait`.
    async fn until_state(&mut self, wait: Duration) -> Vec<SseEvent> {
        let deadline = Instant::now() + wait;
        let mut seen = Vec::new();
        while let Some(event) = self
            .next(deadline.saturating_duration_since(Instant::now()))
            .await
        {
            if event.comment {
                continue;
            }
            let done = event.event == "state";
            seen.push(event);
            if done {
                return seen;
            }
        }
        panic!("no state event within {wait:?}; got {seen:?}");
    }

    /// Reads until the stream ends: the events on the way; panics if it is still open after
    /// `wait`.
    async fn until_end(&mut self, wait: Duration) -> Vec<SseEvent> {
        let deadline = Instant::now() + wait;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "the stream is still open; got {seen:?}");
            match self.next(left).await {
                Some(event) => seen.push(event),
                None if self.ended => return seen,
                None => {}
            }
        }
    }
}

/// Marek, signed in through the router: his session cookie, for the raw client.
async fn marek_cookie(app: &TestApp) -> (crate::support::Actor, String) {
    let marek = app.actor("marek").await;
    let cookie = format!("session={}", marek.cookie("session").expect("a session"));
    (marek, cookie)
}

/// The audit head's seq, as the database has it.
async fn audit_head(app: &TestApp) -> i64 {
    let (mut tx, tenant) = app.db.app_tx().await;
    sqlx::query_scalar("select seq from audit_heads where tenant_id = $1")
        .bind(tenant)
        .fetch_one(&mut *tx)
        .await
        .expect("the head")
}

/// Every section of the console as a visitor's htmx refresh draws it, by id.
async fn sections_as_drawn(app: &TestApp) -> Vec<(String, String)> {
    let page = app.get(CONSOLE, &[]).await;
    let mut ids = Vec::new();
    for part in page.body.split("<section id=\"").skip(1) {
        ids.push(part.split('"').next().unwrap_or_default().to_owned());
    }
    let mut drawn = Vec::new();
    for id in ids {
        let fragment = app
            .get(
                &format!("{CONSOLE}/sections/{id}"),
                &[("HX-Request", "true")],
            )
            .await;
        assert_eq!(fragment.status, 200, "{id}");
        drawn.push((id, fragment.body));
    }
    drawn
}

const ROLE: &str = "passage.role_headers";

#[tokio::test]
async fn a_write_sends_the_sections_it_moved_and_the_new_version_uncompressed() {
    let (app, instance) = served(&test_config()).await;
    let (mut marek, cookie) = marek_cookie(&app).await;
    let version = audit_head(&app).await;
    let mut stream = Stream::open(
        instance.addr,
        &format!("{CONSOLE}/events?v={version}"),
        &[("Cookie", &cookie), ("Accept-Encoding", "gzip, br")],
    )
    .await;
    assert_eq!(stream.status, 200);
    assert_eq!(stream.header("content-type"), "text/event-stream");
    assert_eq!(stream.header("x-accel-buffering"), "no");
    assert_eq!(stream.header("cache-control"), "no-cache");
    assert_eq!(stream.header("content-encoding"), "", "never compressed");
    // Up to date: nothing to catch up on.
    assert_eq!(stream.next(Duration::from_millis(300)).await, None);

    let before = sections_as_drawn(&app).await;
    let answer = marek.accept(ROLE, "Role headers verified on staging").await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let events = stream.until_state(Duration::from_secs(5)).await;
    let after = sections_as_drawn(&app).await;

    let new_version = audit_head(&app).await;
    assert!(new_version > version);
    let state = events.last().expect("state");
    assert_eq!(state.data, new_version.to_string());
    assert_eq!(state.id, new_version.to_string());
    let mut sent: Vec<String> = events[..events.len() - 1]
        .iter()
        .map(|e| {
            assert_eq!(e.data, new_version.to_string());
            e.event
                .strip_prefix("section-")
                .expect("a section event")
                .to_owned()
        })
        .collect();
    // Exactly the sections a visitor sees drawn differently.
    let mut moved: Vec<String> = before
        .iter()
        .zip(&after)
        .filter(|((_, b), (_, a))| b != a)
        .map(|((id, _), _)| id.clone())
        .collect();
    sent.sort();
    moved.sort();
    assert!(moved.contains(&"passage".to_owned()), "{moved:?}");
    assert!(!moved.contains(&"providers".to_owned()), "{moved:?}");
    assert_eq!(sent, moved);
    instance.stop().await;
}

#[tokio::test]
async fn a_page_behind_the_current_version_is_sent_every_section_at_once() {
    let (app, instance) = served(&test_config()).await;
    let (_marek, cookie) = marek_cookie(&app).await;
    let page = app.get(CONSOLE, &[]).await;
    let sections = page.body.matches("<section id=\"").count();
    let version = audit_head(&app).await;
    for (query, headers) in [
        ("?v=0", vec![]),
        // A browser reconnecting says where it was in `Last-Event-ID`.
        ("", vec![("Last-Event-ID", "0")]),
    ] {
        let mut headers = headers;
        headers.push(("Cookie", cookie.as_str()));
        let mut stream =
            Stream::open(instance.addr, &format!("{CONSOLE}/events{query}"), &headers).await;
        let events = stream.until_state(Duration::from_secs(2)).await;
        assert_eq!(events.len(), sections + 1, "{events:?}");
        assert!(events.iter().all(|e| e.id == version.to_string()));
        assert!(events.iter().any(|e| e.event == "section-decision"));
    }
    // The page the console draws for Marek connects at its own version, in its language.
    let mut marek = crate::support::Client::new(&app.router);
    marek.set_cookie("session", cookie.trim_start_matches("session="));
    let console = marek.page_in("", Lang::Fr).await;
    assert!(
        console.body.contains(&format!(
            "data-sse-connect=\"/t/bfg-control/events?v={version}&#38;lang=fr\""
        )),
        "{}",
        console.body
    );
    instance.stop().await;
}

#[tokio::test]
async fn a_visitor_is_told_to_sign_in_and_the_stream_ends() {
    let (_app, instance) = served(&test_config()).await;
    let mut stream = Stream::open(instance.addr, &format!("{CONSOLE}/events?lang=es"), &[]).await;
    assert_eq!(stream.status, 200);
    let events = stream.until_end(Duration::from_secs(2)).await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].event, "signed-out");
    assert!(events[0].data.contains(&Lang::Es.tr().t("live-sign-in")));
    assert!(events[0].data.contains("/t/bfg-control/sign-in?lang=es"));
    instance.stop().await;
}

#[tokio::test]
async fn signing_out_elsewhere_ends_the_stream_with_a_sign_in_prompt() {
    let (app, instance) = served(&ticking(Duration::from_millis(300))).await;
    let (mut marek, cookie) = marek_cookie(&app).await;
    let mut stream = Stream::open(
        instance.addr,
        &format!("{CONSOLE}/events?v={}&lang=fr", audit_head(&app).await),
        &[("Cookie", &cookie)],
    )
    .await;
    // Keep-alive comments while the session counts.
    let first = stream
        .next(Duration::from_secs(2))
        .await
        .expect("a comment");
    assert!(first.comment, "{first:?}");

    let page = marek.get(CONSOLE).await;
    let sign_out = page.form("/sign-out");
    assert_eq!(marek.submit(&sign_out, &[]).await.status, 303);
    let events: Vec<SseEvent> = stream
        .until_end(Duration::from_secs(3))
        .await
        .into_iter()
        .filter(|e| !e.comment)
        .collect();
    let last = events.last().expect("an event");
    assert_eq!(last.event, "signed-out");
    assert!(last.data.contains(&Lang::Fr.tr().t("live-signed-out")));
    assert!(last.data.contains(&Lang::Fr.tr().t("live-sign-in")));
    instance.stop().await;
}

#[tokio::test]
async fn suspending_the_tenant_ends_its_streams() {
    let (app, instance) = served(&test_config()).await;
    let (_marek, cookie) = marek_cookie(&app).await;
    let mut stream = Stream::open(
        instance.addr,
        &format!("{CONSOLE}/events?v={}", audit_head(&app).await),
        &[("Cookie", &cookie)],
    )
    .await;
    assert_eq!(stream.next(Duration::from_millis(200)).await, None);
    app.db.suspend_demo().await;
    stream.until_end(Duration::from_secs(3)).await;
    assert_eq!(instance.state.live.watched(), 0);
    // And a new one is refused by the status policy.
    let again = Stream::open(
        instance.addr,
        &format!("{CONSOLE}/events"),
        &[("Cookie", &cookie)],
    )
    .await;
    assert_eq!(again.status, 423);
    instance.stop().await;
}

#[tokio::test]
async fn a_stream_outlives_the_request_timeout_and_a_graceful_stop_ends_it_promptly() {
    let config = ServeConfig {
        request_timeout: Duration::from_millis(500),
        ..ticking(Duration::from_millis(200))
    };
    let (app, instance) = served(&config).await;
    let (_marek, cookie) = marek_cookie(&app).await;
    let mut streams = Vec::new();
    for _ in 0..5 {
        let stream = Stream::open(
            instance.addr,
            &format!("{CONSOLE}/events?v={}", audit_head(&app).await),
            &[("Cookie", &cookie)],
        )
        .await;
        assert_eq!(stream.status, 200);
        streams.push(stream);
    }
    assert_eq!(instance.state.live.watched(), 1);
    // Past the request timeout, a stream still ticks: it is not a slow request.
    tokio::time::sleep(Duration::from_millis(800)).await;
    for stream in &mut streams {
        let tick = stream.next(Duration::from_secs(1)).await.expect("a tick");
        assert!(tick.comment, "{tick:?}");
    }
    let took = instance.stop().await;
    assert!(took < Duration::from_secs(2), "stopping took {took:?}");
    for stream in &mut streams {
        stream.until_end(Duration::from_secs(1)).await;
    }
}

#[tokio::test]
async fn a_write_on_one_instance_updates_a_chromium_page_served_by_another_within_a_second() {
    let db = TestDb::new().await;
    let a = Instance::start(db.app.clone(), &test_config()).await;
    // Instance B: a pool of its own to the same database, and its own LISTEN connection.
    let b_pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect_with(db.app.connect_options().as_ref().clone())
        .await
        .expect("a second pool");
    let b = Instance::start(b_pool, &test_config()).await;
    let app = TestApp {
        router: web::app(a.state.clone()),
        db,
    };
    let mut marek = app.actor("marek").await;

    let driver = crate::browser::start_driver();
    let browser = crate::browser::Browser::new(&driver, &b.base(), true).await;
    browser.sign_in("anna").await;
    browser.open("", "en").await;
    // Connected: instance B watches the tenant.
    eventually(|| async { b.state.live.watched() == 1 }).await;
    browser.eval("window.notReloaded = true; return null").await;
    let count = "#passage .section-count";
    let before = browser.text(count).await;
    assert!(!before.is_empty());
    let shots = std::path::Path::new("/work/shots/sse");
    let keep = std::fs::create_dir_all(shots).is_ok();
    browser.scroll_to("#passage").await;
    if keep {
        shot(&browser, shots, "b-before").await;
    }

    let answer = marek.accept(ROLE, "Role headers verified on staging").await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let committed = Instant::now();
    loop {
        let now = browser.text(count).await;
        if !now.is_empty() && now != before {
            break;
        }
        assert!(
            committed.elapsed() < Duration::from_secs(1),
            "instance B's page still shows {before:?} a second after the write on A"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = committed.elapsed();
    assert_eq!(
        browser.eval("return window.notReloaded === true").await,
        true
    );
    browser.scroll_to("#passage").await;
    if keep {
        shot(&browser, shots, "b-after").await;
    }
    browser.assert_quiet().await;
    eprintln!("instance B's page moved {took:?} after the write on instance A");
    a.stop().await;
    b.stop().await;
}

/// A screenshot of the browser's window into `dir`.
async fn shot(browser: &crate::browser::Browser, dir: &std::path::Path, name: &str) {
    let png = browser.screenshot().await;
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write the screenshot");
}
