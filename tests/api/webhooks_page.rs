//! The webhooks page: the managing director adds an endpoint (its secret shown once, and the
//! receiver verifies deliveries with it), sees the deliveries and removes the endpoint; bad
//! input is refused in the reader's language with nothing written; nobody else gets in.

use std::time::Duration;

use readiness_console::i18n::Lang;
use readiness_console::webhook::Worker;

use crate::support::{Page, TestApp, html_unescape, test_clock, test_config, test_key};
use crate::webhooks::{Receiver, until, verify_with};

/// The secret the page shows once.
fn shown_secret(page: &Page) -> String {
    let at = page
        .body
        .find("id=\"people-link\">")
        .unwrap_or_else(|| panic!("the page shows no secret: {}", page.body));
    let rest = &page.body[at + "id=\"people-link\">".len()..];
    html_unescape(&rest[..rest.find('<').expect("end of secret")])
}

fn pt_br() -> Lang {
    Lang::from_tag("pt-BR").expect("pt-BR is spoken")
}

async fn endpoints(app: &TestApp) -> i64 {
    app.db.count_in_demo("webhook_endpoints").await
}

#[tokio::test]
async fn the_director_adds_an_endpoint_whose_secret_verifies_its_deliveries_then_removes_it() {
    let mut config = test_config();
    config.webhooks.allow_private = true;
    let app = TestApp::spawn_with(&config, test_clock().clone()).await;
    let receiver = Receiver::start().await;
    let worker = Worker::start(
        app.db.app.clone(),
        &receiver.settings(Duration::from_secs(5)),
        test_key().clone(),
        test_clock().clone(),
    )
    .unwrap();
    let mut anna = app.actor("anna").await;
    let people = anna.page_in("/people", pt_br()).await;
    assert!(people.body.contains("id=\"people-webhooks-link\""));
    let page = anna.page_in("/webhooks", Lang::Fr).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Aucune destination pour l’instant."));
    assert!(page.body.contains("Rien n’a encore été livré."));
    let form = page
        .form("/webhooks?")
        .set("url", receiver.url.as_str())
        .set("event:item.accepted", "on")
        .set("event:signoff.go", "on");
    let added = anna.submit(&form, &[]).await;
    assert_eq!(added.status, 200, "{}", added.body);
    let secret = shown_secret(&added);
    assert!(secret.starts_with("whsec_"), "{secret}");
    assert!(added.body.contains("Copiez-le maintenant"));
    // The list shows the start of its SHA-256, never the secret again.
    let again = anna.page_in("/webhooks", Lang::En).await;
    assert!(!again.body.contains(&secret));
    let hint = readiness_console::webhook::hint_of(&secret);
    assert!(
        again.body.contains(&format!("SHA-256 {hint}…")),
        "{}",
        again.body
    );
    assert!(again.body.contains("A check was accepted, GO was signed"));

    // Marek accepts his check: the receiver gets it, signed with the secret shown.
    app.db
        .writer("user_dispatcher_marek")
        .accept("passage.role_headers", 0, "Headers checked at the gateway")
        .await
        .unwrap();
    until(&app.db.app, "the delivery", |d| {
        d.iter()
            .any(|d| d.status == readiness_console::db::outbox::DeliveryStatus::Delivered)
    })
    .await;
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    verify_with(&secret, &got[0]);
    let deliveries = anna.page_in("/webhooks", Lang::Es).await;
    let row = deliveries.text("delivery-status status-delivered");
    assert_eq!(row, "Entregada");
    assert!(
        deliveries.body.contains("HTTP 204 en "),
        "{}",
        deliveries.body
    );

    // Removed: nothing more is sent to it.
    let remove = deliveries.form("/remove?");
    let removed = anna.submit(&remove, &[]).await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert_eq!(
        endpoints(&app).await,
        1,
        "a removed endpoint stays, for the trail"
    );
    let done = anna
        .get("/t/bfg-control/webhooks?lang=pt-BR&done=removed")
        .await;
    assert!(
        done.body
            .contains("Destino removido: nada mais é enviado a ele.")
    );
    assert!(done.body.contains("id=\"webhooks-none\""));
    let trail: Vec<String> = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_scalar(
            "select action from audit_events where action like '%webhook%' order by seq",
        )
        .fetch_all(&mut *tx)
        .await
        .unwrap()
    };
    assert_eq!(trail, ["add_webhook", "remove_webhook"]);
    worker.stop(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_bad_endpoint_is_refused_in_each_language_keeping_the_url_and_writing_nothing() {
    // The console as deployed: private addresses refused.
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let cases: [(&str, &[&str], Lang, &str); 5] = [
        (
            "http://hooks.example.com/in",
            &["item.accepted"],
            Lang::En,
            "The URL must begin with https://",
        ),
        (
            "https://127.0.0.1:9/in",
            &["item.accepted"],
            Lang::Es,
            "Esa dirección está en una red local, privada o de enlace local",
        ),
        (
            "https://localhost:9/in",
            &["item.accepted"],
            Lang::Fr,
            "Cette adresse est sur un réseau local, privé ou lien-local",
        ),
        (
            "https://hooks.example.com/in",
            &[],
            pt_br(),
            "Escolha ao menos um evento.",
        ),
        (
            "https://hooks.example.com/in",
            &["item.exploded"],
            Lang::En,
            "One of the events is not one the console sends.",
        ),
    ];
    for (url, events, lang, message) in cases {
        let page = anna.page_in("/webhooks", lang).await;
        let mut form = page.form("/webhooks?").set("url", url);
        for event in events {
            form = form.set(&format!("event:{event}"), "on");
        }
        let refused = anna.submit(&form, &[]).await;
        assert_eq!(refused.status, 422, "{url}: {}", refused.body);
        assert!(
            refused.body.contains(message),
            "{url} in {lang:?}: {}",
            refused.body
        );
        assert!(
            refused.body.contains(&format!("value=\"{url}\"")),
            "the URL as typed is kept"
        );
        assert!(!refused.body.contains("whsec_"));
    }
    assert_eq!(endpoints(&app).await, 0);
}

#[tokio::test]
async fn only_the_director_sees_or_changes_the_webhooks() {
    let app = TestApp::spawn().await;
    let anna_page = {
        let mut anna = app.actor("anna").await;
        anna.page_in("/webhooks", Lang::En).await
    };
    let mut marek = app.actor("marek").await;
    let page = marek.page_in("/webhooks", Lang::En).await;
    assert_eq!(page.status, 403);
    // Anna's form, sent with Marek's session (and his token): refused on the server.
    let own = marek.page_in("", Lang::En).await;
    let csrf = own
        .try_form("/sign-out")
        .map(|f| f.field("csrf").to_owned())
        .unwrap_or_default();
    let form = anna_page
        .form("/webhooks?")
        .set("csrf", csrf)
        .set("url", "https://hooks.example.com/in")
        .set("event:item.accepted", "on");
    let refused = marek.submit(&form, &[]).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(endpoints(&app).await, 0);
    // A visitor is sent to sign in.
    let visitor = app.get("/t/bfg-control/webhooks", &[]).await;
    assert!(
        [303, 401].contains(&visitor.status.as_u16()),
        "{}",
        visitor.status
    );
}
