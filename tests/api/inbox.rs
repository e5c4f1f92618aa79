//! The inbox: each person of the demo sees what waits on them, a write moves the next owner's
//! list and the header badge, "since your last visit" lists what others did between two
//! sign-ins with links into the proof path, and the page is valid HTML in every language.

use readiness_console::i18n::Lang;
use readiness_console::readiness::catalogue::actors::OLENA;

use crate::html::Pages;
use crate::support::{Client, Page, TestApp, html_unescape};

const INBOX: &str = "/t/bfg-control/inbox";
const BADGE: &str = "/t/bfg-control/inbox/badge";
const DB_SCHEMA: &str = "passage.db_schema";

/// An item's label in English, as the demo names its environment.
fn label(key: &str) -> String {
    Lang::En.tr().t1(
        &format!("item-{}", key.replace('.', "-")),
        "environment",
        "local-demo",
    )
}

fn labels(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| label(k)).collect()
}

/// The inbox in English.
async fn inbox(client: &mut Client) -> Page {
    let page = client.get(&format!("{INBOX}?lang=en")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page
}

/// The badge's count as the header shows it (empty when nothing waits), and its label.
async fn badge(client: &mut Client) -> (String, String) {
    let page = client.get(&format!("{BADGE}?lang=en")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    (page.text("inbox-count"), page.text("visually-hidden"))
}

/// The `href` of the first link with this class.
fn href_of(page: &Page, class: &str) -> String {
    let marker = format!("class=\"{class}\" href=\"");
    let at = page.body.find(&marker).expect(class) + marker.len();
    html_unescape(&page.body[at..at + page.body[at..].find('"').expect("end of href")])
}

#[tokio::test]
async fn each_person_of_the_demo_sees_what_waits_on_them() {
    let app = TestApp::spawn().await;
    let anna_items = [
        "provider_acceptance.live_provider",
        "provider_acceptance.auth_rbac_owner",
        "provider_acceptance.tenant_secrets_boundary",
        "infrastructure.hosting",
        "infrastructure.region",
        "infrastructure.runtime_owner",
        "infrastructure.secrets_backup",
        "passage.contracts_frozen",
        "passage.migration_rollback",
        "connection.endpoint_reachability",
        "rollback.owner_ack",
        "rollback.storage_fallback",
    ];
    let cases: [(&str, Vec<&str>); 3] = [
        ("anna", anna_items.to_vec()),
        (
            "marek",
            vec![
                "passage.role_headers",
                "passage.scenario_store_rehearsal",
                "connection.endpoint_reachability",
            ],
        ),
        ("olena", vec![DB_SCHEMA, "passage.secrets_auth"]),
    ];
    let tr = Lang::En.tr();
    for (username, items) in cases {
        let mut person = app.actor(username).await;
        let page = inbox(&mut person).await;
        assert_eq!(page.texts("inbox-subject"), labels(&items), "{username}");
        // The header of every tenant page counts them, and links here.
        let console = person.console(Lang::En).await;
        assert_eq!(
            console.text("inbox-count"),
            items.len().to_string(),
            "{username}"
        );
        assert!(console.body.contains(&format!("href=\"{INBOX}?lang=en\"")));
        assert_eq!(
            badge(&mut person).await.1,
            tr.t1("inbox-badge-label", "count", items.len())
        );
    }
    // What each does: Olena accepts; Anna decides, accepts and runs a rehearsal.
    let mut olena = app.actor("olena").await;
    assert_eq!(
        inbox(&mut olena).await.texts("inbox-what"),
        [tr.t("inbox-task-accept"), tr.t("inbox-task-accept")]
    );
    let mut anna = app.actor("anna").await;
    let tasks = inbox(&mut anna).await.texts("inbox-what");
    for task in ["decide", "accept", "run_rehearsal"] {
        assert!(
            tasks.contains(&tr.t(&format!("inbox-task-{task}"))),
            "{task}"
        );
    }

    // Those who only read: nothing waits, and the page says why, kindly.
    for username in ["petro", "lviv", "reviewer"] {
        let mut person = app.actor(username).await;
        let page = inbox(&mut person).await;
        assert!(page.texts("inbox-subject").is_empty(), "{username}");
        assert_eq!(page.text("inbox-empty"), tr.t("inbox-waiting-reader"));
        assert_eq!(
            badge(&mut person).await,
            (String::new(), tr.t1("inbox-badge-label", "count", 0))
        );
    }
}

#[tokio::test]
async fn the_inbox_is_for_people_signed_in_and_looking_at_it_writes_nothing() {
    let app = TestApp::spawn().await;
    let mut anonymous = Client::new(&app.router);
    let page = anonymous.get(&format!("{INBOX}?lang=fr")).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), "/t/bfg-control/sign-in?lang=fr");
    // No badge for a visitor: nothing for htmx to swap (a live refresh can race a sign-out).
    assert_eq!(anonymous.get(BADGE).await.status, 204);
    let console = anonymous.get("/t/bfg-control?lang=en").await;
    assert!(!console.body.contains("inbox-badge"), "no badge signed out");

    let mut olena = app.actor("olena").await;
    let events = app.db.count_in_demo("audit_events").await;
    inbox(&mut olena).await;
    badge(&mut olena).await;
    assert_eq!(app.db.count_in_demo("audit_events").await, events);
}

#[tokio::test]
async fn accepting_the_last_check_puts_the_signature_in_the_directors_inbox_and_moves_both_badges()
{
    let app = TestApp::spawn().await;
    app.db.make_all_green().await;
    app.db
        .as_owner_in_demo(&format!(
            "update acceptances set revoked_at = now(), revoked_by = '{OLENA}',
                    revoke_reason = 'The column is missing again'
             where item_key = '{DB_SCHEMA}' and revoked_at is null;"
        ))
        .await;
    let tr = Lang::En.tr();
    let mut anna = app.actor("anna").await;
    let mut olena = app.actor("olena").await;
    for _ in 0..100 {
        if badge(&mut olena).await.0 == "1" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        inbox(&mut olena).await.texts("inbox-subject"),
        labels(&[DB_SCHEMA])
    );
    assert_eq!(badge(&mut olena).await.0, "1");
    assert!(inbox(&mut anna).await.texts("inbox-subject").is_empty());
    assert_eq!(badge(&mut anna).await.0, "");

    let done = olena
        .accept(DB_SCHEMA, "The column was added and checked.")
        .await;
    assert_eq!(done.status, 303, "{}", done.body);

    // Olena's list is empty now; Anna's holds the signature, which she can go and give.
    assert_eq!(badge(&mut olena).await.0, "");
    assert_eq!(
        inbox(&mut olena).await.text("inbox-empty"),
        tr.t("inbox-waiting-none")
    );
    assert_eq!(
        badge(&mut anna).await,
        ("1".to_owned(), tr.t1("inbox-badge-label", "count", 1))
    );
    let page = inbox(&mut anna).await;
    assert_eq!(page.texts("inbox-subject"), [tr.t("inbox-signoff-subject")]);
    assert_eq!(page.texts("inbox-what"), [tr.t("inbox-task-sign")]);
    assert_eq!(
        page.text("help inbox-detail"),
        tr.t2("inbox-signoff-detail", "given", 0, "required", 1)
    );
    let act = href_of(&page, "inbox-act");
    assert_eq!(act, "/t/bfg-control?lang=en#signoff");
    assert!(anna.get(&act).await.body.contains("id=\"signoff\""));
}

#[tokio::test]
async fn since_the_last_visit_lists_what_others_did_with_links_into_the_proof_path() {
    let app = TestApp::spawn().await;
    let tr = Lang::En.tr();
    // Anna's first visit: no earlier sign-in to compare with.
    let mut first = app.actor("anna").await;
    assert_eq!(
        inbox(&mut first).await.texts("inbox-empty"),
        [tr.t("inbox-since-first")]
    );

    // While she is away, Olena accepts her check.
    let mut olena = app.actor("olena").await;
    let done = olena
        .accept(DB_SCHEMA, "The column was added and checked.")
        .await;
    assert_eq!(done.status, 303, "{}", done.body);

    // Anna comes back in another browser: her last visit is her previous sign-in.
    let mut anna = app.actor("anna").await;
    let page = inbox(&mut anna).await;
    assert!(page.body.contains("class=\"help inbox-visit\""));
    assert_eq!(page.texts("inbox-who"), [olena_line()]);
    assert_eq!(
        page.texts("inbox-change-what"),
        [tr.t("audit-action-accept")]
    );
    assert_eq!(page.texts("inbox-target"), [label(DB_SCHEMA)]);
    let link = href_of(&page, "inbox-target");
    assert_eq!(link, format!("/t/bfg-control/items/{DB_SCHEMA}?lang=en"));
    let proof = anna.get(&link).await;
    assert_eq!(proof.status, 200);
    assert!(
        proof
            .body
            .contains(&crate::support::html_escape(&label(DB_SCHEMA)))
    );
    // Sign-ins are visits, not changes: Olena's and Anna's own are not listed (the lists
    // above hold the acceptance alone).

    // The first session's last visit is still none: the one before *its* sign-in.
    assert_eq!(
        inbox(&mut first).await.texts("inbox-empty"),
        [tr.t("inbox-since-first")]
    );
}

fn olena_line() -> String {
    format!("Olena Shevchenko · {}", Lang::En.tr().t("unit-finance"))
}

#[tokio::test]
async fn since_the_last_visit_lists_the_latest_fifty_and_links_to_the_rest() {
    let app = TestApp::spawn().await;
    let _ = app.actor("anna").await;
    let olena = app.db.writer(OLENA);
    for n in 0..26 {
        olena
            .accept(DB_SCHEMA, 2 * n, "The column was added and checked.")
            .await
            .expect("accept");
        olena
            .revoke(DB_SCHEMA, 2 * n + 1, "The column went missing again.")
            .await
            .expect("revoke");
    }
    let mut anna = app.actor("anna").await;
    let page = inbox(&mut anna).await;
    assert_eq!(page.texts("inbox-who").len(), 50);
    let rest = href_of(&page, "inbox-rest-link");
    assert!(
        rest.starts_with("/t/bfg-control/audit?lang=en&before="),
        "{rest}"
    );
    let audit = anna.get(&rest).await;
    assert_eq!(audit.status, 200);
    assert!(
        audit.body.contains(&tr_revoke()),
        "the older changes are there"
    );
}

fn tr_revoke() -> String {
    Lang::En.tr().t("audit-action-revoke")
}

#[tokio::test]
async fn the_inbox_is_valid_html_in_every_language() {
    let app = TestApp::spawn().await;
    let _ = app.actor("anna").await;
    let done = app
        .actor("olena")
        .await
        .accept(DB_SCHEMA, "The column was added and checked.")
        .await;
    assert_eq!(done.status, 303);
    let mut anna = app.actor("anna").await;
    let mut reviewer = app.actor("reviewer").await;
    let mut pages = Pages::new();
    for lang in Lang::ALL {
        let code = lang.code();
        for (who, client) in [("anna", &mut anna), ("reviewer", &mut reviewer)] {
            let page = client.get(&format!("{INBOX}?lang={code}")).await;
            assert_eq!(page.status, 200);
            assert_eq!(page.html_lang(), code);
            pages.keep(&format!("inbox-{who}-{code}"), &page);
        }
    }
    pages.assert_valid();
}
