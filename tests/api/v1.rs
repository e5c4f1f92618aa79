//! The `/v1` API: keys, the readiness and its `ETag`, problem documents, an `attest` key's
//! writes with `Idempotency-Key`, the audit trail's pages.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use readiness_console::db::api_keys::{self, NewKey};
use readiness_console::db::tenants::Stamp;
use readiness_console::readiness::api_key::{KeyName, Scope};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{TestApp, test_clock, test_key};

/// An answer of the API.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub json: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// Sends `method path` with `headers` and `body` through the app.
pub async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::from(body.to_owned())).expect("request"))
        .await
        .expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        json,
    }
}

/// A new key of the demo tenant, created by Anna.
pub async fn key(app: &TestApp, name: &str, scope: Scope) -> String {
    let stamp = Stamp {
        key: test_key(),
        clock: test_clock(),
        request_id: "test",
    };
    let new = NewKey {
        name: KeyName::parse(name).expect("name"),
        scope,
        expires_at: None,
    };
    api_keys::create(&app.db.app, "bfg-control", &new, "user_md_anna", &stamp)
        .await
        .expect("create the key")
        .key
}

/// Anna assigns `item` to `actor` (as the People page does).
pub async fn assign(app: &TestApp, item: &str, actor: &str) {
    readiness_console::db::people::assign_owner(
        &app.db.app,
        &crate::support::author("user_md_anna"),
        uuid::Uuid::new_v4(),
        item,
        actor,
    )
    .await
    .expect("assign the owner");
}

const READINESS: &str = "/v1/tenants/bfg-control/readiness";

#[tokio::test]
async fn a_read_key_reads_the_decision_and_a_client_that_holds_it_gets_304() {
    let app = TestApp::spawn().await;
    let key = key(&app, "deploy-pipeline", Scope::Read).await;
    let bearer = format!("Bearer {key}");
    let answer = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    assert_eq!(answer.json["data"]["decision"], "BLOCKED_PENDING_DRY_RUN");
    assert_eq!(answer.json["data"]["go"], false);
    let etag = answer.header("etag").to_owned();
    assert!(etag.starts_with('"'), "{etag}");
    let again = call(
        &app,
        "GET",
        READINESS,
        &[("authorization", &bearer), ("if-none-match", &etag)],
        "",
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header("etag"), etag);
}

#[tokio::test]
async fn without_a_key_the_answer_is_a_problem_in_the_callers_language() {
    let app = TestApp::spawn().await;
    let answer = call(&app, "GET", READINESS, &[("accept-language", "fr")], "").await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.header("content-type"), "application/problem+json");
    assert_eq!(answer.header("content-language"), "fr");
    assert_eq!(answer.json["code"], "UNAUTHORIZED");
    assert_eq!(answer.json["status"], 401);
    assert_eq!(answer.json["title"], "Aucune clé d’API valide");
    assert_eq!(answer.json["requestId"], answer.header("x-request-id"));
}

#[tokio::test]
async fn an_attest_key_accepts_the_check_it_owns_once_whatever_the_retries() {
    let app = TestApp::spawn().await;
    let key = key(&app, "ci-rollback", Scope::Attest).await;
    assign(&app, "passage.migration_rollback", "svc-ci-rollback").await;
    let bearer = format!("Bearer {key}");
    let path = "/v1/tenants/bfg-control/items/passage.migration_rollback/accept";
    let body =
        r#"{"note": "Rollback rehearsed by CI run 4711", "url": "https://ci.example/runs/4711"}"#;
    let headers = [
        ("authorization", bearer.as_str()),
        ("content-type", "application/json"),
        ("idempotency-key", "run-4711"),
    ];
    let first = call(&app, "POST", path, &headers, body).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.json);
    assert_eq!(first.json["data"]["action"], "accept");
    let replay = call(&app, "POST", path, &headers, body).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.json, first.json);
    assert_eq!(replay.header("idempotent-replayed"), "true");
    let other = call(
        &app,
        "POST",
        path,
        &headers,
        r#"{"note": "Another run entirely, 4712"}"#,
    )
    .await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(other.json["code"], "VALIDATION_ERROR");
    let trail = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/audit-events?action=accept&limit=1",
        &[("authorization", &bearer)],
        "",
    )
    .await;
    assert_eq!(trail.status, StatusCode::OK, "{}", trail.json);
    let event = &trail.json["data"][0];
    assert_eq!(event["target"], "passage.migration_rollback");
    assert_eq!(event["actor"]["actorType"], "service");
    assert_eq!(event["actor"]["name"], "ci-rollback");
}
