//! Time is a parameter: an app built with a fixed clock dates its pages, its audit events and
//! its sessions' ages by that clock, and a test moves it on instead of waiting. And the served
//! app's tunables come from its `ServeConfig`.

use readiness_console::clock::Clock;
use readiness_console::config::{ServeConfig, SessionLifetimes, SignInLimit};
use readiness_console::i18n::Lang;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::support::{CONSOLE, Client, TestApp, html_unescape, signed_in, test_config};

/// Far from any day the tests run on, with nanoseconds the database cannot keep.
const AT: OffsetDateTime = datetime!(2031-05-17 08:45:30.123456789 UTC);

/// An event's time as PostgreSQL keeps it: to the microsecond.
const AT_STORED: OffsetDateTime = datetime!(2031-05-17 08:45:30.123456 UTC);

const SIGNED_IN_AS_MAREK: &str = "Marek Zielinski · Dispatcher";

/// Whether the console page shows Marek signed in to this client.
async fn shows_marek(client: &mut Client) -> bool {
    let page = client.get(&format!("{CONSOLE}?lang=en")).await;
    assert_eq!(page.status, 200);
    page.body.contains(
        &Lang::En
            .tr()
            .t1("account-signed-in-as", "who", SIGNED_IN_AS_MAREK),
    )
}

/// The accept form of `passage.role_headers` as the console draws it for Marek.
async fn role_headers_form(marek: &mut Client) -> [(&'static str, String); 6] {
    let page = marek.get(&format!("{CONSOLE}?lang=en")).await;
    let form = "id=\"form-passage-role_headers\"";
    assert!(page.body.contains(form), "Marek sees his form");
    [
        ("csrf", page.input_after(form, "csrf")),
        ("version", page.input_after(form, "version")),
        ("idempotency_key", page.input_after(form, "idempotency_key")),
        (
            "note",
            "Role headers verified against the staging gateway".into(),
        ),
        ("url", String::new()),
        ("checksum", String::new()),
    ]
}

/// Sends a drawn accept form; the answer.
async fn send(client: &mut Client, form: &[(&'static str, String); 6]) -> crate::support::Page {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client
        .post(
            "/t/bfg-control/items/passage.role_headers/accept?lang=en",
            &fields,
            &[],
        )
        .await
}

/// How many acceptances of `passage.role_headers` the demo tenant holds.
async fn role_headers_acceptances(app: &TestApp) -> i64 {
    let mut tx = app.db.demo_tx().await;
    sqlx::query_scalar("select count(*) from acceptances where item_key = 'passage.role_headers'")
        .fetch_one(&mut *tx)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_fixed_clock_dates_the_print_page_and_the_audit_event_of_a_write() {
    let clock = Clock::fixed(AT);
    let app = TestApp::spawn_with(&test_config(), clock.clone()).await;
    let tr = Lang::En.tr();

    let print = app.get(&format!("{CONSOLE}/print?lang=en"), &[]).await;
    assert_eq!(print.status, 200);
    let generated = tr.t1("print-generated", "date", tr.datetime(&AT));
    assert!(
        html_unescape(&print.body).contains(&generated),
        "{generated} on the print page"
    );

    // An hour later by the app's clock, not by ours.
    let later = clock.advance(time::Duration::HOUR);
    let mut marek = signed_in(&app, "marek", "marek-dispatch").await;
    let form = role_headers_form(&mut marek).await;
    assert_eq!(send(&mut marek, &form).await.status, 303);
    let mut tx = app.db.demo_tx().await;
    let (action, at): (String, OffsetDateTime) =
        sqlx::query_as("select action, at from audit_events order by seq desc limit 1")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!(action, "accept");
    assert_eq!(at, AT_STORED + time::Duration::HOUR);
    // The audit trail shows it at that time, and the chain that hashed it still verifies.
    let trail = marek.get(&format!("{CONSOLE}/audit?lang=en")).await;
    assert!(html_unescape(&trail.body).contains(&format!("<td>{}</td>", tr.datetime(&later))));
    assert!(matches!(
        crate::support::verify_chain(&app.db.app).await,
        Some(readiness_console::chain::Verification::Intact { .. })
    ));
    // The verification says when it was checked: at the app's time.
    let verified = marek.get(&format!("{CONSOLE}/audit/verify?lang=en")).await;
    assert_eq!(verified.status, 200);
    let checked = tr.t1("audit-verify-checked-at", "date", tr.datetime(&later));
    assert!(
        html_unescape(&verified.body).contains(&checked),
        "{checked}"
    );
}

#[tokio::test]
async fn a_sign_in_ends_once_the_clock_passes_its_absolute_lifetime() {
    let clock = Clock::fixed(AT);
    let app = TestApp::spawn_with(&test_config(), clock.clone()).await;
    let mut marek = signed_in(&app, "marek", "marek-dispatch").await;
    assert!(shows_marek(&mut marek).await);

    // Twelve hours of activity, by the app's clock: the lifetime is reached, not passed.
    for _ in 0..12 {
        clock.advance(time::Duration::HOUR);
        assert!(shows_marek(&mut marek).await);
    }
    let form = role_headers_form(&mut marek).await;
    clock.advance(time::Duration::SECOND);
    // The form drawn a second ago is sent to sign in, and nothing is written.
    let refused = send(&mut marek, &form).await;
    assert_eq!(refused.status, 303);
    assert_eq!(refused.header("location"), "/t/bfg-control/sign-in?lang=en");
    assert_eq!(role_headers_acceptances(&app).await, 0);
    assert!(!shows_marek(&mut marek).await, "signed out past 12 hours");

    // Signing in again starts a new lifetime at the clock's time.
    let mut again = signed_in(&app, "marek", "marek-dispatch").await;
    clock.advance(time::Duration::hours(11));
    assert!(shows_marek(&mut again).await);
}

#[tokio::test]
async fn the_session_lifetime_and_the_sign_in_throttle_come_from_the_config() {
    let clock = Clock::fixed(AT);
    let config = ServeConfig {
        sessions: SessionLifetimes {
            absolute: std::time::Duration::from_secs(60),
            ..test_config().sessions
        },
        sign_in: SignInLimit {
            attempts: 2,
            ..test_config().sign_in
        },
        ..test_config()
    };
    let app = TestApp::spawn_with(&config, clock.clone()).await;
    let mut marek = signed_in(&app, "marek", "marek-dispatch").await;
    clock.advance(time::Duration::SECOND * 60);
    assert!(shows_marek(&mut marek).await);
    clock.advance(time::Duration::SECOND);
    assert!(!shows_marek(&mut marek).await, "signed out past a minute");

    // Marek has signed in once: one attempt left for his account in this window.
    signed_in(&app, "marek", "marek-dispatch").await;
    let mut third = Client::new(&app.router);
    let form = third.get(&format!("{CONSOLE}/sign-in?lang=en")).await;
    let refused = third
        .post(
            &format!("{CONSOLE}/sign-in?lang=en"),
            &[
                ("username", "marek"),
                ("password", "marek-dispatch"),
                ("csrf", &form.input_after("<form", "csrf")),
            ],
            &[],
        )
        .await;
    assert_eq!(refused.status, 429);
    assert!(refused.body.contains(&Lang::En.tr().t("sign-in-throttled")));
}
