//! The `/v1` API: keys, the readiness and its `ETag`, problem documents, an `attest` key's
//! writes with `Idempotency-Key`, the audit trail's pages, the packets and the bundle.
//!
//! Every answer a test here gets goes through [`call`], which holds it to the OpenAPI document
//! the console serves: its status must be documented for its path and method, its media type
//! too, and a JSON body must validate against the documented schema (the document as the
//! root, so `#/components/schemas/…` resolve). A problem must also carry the request's id
//! and its language.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use readiness_console::clock::Clock;
use readiness_console::config::{ApiRates, ServeConfig};
use readiness_console::db::api_keys::{self, NewKey};
use readiness_console::db::tenants::{self, Stamp};
use readiness_console::i18n::Lang;
use readiness_console::readiness::api_key::{KeyName, Scope};
use readiness_console::readiness::lifecycle::Command as Lifecycle;
use readiness_console::readiness::packets::PacketKey;
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{ANNA, TestApp, eventually, test_clock, test_config, test_key};

/// An answer of the API.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    /// The body as JSON (`null` when it is not).
    pub json: Value,
    /// The body's bytes.
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The answer is the problem `code` with `status`.
    #[track_caller]
    pub fn assert_problem(&self, status: StatusCode, code: &str) {
        assert_eq!(self.status, status, "{}", self.json);
        assert_eq!(self.header("content-type"), "application/problem+json");
        assert_eq!(self.json["code"], code, "{}", self.json);
        assert_eq!(self.json["status"], status.as_u16());
    }
}

/// Sends `method path` with `headers` and `body` through the app, and holds the answer to the
/// OpenAPI document.
pub async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    call_bytes(app, method, path, headers, body.as_bytes().to_vec()).await
}

/// [`call`] with a body of raw bytes.
pub async fn call_bytes(
    app: &TestApp,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Answer {
    let answer = send(app, method, path, headers, body).await;
    let document = document(app).await;
    conforms(&document, method, path, &answer);
    answer
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::from(body)).expect("request"))
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
        bytes: bytes.to_vec(),
    }
}

/// The OpenAPI document, as the console serves it (the same for every app: read once).
pub async fn document(app: &TestApp) -> Arc<Value> {
    static DOCUMENT: OnceLock<Arc<Value>> = OnceLock::new();
    if let Some(document) = DOCUMENT.get() {
        return document.clone();
    }
    let served = send(app, "GET", "/v1/openapi.json", &[], Vec::new()).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header("content-type"), "application/json");
    assert!(served.json.is_object(), "the document is JSON");
    DOCUMENT.get_or_init(|| Arc::new(served.json)).clone()
}

/// The document's path template that `path` (without its query) answers to, if any:
/// `/v1/tenants/{slug}/items/{key}` for `/v1/tenants/bfg-control/items/passage.x`.
fn template<'d>(document: &'d Value, path: &str) -> Option<&'d str> {
    let path = path.split('?').next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').collect();
    document["paths"].as_object()?.keys().find_map(|t| {
        let parts: Vec<&str> = t.split('/').collect();
        let fits = parts.len() == segments.len()
            && parts
                .iter()
                .zip(&segments)
                .all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s);
        fits.then_some(t.as_str())
    })
}

/// A validator of `schema`, a schema of `document`, with the document as its root: its
/// `$ref`s to `#/components/schemas/…` resolve there. Compiled once per schema.
fn validator(document: &Value, schema: &Value) -> Arc<jsonschema::Validator> {
    static COMPILED: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let key = schema.to_string();
    let compiled = COMPILED.get_or_init(Mutex::default);
    if let Some(found) = compiled.lock().unwrap().get(&key) {
        return found.clone();
    }
    let mut root = document.clone();
    root.as_object_mut()
        .expect("the document is an object")
        .insert("allOf".to_owned(), Value::Array(vec![schema.clone()]));
    let built = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("the document's schema {schema} does not compile: {e}"));
    let built = Arc::new(built);
    compiled.lock().unwrap().insert(key, built.clone());
    built
}

/// The answer is one the document promises for `method path`.
#[track_caller]
fn conforms(document: &Value, method: &str, path: &str, answer: &Answer) {
    let media = answer
        .header("content-type")
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    if media == "application/problem+json" {
        assert_eq!(
            answer.json["requestId"],
            answer.header("x-request-id"),
            "a problem names its request: {}",
            answer.json
        );
        assert!(
            !answer.header("content-language").is_empty(),
            "a problem says its language"
        );
    }
    if matches!(
        path.split('?').next(),
        Some("/v1/openapi.json" | "/v1/docs")
    ) {
        return;
    }
    let operation = template(document, path)
        .map(|t| &document["paths"][t][method.to_lowercase()])
        .filter(|op| op.is_object());
    let Some(operation) = operation else {
        // An address or a method the document does not have: a problem all the same.
        assert_eq!(media, "application/problem+json", "{method} {path}");
        let schema = serde_json::json!({"$ref": "#/components/schemas/Problem"});
        assert_valid(document, &schema, answer, method, path);
        return;
    };
    let status = answer.status.as_u16().to_string();
    let response = &operation["responses"][&status];
    assert!(
        response.is_object(),
        "{method} {path} answered {status}, which the document does not list: {}",
        answer.json
    );
    let Some(content) = response["content"].as_object() else {
        assert!(
            answer.bytes.is_empty(),
            "{method} {path} {status} has a body the document does not describe"
        );
        return;
    };
    let described = content.get(&media).unwrap_or_else(|| {
        panic!(
            "{method} {path} {status} answered {media}; the document has {:?}",
            content.keys().collect::<Vec<_>>()
        )
    });
    if media.ends_with("json") {
        assert_valid(document, &described["schema"], answer, method, path);
    }
    if let Some(headers) = response["headers"].as_object() {
        for name in headers.keys() {
            assert!(
                !answer.header(name).is_empty(),
                "{method} {path} {status} lacks its documented header {name}"
            );
        }
    }
}

#[track_caller]
fn assert_valid(document: &Value, schema: &Value, answer: &Answer, method: &str, path: &str) {
    let validator = validator(document, schema);
    let errors: Vec<String> = validator
        .iter_errors(&answer.json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} {}: the body does not fit the document's schema {schema}:\n{}\n{}",
        answer.status,
        errors.join("\n"),
        answer.json
    );
}

/// The stamp of a test's key commands, by `clock`.
fn stamp(clock: &Clock) -> Stamp<'_> {
    Stamp {
        key: test_key(),
        clock,
        request_id: "test",
    }
}

/// A new key of `tenant`, created by Anna, by `clock`, expiring at `expires_at`.
pub async fn key_of(
    app: &TestApp,
    tenant: &str,
    name: &str,
    scope: Scope,
    expires_at: Option<time::OffsetDateTime>,
    clock: &Clock,
) -> String {
    let new = NewKey {
        name: KeyName::parse(name).expect("name"),
        scope,
        expires_at,
    };
    api_keys::create(&app.db.app, tenant, &new, ANNA, &stamp(clock))
        .await
        .expect("create the key")
        .key
}

/// A new key of the demo tenant, created by Anna.
pub async fn key(app: &TestApp, name: &str, scope: Scope) -> String {
    key_of(app, "bfg-control", name, scope, None, test_clock()).await
}

/// Anna revokes the demo's key `name`.
pub async fn revoke(app: &TestApp, name: &str) {
    api_keys::revoke(&app.db.app, "bfg-control", name, ANNA, &stamp(test_clock()))
        .await
        .expect("revoke the key");
}

/// Anna assigns `item` to `actor` (as the People page does).
pub async fn assign(app: &TestApp, item: &str, actor: &str) {
    readiness_console::db::people::assign_owner(
        &app.db.app,
        &crate::support::author(ANNA),
        uuid::Uuid::new_v4(),
        item,
        actor,
    )
    .await
    .expect("assign the owner");
}

/// What the demo tenant holds that a refused request must leave as it is: its audit events
/// and its acceptances.
async fn written(app: &TestApp) -> (i64, i64) {
    (
        app.db.count_in_demo("audit_events").await,
        app.db.count_in_demo("acceptances").await,
    )
}

const READINESS: &str = "/v1/tenants/bfg-control/readiness";
const ROLLBACK: &str = "passage.migration_rollback";
const ACCEPT_ROLLBACK: &str = "/v1/tenants/bfg-control/items/passage.migration_rollback/accept";
const EVIDENCE: &str =
    r#"{"note": "Rollback rehearsed by CI run 4711", "url": "https://ci.example/runs/4711"}"#;

/// Every reading route of the demo tenant.
fn reading_routes() -> Vec<String> {
    let base = "/v1/tenants/bfg-control";
    let mut routes: Vec<String> = [
        "/readiness",
        "/items",
        "/items/passage.migration_rollback",
        "/audit-events",
        "/audit-events?limit=3&action=sign_go",
        "/bundle",
    ]
    .iter()
    .map(|r| format!("{base}{r}"))
    .collect();
    routes.extend(
        PacketKey::ALL
            .iter()
            .map(|p| format!("{base}/packets/{}", p.as_str())),
    );
    routes
}

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
    assign(&app, ROLLBACK, "svc-ci-rollback").await;
    let bearer = format!("Bearer {key}");
    let headers = [
        ("authorization", bearer.as_str()),
        ("content-type", "application/json"),
        ("idempotency-key", "run-4711"),
    ];
    let first = call(&app, "POST", ACCEPT_ROLLBACK, &headers, EVIDENCE).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.json);
    assert_eq!(first.json["data"]["action"], "accept");
    let replay = call(&app, "POST", ACCEPT_ROLLBACK, &headers, EVIDENCE).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.json, first.json);
    assert_eq!(replay.header("idempotent-replayed"), "true");
    let before = written(&app).await;
    let other = call(
        &app,
        "POST",
        ACCEPT_ROLLBACK,
        &headers,
        r#"{"note": "Another run entirely, 4712"}"#,
    )
    .await;
    other.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_ERROR");
    assert_eq!(written(&app).await, before, "the reused key wrote nothing");
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
    assert_eq!(event["target"], ROLLBACK);
    assert_eq!(event["actor"]["actorType"], "service");
    assert_eq!(event["actor"]["name"], "ci-rollback");
    assert_eq!(event["actor"]["id"], "svc-ci-rollback");
    // One acceptance, by the service account, whatever the retries.
    let item = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/items/passage.migration_rollback",
        &[("authorization", &bearer)],
        "",
    )
    .await;
    assert_eq!(item.json["data"]["status"], "ready", "{}", item.json);
    assert_eq!(item.json["data"]["accepted"]["by"]["id"], "svc-ci-rollback");
    assert_eq!(
        item.json["data"]["evidence"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        item.json["data"]["evidence"][0]["url"],
        "https://ci.example/runs/4711"
    );
}

#[tokio::test]
async fn every_route_answers_a_read_key_and_an_attest_key_and_neither_writes_by_reading() {
    let app = TestApp::spawn().await;
    let read = format!("Bearer {}", key(&app, "deploy-pipeline", Scope::Read).await);
    let attest = format!("Bearer {}", key(&app, "ci-rollback", Scope::Attest).await);
    let before = written(&app).await;
    for bearer in [&read, &attest] {
        for route in reading_routes() {
            let answer = call(&app, "GET", &route, &[("authorization", bearer)], "").await;
            assert_eq!(answer.status, StatusCode::OK, "{route}: {}", answer.json);
            assert!(!answer.bytes.is_empty(), "{route}");
            if answer.header("content-type") == "application/json" {
                assert_eq!(answer.json["meta"]["tenant"], "bfg-control", "{route}");
                assert_eq!(answer.json["meta"]["lang"], "en", "{route}");
                assert_eq!(answer.header("content-language"), "en", "{route}");
            }
        }
    }
    assert_eq!(written(&app).await, before, "reading wrote nothing");

    // The item's ETag is its version; the items list has every item the readiness counts.
    let item = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/items/passage.migration_rollback",
        &[("authorization", &read)],
        "",
    )
    .await;
    assert_eq!(item.header("etag"), "\"0\"");
    assert_eq!(item.json["data"]["version"], 0);
    let items = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/items",
        &[("authorization", &read)],
        "",
    )
    .await;
    let readiness = call(&app, "GET", READINESS, &[("authorization", &read)], "").await;
    let total: u64 = readiness.json["data"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"]["total"].as_u64().unwrap())
        .sum();
    assert_eq!(
        items.json["data"].as_array().map(|a| a.len() as u64),
        Some(total)
    );
    let missing = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/items/passage.no_such_item",
        &[("authorization", &read)],
        "",
    )
    .await;
    missing.assert_problem(StatusCode::NOT_FOUND, "NOT_FOUND");
    let packet = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/packets/no-such-packet",
        &[("authorization", &read)],
        "",
    )
    .await;
    packet.assert_problem(StatusCode::NOT_FOUND, "NOT_FOUND");

    // The document and its reference page need no key.
    let docs = call(&app, "GET", "/v1/docs?lang=es", &[], "").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs.header("content-type").starts_with("text/html"));
    let page = String::from_utf8_lossy(&docs.bytes);
    assert!(page.contains("data-spec=\"/v1/openapi.json\""), "{page}");
    assert!(page.contains("<html lang=\"es\">"), "{page}");
    assert!(
        docs.header("content-security-policy")
            .contains("script-src 'self'")
    );
    // What the page loads is there: the console's icon, Swagger UI's stylesheet and scripts.
    let assets: Vec<&str> = page
        .split(['"'])
        .filter(|part| part.starts_with("/static/") || part.starts_with("/assets/"))
        .collect();
    assert_eq!(assets.len(), 4, "{page}");
    for asset in assets {
        let loaded = crate::support::get(&app.router, asset, &[]).await;
        assert_eq!(loaded.status, StatusCode::OK, "{asset}");
        assert!(loaded.bytes.len() > 100, "{asset}");
    }
}

#[tokio::test]
async fn the_packets_and_the_bundle_are_the_bytes_the_pages_serve() {
    // A fixed clock: the bundle records when it was made.
    let clock = Clock::fixed(test_clock().now());
    let app = TestApp::spawn_with(&test_config(), clock).await;
    let bearer = format!("Bearer {}", key(&app, "auditor", Scope::Read).await);
    let mut anna = app.actor("anna").await;
    for packet in PacketKey::ALL {
        let name = packet.as_str();
        let page = anna.get(&format!("/t/bfg-control/packets/{name}")).await;
        assert_eq!(page.status, StatusCode::OK, "{name}");
        let api = call(
            &app,
            "GET",
            &format!("/v1/tenants/bfg-control/packets/{name}"),
            &[("authorization", &bearer)],
            "",
        )
        .await;
        assert_eq!(api.status, StatusCode::OK, "{name}");
        assert_eq!(api.bytes, page.bytes, "{name}");
        assert_eq!(api.header("content-type"), page.header("content-type"));
        assert_eq!(
            api.header("content-disposition"),
            page.header("content-disposition")
        );
    }
    let page = anna.get("/t/bfg-control/bundle").await;
    assert_eq!(page.status, StatusCode::OK);
    let api = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/bundle",
        &[("authorization", &bearer)],
        "",
    )
    .await;
    assert_eq!(api.status, StatusCode::OK);
    assert_eq!(api.header("content-type"), "application/x-tar");
    assert!(api.bytes.len() > 1024, "{}", api.bytes.len());
    assert_eq!(api.bytes, page.bytes, "the same archive");
}

#[tokio::test]
async fn no_key_a_malformed_an_unknown_a_revoked_and_an_expired_key_get_the_same_401() {
    let clock = Clock::fixed(test_clock().now());
    let app = TestApp::spawn_with(&test_config(), clock.clone()).await;
    let hour = time::Duration::hours(1);
    let expiring = key_of(
        &app,
        "bfg-control",
        "nightly",
        Scope::Attest,
        Some(clock.now() + hour),
        &clock,
    )
    .await;
    let revoked = key(&app, "old-pipeline", Scope::Attest).await;
    assign(&app, ROLLBACK, "svc-old-pipeline").await;
    // Both work, before.
    for key in [&expiring, &revoked] {
        let bearer = format!("Bearer {key}");
        let ok = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
        assert_eq!(ok.status, StatusCode::OK);
    }
    revoke(&app, "old-pipeline").await;
    clock.advance(hour);
    let unknown = format!("rc_key_{}", "A".repeat(43));
    let authorizations = [
        None,
        Some("Bearer".to_owned()),
        Some("Bearer nope".to_owned()),
        Some(format!("Basic {revoked}")),
        Some(format!("Bearer {}", &revoked[..revoked.len() - 1])),
        Some(format!("Bearer {unknown}")),
        Some(format!("Bearer {revoked}")),
        Some(format!("Bearer {expiring}")),
    ];
    let before = written(&app).await;
    let mut seen = Vec::new();
    for authorization in &authorizations {
        let mut headers = vec![("content-type", "application/json")];
        headers.push(("idempotency-key", "k-1"));
        if let Some(a) = authorization {
            headers.push(("authorization", a));
        }
        // The revoked key is dropped from the cached state when its change is heard.
        eventually(|| async {
            call(&app, "GET", READINESS, &headers, "").await.status == StatusCode::UNAUTHORIZED
        })
        .await;
        for (method, path) in [
            ("GET", READINESS.to_owned()),
            ("GET", "/v1/tenants/bfg-control/audit-events".to_owned()),
            ("GET", "/v1/tenants/bfg-control/bundle".to_owned()),
            ("POST", ACCEPT_ROLLBACK.to_owned()),
            ("GET", "/v1/tenants/no-such-tenant/readiness".to_owned()),
        ] {
            let answer = call(&app, method, &path, &headers, EVIDENCE).await;
            answer.assert_problem(StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
            let mut body = answer.json.clone();
            body["requestId"] = Value::Null;
            seen.push(body);
        }
    }
    assert!(
        seen.windows(2).all(|w| w[0] == w[1]),
        "every refusal reads the same: {seen:?}"
    );
    assert_eq!(written(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn a_key_of_another_tenant_is_forbidden_and_an_unknown_tenant_not_found() {
    let app = TestApp::spawn().await;
    crate::isolation::tenant_with_md(&app, "alpha", "md.alpha", "alpha-managing-director").await;
    let new = NewKey {
        name: KeyName::parse("alpha-pipeline").unwrap(),
        scope: Scope::Attest,
        expires_at: None,
    };
    let alpha = api_keys::create(
        &app.db.app,
        "alpha",
        &new,
        "operator:olga",
        &stamp(test_clock()),
    )
    .await
    .expect("alpha's key")
    .key;
    let demo = key(&app, "deploy-pipeline", Scope::Read).await;
    let before = written(&app).await;
    let alpha_bearer = format!("Bearer {alpha}");
    let mut routes = reading_routes();
    routes.push(ACCEPT_ROLLBACK.to_owned());
    for route in &routes {
        let method = if route.ends_with("/accept") {
            "POST"
        } else {
            "GET"
        };
        let headers = [
            ("authorization", alpha_bearer.as_str()),
            ("content-type", "application/json"),
            ("idempotency-key", "alpha-1"),
        ];
        let answer = call(&app, method, route, &headers, EVIDENCE).await;
        answer.assert_problem(StatusCode::FORBIDDEN, "FORBIDDEN_ACTION");
    }
    // Alpha's own readiness answers alpha's key; the demo's key is foreign there.
    let own = call(
        &app,
        "GET",
        "/v1/tenants/alpha/readiness",
        &[("authorization", &alpha_bearer)],
        "",
    )
    .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.json);
    assert_eq!(own.json["meta"]["tenant"], "alpha");
    let foreign = call(
        &app,
        "GET",
        "/v1/tenants/alpha/readiness",
        &[("authorization", &format!("Bearer {demo}"))],
        "",
    )
    .await;
    foreign.assert_problem(StatusCode::FORBIDDEN, "FORBIDDEN_ACTION");
    let nowhere = call(
        &app,
        "GET",
        "/v1/tenants/no-such-tenant/readiness",
        &[("authorization", &format!("Bearer {demo}"))],
        "",
    )
    .await;
    nowhere.assert_problem(StatusCode::NOT_FOUND, "TENANT_NOT_FOUND");
    assert_eq!(written(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn a_suspended_tenant_answers_423_to_its_own_keys() {
    let app = TestApp::spawn().await;
    let read = format!("Bearer {}", key(&app, "deploy-pipeline", Scope::Read).await);
    let attest = format!("Bearer {}", key(&app, "ci-rollback", Scope::Attest).await);
    assign(&app, ROLLBACK, "svc-ci-rollback").await;
    let operator = tenants::Operator {
        name: "olga.ops",
        request_id: "v1-test",
        key: test_key(),
        clock: test_clock(),
    };
    tenants::command(
        &app.db.owner,
        "bfg-control",
        &Lifecycle::Suspend {
            reason: "Unpaid invoice".to_owned(),
        },
        &operator,
    )
    .await
    .expect("suspend");
    eventually(|| async {
        call(&app, "GET", READINESS, &[("authorization", &read)], "")
            .await
            .status
            == StatusCode::LOCKED
    })
    .await;
    let before = written(&app).await;
    for bearer in [&read, &attest] {
        for route in reading_routes() {
            let answer = call(&app, "GET", &route, &[("authorization", bearer)], "").await;
            answer.assert_problem(StatusCode::LOCKED, "TENANT_SUSPENDED");
        }
    }
    let headers = [
        ("authorization", attest.as_str()),
        ("content-type", "application/json"),
        ("idempotency-key", "while-suspended"),
    ];
    let write = call(&app, "POST", ACCEPT_ROLLBACK, &headers, EVIDENCE).await;
    write.assert_problem(StatusCode::LOCKED, "TENANT_SUSPENDED");
    assert_eq!(written(&app).await, before, "nothing was written");
}

/// A write refused, and why.
struct Refused {
    what: &'static str,
    path: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    status: StatusCode,
    code: &'static str,
}

#[tokio::test]
async fn a_write_that_is_malformed_or_not_the_keys_to_make_is_refused_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let read = format!("Bearer {}", key(&app, "deploy-pipeline", Scope::Read).await);
    let attest = format!("Bearer {}", key(&app, "ci-rollback", Scope::Attest).await);
    assign(&app, ROLLBACK, "svc-ci-rollback").await;
    let base = "/v1/tenants/bfg-control/items";
    let json = |bearer: &str, key: &str| {
        vec![
            ("authorization", bearer.to_owned()),
            ("content-type", "application/json".to_owned()),
            ("idempotency-key", key.to_owned()),
        ]
    };
    let mut oversize = br#"{"note": "Rollback rehearsed by CI run 4711", "url": ""#.to_vec();
    oversize.extend(std::iter::repeat_n(b'a', 64 * 1024));
    oversize.extend(br#""}"#);
    let cases = [
        Refused {
            what: "no Idempotency-Key",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, "x")
                .into_iter()
                .filter(|(n, _)| *n != "idempotency-key")
                .collect(),
            body: EVIDENCE.into(),
            status: StatusCode::BAD_REQUEST,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "an Idempotency-Key with a space",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, "run 4711"),
            body: EVIDENCE.into(),
            status: StatusCode::BAD_REQUEST,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "an Idempotency-Key of 256 characters",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, &"k".repeat(256)),
            body: EVIDENCE.into(),
            status: StatusCode::BAD_REQUEST,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "a body that is not JSON",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, "bad-json"),
            body: br#"{"note": "Rollback rehearsed"#.to_vec(),
            status: StatusCode::BAD_REQUEST,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "a form's content type",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: vec![
                ("authorization", attest.clone()),
                (
                    "content-type",
                    "application/x-www-form-urlencoded".to_owned(),
                ),
                ("idempotency-key", "form".to_owned()),
            ],
            body: b"note=Rollback+rehearsed+by+CI".to_vec(),
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "no content type",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: vec![
                ("authorization", attest.clone()),
                ("idempotency-key", "none".to_owned()),
            ],
            body: EVIDENCE.into(),
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "a body over 64 KiB",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, "big"),
            body: oversize,
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "an unknown field",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, "unknown-field"),
            body: br#"{"note": "Rollback rehearsed by CI run 4711", "approved": true}"#.to_vec(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "a field of the wrong type",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, "wrong-type"),
            body: br#"{"note": 4711}"#.to_vec(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "evidence too short",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, "short"),
            body: br#"{"note": "ok"}"#.to_vec(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "a link that is not https",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&attest, "http"),
            body: br#"{"note": "Rollback rehearsed by CI run 4711", "url": "javascript:alert(1)"}"#
                .to_vec(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "an If-Match that is no version",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: [
                json(&attest, "if-match"),
                vec![("if-match", "\"v2\"".to_owned())],
            ]
            .concat(),
            body: EVIDENCE.into(),
            status: StatusCode::BAD_REQUEST,
            code: "VALIDATION_ERROR",
        },
        Refused {
            what: "an unknown action",
            path: format!("{base}/{ROLLBACK}/approve"),
            headers: json(&attest, "approve"),
            body: EVIDENCE.into(),
            status: StatusCode::NOT_FOUND,
            code: "NOT_FOUND",
        },
        Refused {
            what: "an unknown item",
            path: format!("{base}/passage.no_such_item/accept"),
            headers: json(&attest, "no-item"),
            body: EVIDENCE.into(),
            status: StatusCode::NOT_FOUND,
            code: "NOT_FOUND",
        },
        Refused {
            what: "a read key writing",
            path: ACCEPT_ROLLBACK.to_owned(),
            headers: json(&read, "read-key"),
            body: EVIDENCE.into(),
            status: StatusCode::FORBIDDEN,
            code: "FORBIDDEN_ACTION",
        },
        Refused {
            what: "an attest key on a check it does not own",
            path: format!("{base}/passage.role_headers/accept"),
            headers: json(&attest, "not-owned"),
            body: EVIDENCE.into(),
            status: StatusCode::FORBIDDEN,
            code: "FORBIDDEN_ACTION",
        },
        Refused {
            what: "an attest key deciding",
            path: format!("{base}/decision_board.adapter_selection/decide"),
            headers: json(&attest, "decide"),
            body: br#"{"value": "keep", "note": "Decided by the pipeline"}"#.to_vec(),
            status: StatusCode::FORBIDDEN,
            code: "FORBIDDEN_ACTION",
        },
        Refused {
            what: "revoking what is not accepted",
            path: format!("{base}/{ROLLBACK}/revoke"),
            headers: json(&attest, "revoke-open"),
            body: br#"{"note": "Rollback no longer rehearsed"}"#.to_vec(),
            status: StatusCode::CONFLICT,
            code: "CONFLICT",
        },
    ];
    let before = written(&app).await;
    for case in &cases {
        let headers: Vec<(&str, &str)> =
            case.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let answer = call_bytes(&app, "POST", &case.path, &headers, case.body.clone()).await;
        assert_eq!(answer.status, case.status, "{}: {}", case.what, answer.json);
        answer.assert_problem(case.status, case.code);
        assert_eq!(written(&app).await, before, "{} wrote nothing", case.what);
    }
    // A GET of a write's address is no write either.
    let get = call(
        &app,
        "GET",
        ACCEPT_ROLLBACK,
        &[("authorization", &attest)],
        "",
    )
    .await;
    assert_eq!(get.status, StatusCode::METHOD_NOT_ALLOWED, "{}", get.json);
    assert_eq!(get.header("content-type"), "application/problem+json");
    // After all of that, the key still writes what it owns: JSON with its charset named, the
    // longest Idempotency-Key there may be.
    let longest = "k".repeat(255);
    let ok = call(
        &app,
        "POST",
        ACCEPT_ROLLBACK,
        &[
            ("authorization", &attest),
            ("content-type", "application/json; charset=utf-8"),
            ("idempotency-key", &longest),
        ],
        EVIDENCE,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.json);
    assert_eq!(app.db.count_in_demo("acceptances").await, before.1 + 1);
}

#[tokio::test]
async fn the_same_write_sent_twice_at_once_is_applied_once() {
    let app = TestApp::spawn().await;
    let bearer = format!("Bearer {}", key(&app, "ci-rollback", Scope::Attest).await);
    assign(&app, ROLLBACK, "svc-ci-rollback").await;
    let (events, acceptances) = written(&app).await;
    let headers = [
        ("authorization", bearer.as_str()),
        ("content-type", "application/json"),
        ("idempotency-key", "run-4711"),
        ("x-request-id", "ci-run-4711"),
    ];
    let (a, b) = tokio::join!(
        call(&app, "POST", ACCEPT_ROLLBACK, &headers, EVIDENCE),
        call(&app, "POST", ACCEPT_ROLLBACK, &headers, EVIDENCE),
    );
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    assert_eq!(b.status, StatusCode::OK, "{}", b.json);
    assert_eq!(a.json, b.json);
    let replayed = [
        a.header("idempotent-replayed"),
        b.header("idempotent-replayed"),
    ];
    assert_eq!(
        replayed.iter().filter(|r| **r == "true").count(),
        1,
        "{replayed:?}"
    );
    assert_eq!(written(&app).await, (events + 1, acceptances + 1));
    // The event names the request that wrote it.
    let trail = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/audit-events?limit=1",
        &[("authorization", &bearer)],
        "",
    )
    .await;
    assert_eq!(trail.json["data"][0]["requestId"], "ci-run-4711");
    assert_eq!(trail.json["data"][0]["seq"], a.json["data"]["auditSeq"]);
}

#[tokio::test]
async fn if_match_names_the_version_a_stale_one_is_412_and_an_accepted_check_409() {
    let app = TestApp::spawn().await;
    let bearer = format!("Bearer {}", key(&app, "ci-rollback", Scope::Attest).await);
    assign(&app, ROLLBACK, "svc-ci-rollback").await;
    let item = "/v1/tenants/bfg-control/items/passage.migration_rollback";
    let read = call(&app, "GET", item, &[("authorization", &bearer)], "").await;
    let etag = read.header("etag").to_owned();
    let version = read.json["data"]["version"].as_i64().unwrap();
    assert_eq!(etag, format!("\"{version}\""));
    let tag = |v: i64| Some(format!("\"{v}\""));
    let write = |path: String, key: &'static str, if_match: Option<String>, body: &'static str| {
        let bearer = bearer.clone();
        let app = &app;
        async move {
            let mut headers = vec![
                ("authorization", bearer),
                ("content-type", "application/json".to_owned()),
                ("idempotency-key", key.to_owned()),
            ];
            if let Some(tag) = if_match {
                headers.push(("if-match", tag));
            }
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            call(app, "POST", &path, &headers, body).await
        }
    };
    let accepted = write(
        format!("{item}/accept"),
        "first",
        Some(etag.clone()),
        EVIDENCE,
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.json);
    assert_eq!(accepted.json["data"]["version"], version + 1);
    let seq = accepted.json["data"]["auditSeq"].as_i64().unwrap();
    assert_eq!(seq, crate::support::last_seq(&app.db, "accept").await);
    // The version the write gave is the item's ETag now.
    let now = call(&app, "GET", item, &[("authorization", &bearer)], "").await;
    assert_eq!(now.header("etag"), tag(version + 1).unwrap());

    let before = written(&app).await;
    let again = write(
        format!("{item}/accept"),
        "second",
        tag(version + 1),
        EVIDENCE,
    )
    .await;
    again.assert_problem(StatusCode::CONFLICT, "CONFLICT");
    let unversioned = write(format!("{item}/accept"), "third", None, EVIDENCE).await;
    unversioned.assert_problem(StatusCode::CONFLICT, "CONFLICT");
    let stale = write(
        format!("{item}/revoke"),
        "stale",
        Some(etag.clone()),
        r#"{"note": "The rollback script changed"}"#,
    )
    .await;
    stale.assert_problem(StatusCode::PRECONDITION_FAILED, "PRECONDITION_FAILED");
    let ahead = write(
        format!("{item}/revoke"),
        "ahead",
        tag(version + 5),
        r#"{"note": "The rollback script changed"}"#,
    )
    .await;
    ahead.assert_problem(StatusCode::PRECONDITION_FAILED, "PRECONDITION_FAILED");
    assert_eq!(written(&app).await, before, "nothing was written");

    // At the version it names (unquoted, too), the revocation goes through.
    let revoked = write(
        format!("{item}/revoke"),
        "revoke",
        Some((version + 1).to_string()),
        r#"{"note": "The rollback script changed"}"#,
    )
    .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.json);
    assert_eq!(revoked.json["data"]["action"], "revoke");
    assert_eq!(revoked.json["data"]["version"], version + 2);
    // The first write's key still answers what it answered then.
    let replay = write(format!("{item}/accept"), "first", Some(etag), EVIDENCE).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.json, accepted.json);
    assert_eq!(replay.header("idempotent-replayed"), "true");
    let history = call(&app, "GET", item, &[("authorization", &bearer)], "").await;
    assert_eq!(history.json["data"]["status"], "open");
    let evidence = &history.json["data"]["evidence"][0];
    assert_eq!(evidence["revokedBy"]["id"], "svc-ci-rollback");
    assert_eq!(evidence["revokeReason"], "The rollback script changed");
}

#[tokio::test]
async fn the_readiness_etag_moves_with_the_state() {
    let app = TestApp::spawn().await;
    let bearer = format!("Bearer {}", key(&app, "ci-rollback", Scope::Attest).await);
    assign(&app, ROLLBACK, "svc-ci-rollback").await;
    let first = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
    let etag = first.header("etag").to_owned();
    let accepted = call(
        &app,
        "POST",
        ACCEPT_ROLLBACK,
        &[
            ("authorization", &bearer),
            ("content-type", "application/json"),
            ("idempotency-key", "etag"),
        ],
        EVIDENCE,
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK);
    let after = call(
        &app,
        "GET",
        READINESS,
        &[("authorization", &bearer), ("if-none-match", &etag)],
        "",
    )
    .await;
    assert_eq!(after.status, StatusCode::OK, "the state moved");
    assert_ne!(after.header("etag"), etag);
    assert_eq!(
        after.json["data"]["auditHead"]["seq"],
        accepted.json["data"]["auditSeq"]
    );
    // Another language is another answer, with its own tag.
    let es = call(
        &app,
        "GET",
        READINESS,
        &[("authorization", &bearer), ("accept-language", "es")],
        "",
    )
    .await;
    assert_eq!(es.header("content-language"), "es");
    assert_eq!(es.json["meta"]["lang"], "es");
    assert_ne!(es.header("etag"), after.header("etag"));
}

/// Every page of the trail under `query`, following `nextCursor`: the events' sequence
/// numbers.
async fn every_page(app: &TestApp, bearer: &str, query: &str) -> Vec<i64> {
    let mut seqs = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let mut path = format!("/v1/tenants/bfg-control/audit-events?{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let page = call(app, "GET", &path, &[("authorization", bearer)], "").await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.json);
        let events = page.json["data"].as_array().unwrap();
        seqs.extend(events.iter().map(|e| e["seq"].as_i64().unwrap()));
        let more = page.json["meta"]["hasMore"].as_bool().unwrap();
        let next = page.json["meta"]["nextCursor"].as_str().map(str::to_owned);
        assert_eq!(more, next.is_some(), "{}", page.json["meta"]);
        if !more {
            return seqs;
        }
        assert!(!events.is_empty());
        cursor = next;
    }
    panic!("the trail did not end within 100 pages");
}

#[tokio::test]
async fn the_audit_trail_pages_by_its_signed_cursor_without_repeats_or_gaps() {
    let app = TestApp::spawn().await;
    let bearer = format!("Bearer {}", key(&app, "auditor", Scope::Read).await);
    // Some more events: two keys more, and Marek's acceptance and revocation.
    key(&app, "second", Scope::Read).await;
    key(&app, "third", Scope::Read).await;
    crate::support::accept_then_revoke_role_headers(&app.db, "Headers checked", "", "").await;
    let total = app.db.count_in_demo("audit_events").await;
    assert!(total >= 6, "{total}");

    for limit in [1, 2, 4] {
        let seqs = every_page(&app, &bearer, &format!("limit={limit}")).await;
        assert_eq!(seqs.len() as i64, total, "every event, once: {seqs:?}");
        assert!(
            seqs.windows(2).all(|w| w[0] > w[1]),
            "newest first: {seqs:?}"
        );
    }
    // Filtered, the pages hold only what the filter asks for.
    let keys = every_page(&app, &bearer, "limit=1&action=create_api_key").await;
    assert_eq!(keys.len(), 3, "{keys:?}");
    let marek = every_page(&app, &bearer, "limit=1&actor=user_dispatcher_marek").await;
    assert_eq!(marek.len(), 2, "{marek:?}");
    let first = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/audit-events?limit=200",
        &[("authorization", &bearer)],
        "",
    )
    .await;
    assert_eq!(first.json["meta"]["hasMore"], false);
    assert!(first.json["meta"].get("nextCursor").is_none());

    // A cursor goes on only under its own filter, and only as the console gave it.
    let page = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/audit-events?limit=1&action=create_api_key",
        &[("authorization", &bearer)],
        "",
    )
    .await;
    let cursor = page.json["meta"]["nextCursor"].as_str().unwrap().to_owned();
    let (seq, rest) = cursor.split_once('.').unwrap();
    let forged = format!("{}.{rest}", seq.parse::<i64>().unwrap() + 100);
    let flipped = {
        let mut c = cursor.clone().into_bytes();
        let last = c.len() - 1;
        c[last] = if c[last] == b'0' { b'1' } else { b'0' };
        String::from_utf8(c).unwrap()
    };
    let before = written(&app).await;
    for query in [
        format!("limit=1&cursor={cursor}"),
        format!("limit=1&action=accept&cursor={cursor}"),
        format!("limit=1&action=create_api_key&actor=user_md_anna&cursor={cursor}"),
        format!("limit=1&action=create_api_key&cursor={forged}"),
        format!("limit=1&action=create_api_key&cursor={flipped}"),
        "limit=1&action=create_api_key&cursor=42".to_owned(),
        "cursor=".to_owned(),
        "limit=0".to_owned(),
        "limit=201".to_owned(),
        "limit=many".to_owned(),
        "action=no_such_action".to_owned(),
        "from=yesterday".to_owned(),
        "to=2026-13-01T00:00:00Z".to_owned(),
        "colour=blue".to_owned(),
    ] {
        let path = format!("/v1/tenants/bfg-control/audit-events?{query}");
        let refused = call(&app, "GET", &path, &[("authorization", &bearer)], "").await;
        refused.assert_problem(StatusCode::BAD_REQUEST, "VALIDATION_ERROR");
    }
    // The cursor under its own filter goes on.
    let next = call(
        &app,
        "GET",
        &format!(
            "/v1/tenants/bfg-control/audit-events?limit=1&action=create_api_key&cursor={cursor}"
        ),
        &[("authorization", &bearer)],
        "",
    )
    .await;
    assert_eq!(next.status, StatusCode::OK, "{}", next.json);
    assert!(next.json["data"][0]["seq"].as_i64().unwrap() < seq.parse::<i64>().unwrap());
    assert_eq!(written(&app).await, before);
    // A window of time: from the first key's creation on.
    let created = first.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "create_api_key")
        .map(|e| e["at"].as_str().unwrap().to_owned())
        .min()
        .unwrap();
    let window = call(
        &app,
        "GET",
        &format!(
            "/v1/tenants/bfg-control/audit-events?limit=200&from={}",
            crate::support::percent_encode(created.as_bytes())
        ),
        &[("authorization", &bearer)],
        "",
    )
    .await;
    assert_eq!(window.status, StatusCode::OK, "{}", window.json);
    let at_or_after = window.json["data"].as_array().unwrap();
    assert!(at_or_after.len() >= 5, "{}", window.json);
    assert!(at_or_after.len() < total as usize);
}

#[tokio::test]
async fn over_its_rate_limit_a_key_gets_429_with_retry_after_and_so_does_a_busy_tenant() {
    let config = ServeConfig {
        api: ApiRates {
            per_key: 3,
            per_tenant: 5,
        },
        ..test_config()
    };
    let app = TestApp::spawn_with(&config, test_clock().clone()).await;
    let first = format!("Bearer {}", key(&app, "first", Scope::Read).await);
    let second = format!("Bearer {}", key(&app, "second", Scope::Read).await);
    let get = |bearer: &str| {
        let headers = [("authorization", bearer.to_owned())];
        let app = &app;
        async move {
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            call(app, "GET", READINESS, &headers, "").await
        }
    };
    for _ in 0..3 {
        assert_eq!(get(&first).await.status, StatusCode::OK);
    }
    let limited = get(&first).await;
    limited.assert_problem(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED");
    let wait: u64 = limited.header("retry-after").parse().expect("Retry-After");
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(
        limited.json["detail"]
            .as_str()
            .unwrap()
            .contains(&wait.to_string()),
        "{}",
        limited.json
    );
    // Another key of the tenant goes on, until the tenant's own limit (five in all).
    assert_eq!(get(&second).await.status, StatusCode::OK);
    assert_eq!(get(&second).await.status, StatusCode::OK);
    let busy = get(&second).await;
    busy.assert_problem(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED");
    assert!(!busy.header("retry-after").is_empty());
    // A caller without a key is refused as such, not counted.
    let anonymous = call(&app, "GET", READINESS, &[], "").await;
    anonymous.assert_problem(StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
}

#[tokio::test]
async fn an_unknown_address_or_method_under_v1_is_a_problem_not_a_page() {
    let app = TestApp::spawn().await;
    let bearer = format!("Bearer {}", key(&app, "deploy-pipeline", Scope::Read).await);
    for path in [
        "/v1",
        "/v1/",
        "/v1/nothing",
        "/v1/tenants",
        "/v1/tenants/bfg-control",
        "/v1/tenants/bfg-control/decision",
        "/v1/tenants/bfg-control/items/passage.migration_rollback/accept/now",
        "/v2/tenants/bfg-control/readiness",
    ] {
        if path.starts_with("/v2") {
            // Not the API's: the console's own 404 page.
            let page = crate::support::get(&app.router, path, &[]).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND);
            continue;
        }
        let answer = call(&app, "GET", path, &[("authorization", &bearer)], "").await;
        answer.assert_problem(StatusCode::NOT_FOUND, "NOT_FOUND");
    }
    let wrong = call(&app, "DELETE", READINESS, &[("authorization", &bearer)], "").await;
    assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong.header("content-type"), "application/problem+json");
}

#[tokio::test]
async fn problems_are_told_in_portuguese_and_spanish_with_their_codes_unchanged() {
    let app = TestApp::spawn().await;
    let read = format!("Bearer {}", key(&app, "deploy-pipeline", Scope::Read).await);
    let pt = Lang::from_tag("pt-BR").unwrap();
    for (lang, header) in [(pt, "pt-BR,pt;q=0.9"), (Lang::Es, "es-ES")] {
        let tr = lang.tr();
        let none = call(&app, "GET", READINESS, &[("accept-language", header)], "").await;
        none.assert_problem(StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
        assert_eq!(none.header("content-language"), lang.code());
        assert_eq!(none.json["title"], tr.t("api-problem-UNAUTHORIZED"));
        assert_eq!(none.json["detail"], tr.t("api-detail-unauthorized"));
        assert_ne!(
            none.json["title"],
            Lang::En.tr().t("api-problem-UNAUTHORIZED")
        );
        let write = call(
            &app,
            "POST",
            ACCEPT_ROLLBACK,
            &[
                ("authorization", &read),
                ("accept-language", header),
                ("content-type", "application/json"),
                ("idempotency-key", "localized"),
            ],
            EVIDENCE,
        )
        .await;
        write.assert_problem(StatusCode::FORBIDDEN, "FORBIDDEN_ACTION");
        assert_eq!(write.json["detail"], tr.t("api-detail-read-scope"));
        // `?lang=` wins over the header, as on the pages.
        let query = format!(
            "/v1/tenants/bfg-control/audit-events?limit=0&lang={}",
            lang.code()
        );
        let bad = call(
            &app,
            "GET",
            &query,
            &[("authorization", &read), ("accept-language", "fr")],
            "",
        )
        .await;
        bad.assert_problem(StatusCode::BAD_REQUEST, "VALIDATION_ERROR");
        assert_eq!(bad.header("content-language"), lang.code());
        assert_eq!(bad.json["detail"], tr.t("api-detail-query"));
        // Titles of items come in the language too.
        let items = call(
            &app,
            "GET",
            "/v1/tenants/bfg-control/items",
            &[("authorization", &read), ("accept-language", header)],
            "",
        )
        .await;
        assert_eq!(items.json["meta"]["lang"], lang.code());
        let rollback = items.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["key"] == ROLLBACK)
            .unwrap();
        let english = call(
            &app,
            "GET",
            "/v1/tenants/bfg-control/items/passage.migration_rollback",
            &[("authorization", &read)],
            "",
        )
        .await;
        assert!(!rollback["title"].as_str().unwrap().is_empty());
        assert_ne!(rollback["title"], english.json["data"]["title"]);
    }
}

#[tokio::test]
async fn the_contract_check_refuses_an_answer_the_document_does_not_promise() {
    let app = TestApp::spawn().await;
    let bearer = format!("Bearer {}", key(&app, "deploy-pipeline", Scope::Read).await);
    let real = call(&app, "GET", READINESS, &[("authorization", &bearer)], "").await;
    let document = document(&app).await;
    let answer = |status: u16, media: &str, json: Value| {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("content-type", media.parse().unwrap());
        headers.insert("content-language", "en".parse().unwrap());
        headers.insert("x-request-id", "r-1".parse().unwrap());
        headers.insert("etag", "\"x\"".parse().unwrap());
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            bytes: json.to_string().into_bytes(),
            json,
        }
    };
    let refused = |path: &str, answer: Answer| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            conforms(&document, "GET", path, &answer);
        }))
        .is_err()
    };
    let problem = serde_json::json!({
        "type": "/v1/problems/UNAUTHORIZED", "title": "No valid API key", "status": 401,
        "detail": "Send a key.", "code": "UNAUTHORIZED", "requestId": "r-1"
    });
    assert!(!refused(
        READINESS,
        answer(401, "application/problem+json", problem.clone())
    ));
    assert!(!refused(
        READINESS,
        answer(200, "application/json", real.json.clone())
    ));

    let mut no_data = real.json.clone();
    no_data.as_object_mut().unwrap().remove("data");
    assert!(refused(READINESS, answer(200, "application/json", no_data)));
    let mut wrong_type = real.json.clone();
    wrong_type["data"]["go"] = Value::from("no");
    assert!(refused(
        READINESS,
        answer(200, "application/json", wrong_type)
    ));
    let mut unknown_code = problem.clone();
    unknown_code["code"] = Value::from("TEAPOT");
    assert!(refused(
        READINESS,
        answer(401, "application/problem+json", unknown_code)
    ));
    let mut other_id = problem.clone();
    other_id["requestId"] = Value::from("r-2");
    assert!(refused(
        READINESS,
        answer(401, "application/problem+json", other_id)
    ));
    assert!(refused(
        READINESS,
        answer(400, "application/problem+json", problem.clone())
    ));
    assert!(refused(
        READINESS,
        answer(401, "application/json", problem.clone())
    ));
    assert!(refused(
        "/v1/nothing",
        answer(404, "text/html", Value::Null)
    ));
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_503_as_a_problem_document() {
    // A console whose every request takes longer than it may: the API still answers in its
    // own shape, in the reader's language.
    let mut config = crate::support::test_config();
    config.request_timeout = std::time::Duration::from_millis(1);
    let app = TestApp::spawn_with(&config, crate::support::test_clock().clone()).await;
    let read = format!("Bearer {}", key(&app, "slow-reader", Scope::Read).await);
    // The tenant is not loaded yet: its first answer takes more than a millisecond.
    let answer = call(
        &app,
        "GET",
        "/v1/tenants/bfg-control/readiness",
        &[("accept-language", "fr"), ("authorization", &read)],
        "",
    )
    .await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.headers["content-type"], "application/problem+json");
    assert_eq!(answer.json["code"], "SERVICE_UNAVAILABLE");
    assert_eq!(answer.headers["content-language"], "fr");
    assert_eq!(
        answer.json["requestId"],
        answer.headers["x-request-id"].to_str().unwrap()
    );
}
