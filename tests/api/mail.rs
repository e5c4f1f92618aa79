//! Email against a real SMTP server (PyPI's aiosmtpd, run by `tests/mail/smtp_server.py`):
//! what it received — recipient, subject in the person's language, both parts, the links and
//! whether they work, `List-Unsubscribe` on reminders only — and what the console recorded
//! when the server refuses. The SMTP password shows nowhere a person could look.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use readiness_console::config::{MailConfig, ServeConfig};
use readiness_console::db;
use readiness_console::i18n::Lang;
use readiness_console::mail::{self, Worker};

use crate::support::{
    CONSOLE, Client, Logs, TestApp, author, secrets_dir, test_clock, test_config, test_key,
    test_secrets,
};

const USER: &str = "console";
const PASSWORD: &str = "smtp-pa55-Zq9-never-shown";
/// Where the mails' links point; the test strips it and follows the path on the router.
const BASE: &str = "http://console.test";
const IRENA_EMAIL: &str = "irena.kovac@example.com";

/// Where `scripts/test` installs aiosmtpd (`pip install --target`).
fn aiosmtpd_dir() -> PathBuf {
    let dir = std::env::var_os("AIOSMTPD").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/aiosmtpd"),
        PathBuf::from,
    );
    assert!(
        dir.join("aiosmtpd").is_dir(),
        "the SMTP server (PyPI's aiosmtpd) is missing at {}: run scripts/test, which installs it",
        dir.display()
    );
    dir
}

/// A running SMTP server, killed when dropped, and the folder its messages land in.
struct Smtp {
    child: Child,
    port: u16,
    out: tempfile::TempDir,
}

impl Smtp {
    fn start(mode: &str) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let out = tempfile::tempdir().expect("a folder for the messages");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mail/smtp_server.py");
        let mut child = Command::new("python3")
            .args(["-W", "ignore"])
            .arg(script)
            .arg(port.to_string())
            .arg(out.path())
            .args([mode, USER, PASSWORD])
            .env("PYTHONPATH", aiosmtpd_dir())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run python3");
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().expect("stdout")),
            &mut line,
        )
        .expect("the server's first line");
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        Self { child, port, out }
    }

    /// The messages received so far, oldest first.
    fn received(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<_> = std::fs::read_dir(self.out.path())
            .expect("the messages' folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).expect("a message")).expect("JSON"))
            .collect()
    }

    /// Waits until `n` messages have arrived (at most 20 s): all of them.
    async fn wait_for(&self, n: usize) -> Vec<serde_json::Value> {
        for _ in 0..200 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{n} mails expected, got {:?}", self.received());
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The console's configuration with mail through `smtp`, its URL in a secret file.
fn config_for(smtp: &Smtp) -> ServeConfig {
    let file = secrets_dir().join(format!("smtp-{}", uuid::Uuid::new_v4().simple()));
    std::fs::write(
        &file,
        format!("smtp://{USER}:{PASSWORD}@127.0.0.1:{}\n", smtp.port),
    )
    .expect("the secret file");
    ServeConfig {
        mail: Some(MailConfig {
            reference: format!("file:{}", file.display()),
            from: "Readiness Console <console@example.com>".into(),
            base_url: BASE.into(),
        }),
        ..test_config()
    }
}

/// The app with mail through `smtp`, and its sender.
async fn app_with_mail(smtp: &Smtp) -> (TestApp, Worker, mail::Settings) {
    let config = config_for(smtp);
    let settings = config
        .mail
        .as_ref()
        .unwrap()
        .settings(test_secrets())
        .expect("the mail settings");
    let app = TestApp::spawn_with(&config, test_clock().clone()).await;
    let worker = Worker::start(
        app.db.app.clone(),
        settings.clone(),
        test_key().clone(),
        test_clock().clone(),
    )
    .await
    .expect("the mail sender");
    (app, worker, settings)
}

/// The path of a link in a mail, without the console's address.
fn path_of(link: &str) -> String {
    link.strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{link} is not the console's"))
        .to_owned()
}

/// The first console link of a text part that contains `segment`.
fn link_in(text: &str, segment: &str) -> String {
    text.split_whitespace()
        .find(|w| w.starts_with(BASE) && w.contains(segment))
        .unwrap_or_else(|| panic!("no {segment} link in {text}"))
        .to_owned()
}

async fn scalar<T>(app: &TestApp, sql: &str) -> T
where
    T: Send + Unpin + for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    let mut tx = app.db.demo_tx().await;
    sqlx::query_scalar(sql)
        .fetch_one(&mut *tx)
        .await
        .expect(sql)
}

/// Anna, signed in in `lang`.
async fn anna_in(app: &TestApp, lang: &str) -> Client {
    let anna = crate::support::Account::named("anna");
    let mut client = Client::new(&app.router);
    let done = client.sign_in(anna.username, anna.password, lang).await;
    assert_eq!(done.status, 303, "{}", done.body);
    client
}

/// Anna invites Irena (a dispatcher) from the People page.
async fn invite_irena(anna: &mut Client, lang: Lang) {
    let page = anna.page_in("/people", lang).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let form = page
        .form("/people/invite")
        .set("name", "Irena Kovac")
        .set("email", IRENA_EMAIL)
        .set("role", "dispatcher");
    let answer = anna.submit(&form, &[]).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(!answer.body.contains(PASSWORD));
}

/// Irena follows the link of her invitation's mail and chooses her username and password.
async fn irena_accepts(app: &TestApp, link: &str) {
    let mut irena = Client::new(&app.router);
    let page = irena.get(&path_of(link)).await;
    assert_eq!(page.status, 200, "the mailed link works: {}", page.body);
    let form = page
        .form("name=\"csrf\"")
        .set("username", "irena")
        .set("password", "irena-dispatch-2026")
        .set("password_again", "irena-dispatch-2026");
    assert_eq!(irena.submit(&form, &[]).await.status, 303);
}

/// Irena, once she has accepted, signed in in Brazilian Portuguese; and her actor id.
async fn irena_in(app: &TestApp) -> (Client, String) {
    let mut irena = Client::new(&app.router);
    assert_eq!(
        irena
            .sign_in("irena", "irena-dispatch-2026", "pt-BR")
            .await
            .status,
        303
    );
    let irena_id: String = scalar(
        app,
        "select actor_id from actors where email = 'irena.kovac@example.com'",
    )
    .await;
    (irena, irena_id)
}

fn assert_both_parts(mail: &serde_json::Value) {
    assert_eq!(mail["content_type"], "multipart/alternative", "{mail}");
    let text = mail["text"].as_str().expect("a plain-text part");
    let html = mail["html"].as_str().expect("an HTML part");
    assert!(!text.contains('<'), "{text}");
    assert!(html.contains("<a href=\""), "{html}");
    assert!(!text.contains(PASSWORD) && !html.contains(PASSWORD));
}

#[tokio::test]
async fn invitations_and_resets_are_mailed_in_the_persons_language_and_their_links_work() {
    let smtp = Smtp::start("accept");
    let (app, worker, settings) = app_with_mail(&smtp).await;
    // Anna works in Spanish: the invitation she sends is in Spanish.
    let mut anna = anna_in(&app, "es").await;
    invite_irena(&mut anna, Lang::Es).await;
    let got = smtp.wait_for(1).await;
    let invitation = &got[0];
    assert_eq!(invitation["rcpt"], serde_json::json!([IRENA_EMAIL]));
    assert!(
        invitation["to"].as_str().unwrap().contains("Irena Kovac"),
        "{invitation}"
    );
    assert!(
        invitation["subject"]
            .as_str()
            .unwrap()
            .starts_with("Invitación a la consola de preparación de"),
        "{invitation}"
    );
    assert_both_parts(invitation);
    assert!(invitation["headers"].get("list-unsubscribe").is_none());
    let link = link_in(invitation["text"].as_str().unwrap(), "/invite/rc_inv_");
    assert!(invitation["html"].as_str().unwrap().contains(&link));
    // Sent: the link is no longer kept in the queue (only its SHA-256, in the invitations).
    let kept: i64 = scalar(
        &app,
        "select count(*) from mail_queue where content is not null or status <> 'sent'",
    )
    .await;
    assert_eq!(kept, 0);
    irena_accepts(&app, &link).await;

    // Irena signs in in Brazilian Portuguese; the reset Anna (in Spanish) sends her is in hers.
    let (_irena, irena_id) = irena_in(&app).await;
    db::people::issue_reset(
        &app.db.app,
        &author(crate::support::ANNA),
        uuid::Uuid::new_v4(),
        &irena_id,
    )
    .await
    .expect("a reset");
    let got = smtp.wait_for(2).await;
    let reset = &got[1];
    assert_eq!(
        reset["subject"], "Escolha uma nova senha para BFG Control",
        "{reset}"
    );
    assert_both_parts(reset);
    let link = link_in(reset["text"].as_str().unwrap(), "/reset/");
    let page = Client::new(&app.router).get(&path_of(&link)).await;
    assert_eq!(page.status, 200, "{}", page.body);

    // The password is nowhere: not in the pages, the queue, or the settings' debug text.
    for page in ["/people", "/account", ""] {
        let shown = anna.page_in(page, Lang::Es).await;
        assert!(!shown.body.contains(PASSWORD), "{page}");
    }
    let rows: String = scalar(
        &app,
        "select coalesce(string_agg(m::text, '|'), '') from mail_queue m",
    )
    .await;
    assert!(!rows.contains(PASSWORD));
    assert!(!format!("{settings:?}").contains(PASSWORD));
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_reminder_reaches_the_owner_in_their_language_and_unsubscribing_stops_the_next() {
    let smtp = Smtp::start("accept");
    let (app, worker, _) = app_with_mail(&smtp).await;
    let mut anna = anna_in(&app, "en").await;
    invite_irena(&mut anna, Lang::En).await;
    let got = smtp.wait_for(1).await;
    irena_accepts(&app, &link_in(got[0]["text"].as_str().unwrap(), "/invite/")).await;
    let (mut irena, irena_id) = irena_in(&app).await;
    // Two open checks of the dispatchers', waiting on Marek today.
    let items: Vec<String> = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_scalar(
            "select w->>0 from tenant_summaries, jsonb_array_elements(waiting) w
             where w->>1 = 'user_dispatcher_marek' order by 1 limit 2",
        )
        .fetch_all(&mut *tx)
        .await
        .unwrap()
    };
    assert_eq!(items.len(), 2, "{items:?}");
    let assign = |item: String| {
        let (pool, irena_id) = (app.db.app.clone(), irena_id.clone());
        async move {
            db::people::assign_owner(
                &pool,
                &author(crate::support::ANNA),
                uuid::Uuid::new_v4(),
                &item,
                &irena_id,
            )
            .await
            .expect("Anna assigns the check to Irena");
        }
    };
    assign(items[0].clone()).await;
    let got = smtp.wait_for(2).await;
    let reminder = &got[1];
    assert_eq!(reminder["rcpt"], serde_json::json!([IRENA_EMAIL]));
    assert!(
        reminder["subject"]
            .as_str()
            .unwrap()
            .starts_with("Aguardando você: "),
        "{reminder}"
    );
    assert_both_parts(reminder);
    let text = reminder["text"].as_str().unwrap();
    let item_link = link_in(text, &format!("/items/{}", items[0]));
    let page = irena.get(&path_of(&item_link)).await;
    assert_eq!(page.status, 200);
    let header = reminder["headers"]["list-unsubscribe"].as_str().unwrap();
    assert_eq!(
        reminder["headers"]["list-unsubscribe-post"],
        "List-Unsubscribe=One-Click"
    );
    let unsubscribe = link_in(text, "/unsubscribe/");
    assert_eq!(header, format!("<{unsubscribe}>"));
    assert!(reminder["html"].as_str().unwrap().contains(&unsubscribe));

    // GET asks and changes nothing.
    let mut provider = Client::new(&app.router);
    let mut html = crate::html::Pages::new();
    html.keep(
        "reminder-mail",
        &crate::support::Page {
            status: axum::http::StatusCode::OK,
            headers: axum::http::HeaderMap::new(),
            body: reminder["html"].as_str().unwrap().to_owned(),
            bytes: Vec::new(),
        },
    );
    let page = provider.get(&path_of(&unsubscribe)).await;
    html.keep("unsubscribe", &page);
    assert_eq!(page.status, 200, "{unsubscribe}");
    assert!(page.body.contains("Parar os lembretes"), "{}", page.body);
    let on: bool = scalar(
        &app,
        "select reminders from accounts where username = 'irena'",
    )
    .await;
    assert!(on);
    // A forged token is refused.
    let forged = path_of(&unsubscribe).replace("/unsubscribe/", "/unsubscribe/x");
    assert_eq!(provider.post(&forged, &[], &[]).await.status, 404);
    // The one-click POST, from no session and no page of ours (RFC 8058), unsubscribes.
    let done = provider
        .post(
            &path_of(&unsubscribe),
            &[("List-Unsubscribe", "One-Click")],
            &[],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    html.keep("unsubscribed", &done);
    let on: bool = scalar(
        &app,
        "select reminders from accounts where username = 'irena'",
    )
    .await;
    assert!(!on);
    // The account page shows the setting off.
    let account = irena
        .page_in("/account", Lang::from_tag("pt-BR").unwrap())
        .await;
    assert!(
        account
            .body
            .contains("Você não recebe e-mail quando uma verificação passa a aguardar você."),
        "{}",
        account.body
    );

    // The next check assigned to her sends no reminder.
    assign(items[1].clone()).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(smtp.received().len(), 2);
    let queued: i64 = scalar(
        &app,
        "select count(*) from mail_queue where kind = 'waiting'",
    )
    .await;
    assert_eq!(queued, 1);
    html.keep("account-reminders", &account);
    html.assert_valid();
    // Her account page turns them on again.
    let form = account.form("/account/reminders");
    assert_eq!(irena.submit(&form, &[]).await.status, 303);
    let on: bool = scalar(
        &app,
        "select reminders from accounts where username = 'irena'",
    )
    .await;
    assert!(on);
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_refusing_server_is_recorded_retried_with_backoff_then_dead_and_nothing_is_lost() {
    // Everything logged on this thread (the tests' runtime runs the sender's tasks on it too).
    let (logs, _logging) = Logs::capture(tracing::Level::TRACE);
    let smtp = Smtp::start("refuse");
    let (app, worker, _) = app_with_mail(&smtp).await;
    let mut anna = anna_in(&app, "en").await;
    invite_irena(&mut anna, Lang::En).await;
    let outcome = || async {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_as::<_, (String, i32, Option<i32>, Option<String>, bool, bool)>(
            "select status, tries, last_code, last_error, content is not null,
                    next_attempt_at > now() + interval '30 seconds'
             from mail_queue",
        )
        .fetch_one(&mut *tx)
        .await
        .unwrap()
    };
    let mut first = outcome().await;
    for _ in 0..100 {
        if first.1 > 0 && first.2.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        first = outcome().await;
    }
    let (status, tries, code, error, kept, later) = first.clone();
    assert_eq!(
        (status.as_str(), tries, code),
        ("pending", 1, Some(550)),
        "{first:?}"
    );
    let error = error.unwrap();
    assert!(error.contains("refuses the console's mail"), "{error}");
    assert!(!error.contains(PASSWORD));
    assert!(kept && later, "kept for its next try, a minute later");
    // Its last try comes due: refused again, it is dead, and still there to be seen.
    app.db
        .as_owner_in_demo("update mail_queue set tries = 5, next_attempt_at = now()")
        .await;
    let mut last = outcome().await;
    for _ in 0..100 {
        if last.0 == "dead" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        last = outcome().await;
    }
    assert_eq!((last.0.as_str(), last.1, last.2), ("dead", 6, Some(550)));
    assert!(last.4, "a dead mail keeps what it says");
    assert!(smtp.received().is_empty());
    worker.stop(Duration::from_secs(5)).await;
    // Everything logged meanwhile, at every level (the SMTP dialogue included), names no password.
    // (Which of the worker's and the driver's lines reach this thread's subscriber depends on
    // which test first met their call sites, in this process of many tests: the capture itself
    // is proven by a line of this test's own.)
    tracing::warn!("mail test: the capture works");
    let logged = logs.text();
    assert!(logged.contains("mail test: the capture works"), "{logged}");
    assert!(!logged.contains(PASSWORD), "{logged}");
}

#[tokio::test]
async fn without_an_smtp_server_no_mail_is_queued_and_pages_say_nothing_of_mail() {
    let app = TestApp::spawn().await;
    let mut anna = anna_in(&app, "en").await;
    invite_irena(&mut anna, Lang::En).await;
    let queued: i64 = scalar(&app, "select count(*) from mail_queue").await;
    assert_eq!(queued, 0);
    let account = anna.get(&format!("{CONSOLE}/account?lang=en")).await;
    assert_eq!(account.status, 200);
    assert!(
        !account.body.contains("account-reminders"),
        "{}",
        account.body
    );
}
