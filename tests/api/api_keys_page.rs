//! The API keys of the People page: the managing director creates one (shown once), assigns an
//! attest key's account a check, and revokes a key, which stops working at once; nobody else
//! can, and a read key's account owns nothing.

use axum::http::StatusCode;
use readiness_console::i18n::Lang;

use crate::support::{Page, TestApp, html_unescape};
use crate::v1::call;

/// The key the page shows once.
fn shown_key(page: &Page) -> String {
    let at = page
        .body
        .find("id=\"people-link\">")
        .unwrap_or_else(|| panic!("the page shows no key: {}", page.body));
    let rest = &page.body[at + "id=\"people-link\">".len()..];
    html_unescape(&rest[..rest.find('<').expect("end of key")])
}

const READINESS: &str = "/v1/tenants/bfg-control/readiness";

#[tokio::test]
async fn the_director_creates_a_key_sees_it_once_and_revoking_it_ends_it_at_once() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna.page_in("/people", Lang::Fr).await;
    assert!(page.body.contains("Clés d’API"), "{}", page.body);
    assert!(page.body.contains("Aucune clé d’API pour l’instant."));
    let form = page
        .form("/people/api-keys?")
        .set("name", "deploy-pipeline")
        .set("scope", "read")
        .set("expires", "90");
    let created = anna.submit(&form, &[]).await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert!(created.body.contains("Clé d’API deploy-pipeline créée"));
    let key = shown_key(&created);
    assert!(key.starts_with("rc_key_"), "{key}");
    // Only its hash is kept, and the page never shows it again.
    let stored: i64 = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_scalar(
            "select count(*) from api_keys where sha256 = encode(sha256($1::bytea), 'hex')",
        )
        .bind(key.as_bytes())
        .fetch_one(&mut *tx)
        .await
        .unwrap()
    };
    assert_eq!(stored, 1);
    let again = anna.page_in("/people", Lang::En).await;
    assert!(!again.body.contains(&key));
    assert!(
        again.body.contains(&format!("{}…", &key[..19])),
        "{}",
        again.body
    );
    // The service account is no person: not in the people's table.
    assert!(!again.body.contains("id=\"person-svc-deploy-pipeline\""));

    let bearer = format!("Bearer {key}");
    let read = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
    assert_eq!(read.status, StatusCode::OK);

    let revoke = again.form("/people/api-keys/deploy-pipeline/revoke");
    let revoked = anna.submit(&revoke, &[]).await;
    assert_eq!(revoked.status, 303, "{}", revoked.body);
    let after = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let done = anna
        .get("/t/bfg-control/people?lang=es&done=key_revoked")
        .await;
    assert!(
        done.body
            .contains("La clave de API se revocó: ya no funciona.")
    );

    // Both are events of the chain, by Anna.
    let events: Vec<(String, String, String)> = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_as(
            "select actor_id, action, target from audit_events
             where action in ('create_api_key', 'revoke_api_key') order by seq",
        )
        .fetch_all(&mut *tx)
        .await
        .unwrap()
    };
    assert_eq!(
        events,
        [
            (
                "user_md_anna".into(),
                "create_api_key".into(),
                "deploy-pipeline:read".into()
            ),
            (
                "user_md_anna".into(),
                "revoke_api_key".into(),
                "deploy-pipeline".into()
            ),
        ]
    );
    assert!(crate::support::verify_chain(&app.db.app).await.is_some());
}

#[tokio::test]
async fn a_bad_key_form_says_why_in_the_readers_language_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let mut anna = app.actor("anna").await;
    let page = anna
        .page_in("/people", Lang::from_tag("pt-BR").expect("pt-BR"))
        .await;
    let form = page
        .form("/people/api-keys?")
        .set("name", "Deploy Pipeline");
    let refused = anna.submit(&form, &[]).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("O nome de uma chave tem de 1 a 63"),
        "{}",
        refused.body
    );
    let form = page
        .form("/people/api-keys?")
        .set("name", "ci")
        .set("scope", "admin");
    assert_eq!(anna.submit(&form, &[]).await.status, 422);
    let form = page
        .form("/people/api-keys?")
        .set("name", "ci")
        .set("scope", "read");
    let made = anna.submit(&form, &[]).await;
    assert_eq!(made.status, 200, "{}", made.body);
    let page = anna.page_in("/people", Lang::En).await;
    let twice = page
        .form("/people/api-keys?")
        .set("name", "ci")
        .set("scope", "attest");
    let refused = anna.submit(&twice, &[]).await;
    assert_eq!(refused.status, 409);
    assert!(refused.body.contains("A live key has this name already"));
    assert_eq!(app.db.count_in_demo("api_keys").await, 1);

    // Marek may not manage keys: refused by the server, whatever his form says.
    let mut marek = app.actor("marek").await;
    let forged = page
        .form("/people/api-keys?")
        .set("name", "marek-key")
        .set("scope", "read");
    let csrf = marek
        .page_in("", Lang::En)
        .await
        .form("name=\"csrf\"")
        .field("csrf")
        .to_owned();
    let answer = marek.submit(&forged.set("csrf", csrf), &[]).await;
    assert_eq!(answer.status, 403);
    assert_eq!(app.db.count_in_demo("api_keys").await, 1);
}

#[tokio::test]
async fn only_an_attest_keys_account_may_be_given_a_check_and_never_a_decision() {
    let app = TestApp::spawn().await;
    crate::v1::key(
        &app,
        "reader",
        readiness_console::readiness::api_key::Scope::Read,
    )
    .await;
    crate::v1::key(
        &app,
        "ci-rollback",
        readiness_console::readiness::api_key::Scope::Attest,
    )
    .await;
    let mut anna = app.actor("anna").await;
    let page = anna.page_in("/people", Lang::En).await;
    let item = "passage.migration_rollback";
    let form = page.form(&format!("/owners/{item}"));
    assert!(page.body.contains("value=\"svc-ci-rollback\""));
    // The read key's account is offered nowhere, and refused if sent.
    assert!(!page.body.contains("value=\"svc-reader\""));
    let refused = anna
        .submit(&form.clone().set("choice", "svc-reader"), &[])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let page = anna.page_in("/people", Lang::En).await;
    let decision = page
        .form("/owners/decision_board.adapter_selection")
        .set("choice", "svc-ci-rollback");
    assert_eq!(anna.submit(&decision, &[]).await.status, 422);
    let page = anna.page_in("/people", Lang::En).await;
    let given = page
        .form(&format!("/owners/{item}"))
        .set("choice", "svc-ci-rollback");
    assert_eq!(anna.submit(&given, &[]).await.status, 303);
    let owner: String = {
        let mut tx = app.db.demo_tx().await;
        sqlx::query_scalar("select owner_actor_id from catalogue_items where key = $1")
            .bind(item)
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    };
    assert_eq!(owner, "svc-ci-rollback");
}
