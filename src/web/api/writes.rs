//! `POST /v1/tenants/{slug}/items/{key}/{accept|revoke|decide}`: an `attest` key accepts or
//! revokes an owner check its service account owns, with the same evidence rules as the forms,
//! through the same write. `Idempotency-Key` is required: a replay gets the stored answer, the
//! same key with another request is refused. `If-Match` names the item's version.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::caller::Caller;
use super::problem::{ApiError, ErrorCode, Problem};
use super::readiness::{Envelope, Meta};
use crate::db::signature::Consent;
use crate::db::write::{self, ApiCall, Author, CheckCommand, IdempotencyKey, WriteError, Written};
use crate::readiness::CheckAction;
use crate::readiness::api_key::sha256_hex;
use crate::readiness::evidence::{DecisionValue, Evidence, EvidenceNote};
use crate::readiness::permissions::Target;
use crate::web::AppState;

/// The evidence of a write, as the forms take it.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WriteBody {
    /// For `decide`: the decided value.
    #[serde(default)]
    pub value: String,
    /// The evidence note (for `revoke`: why), at least 10 visible characters.
    #[serde(default)]
    pub note: String,
    /// A link to the evidence (`https://`), e.g. the CI run.
    #[serde(default)]
    pub url: String,
    /// A checksum of the evidence.
    #[serde(default)]
    pub checksum: String,
    /// Confirms withdrawing a standing GO signature, when the write would.
    #[serde(default)]
    pub confirm_withdraw: bool,
}

/// What a write did.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WriteResult {
    /// The item.
    pub item: String,
    /// `accept`, `decide` or `revoke`.
    pub action: String,
    /// The audit event it appended.
    pub audit_seq: i64,
    /// The item's version now (the next write's `If-Match`).
    pub version: i32,
}

/// The idempotency key of an API request: derived from the key's id and the header, so that
/// two keys never share one.
fn idempotency_key(caller: &Caller, header_value: &str) -> Uuid {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("api\0{}\0{header_value}", caller.key().id));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// The `Idempotency-Key` header: 1 to 255 visible ASCII characters.
fn idempotency_header(headers: &HeaderMap) -> Result<&str, ApiError> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|v| (1..=255).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::ValidationError,
                "api-detail-idempotency-missing",
            )
        })
}

/// The version `If-Match` names (`"3"` or `3`); `None` without the header.
fn if_match(headers: &HeaderMap) -> Result<Option<i32>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .map(Some)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::ValidationError,
                "api-detail-if-match",
            )
        })
}

/// The command a write asks for, by the same rules as the forms.
fn command(action: CheckAction, body: &WriteBody) -> Result<CheckCommand, ApiError> {
    let evidence = || Evidence::parse(&body.note, &body.url, &body.checksum);
    let parsed = match action {
        CheckAction::Accept => evidence().map(CheckCommand::Accept),
        CheckAction::Decide => DecisionValue::parse(&body.value)
            .and_then(|value| evidence().map(|e| CheckCommand::Decide(value, e))),
        CheckAction::Revoke => EvidenceNote::parse(&body.note).map(CheckCommand::Revoke),
    };
    parsed.map_err(|e| ApiError::invalid(format!("evidence-{}", e.as_str())))
}

/// The problem a refused write is.
fn refusal(error: WriteError) -> ApiError {
    match error {
        WriteError::Stale => ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            ErrorCode::PreconditionFailed,
            "api-detail-stale",
        ),
        WriteError::AlreadyAccepted => conflict("write-already-accepted"),
        WriteError::NotAccepted => conflict("write-not-accepted"),
        WriteError::WithdrawUnconfirmed => conflict("api-detail-withdraw-unconfirmed"),
        WriteError::KeyReused => ApiError::invalid("api-detail-idempotency-reused"),
        WriteError::Forbidden => ApiError::forbidden("api-detail-not-owner"),
        WriteError::NotFound => ApiError::not_found("api-detail-item-not-found"),
        WriteError::NotReady(_) | WriteError::AlreadySigned => conflict("api-detail-conflict"),
        WriteError::Db(error) => error.into(),
    }
}

fn conflict(detail: &str) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, ErrorCode::Conflict, detail)
}

/// Accept, decide or revoke an item.
#[utoipa::path(
    post,
    path = "/v1/tenants/{slug}/items/{key}/{action}",
    tag = "items",
    params(
        ("slug" = String, Path, description = "The tenant's slug"),
        ("key" = String, Path, description = "The item's key (`section.item`)"),
        ("action" = String, Path, description = "`accept`, `decide` or `revoke`"),
        ("Idempotency-Key" = String, Header, description = "1 to 255 visible characters; a retry sends the same"),
        ("If-Match" = Option<String>, Header, description = "The item's version, as its ETag gives it")
    ),
    request_body(content = WriteBody, content_type = "application/json"),
    responses(
        (status = 200, description = "Written (or, for a replay, written before)", body = Envelope<WriteResult>),
        (status = 400, description = "No `Idempotency-Key`, a bad `If-Match`, or a body that is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read key, another tenant's key, or a check the key does not own", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant, item or action", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already accepted, not accepted, or a GO signature to withdraw", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The item is no longer at the version `If-Match` names", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not `application/json`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The evidence is refused, a field is unknown, or the key was used with another request", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "The tenant is suspended", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json",
         headers(("Retry-After" = u64, description = "Seconds to wait before asking again")))
    )
)]
pub(super) async fn write(
    State(app): State<AppState>,
    caller: Caller,
    Path(path): Path<(String, String, String)>,
    headers: HeaderMap,
    Json(body): Json<WriteBody>,
) -> Result<Response, ApiError> {
    let (_, item, action) = path;
    let action =
        CheckAction::parse(&action).ok_or_else(|| ApiError::not_found("api-detail-not-found"))?;
    let header_value = idempotency_header(&headers)?;
    let asked_version = if_match(&headers)?;
    authorize(&caller, &item, action)?;
    let command = command(action, &body)?;
    let version = asked_version.unwrap_or_else(|| caller.view.console.state.version_of(&item));
    let digest = request_digest(action, &item, asked_version, &body);
    let slug = caller.slug().to_owned();
    let answer_of = |seq: i64| answer(&caller, &item, action, version, seq);
    let call = ApiCall {
        request_sha256: &digest,
        answer: &answer_of,
    };
    let idempotency = IdempotencyKey {
        key: idempotency_key(&caller, header_value),
        api: Some(&call),
    };
    let key = caller.key();
    let author = Author {
        tenant: &slug,
        actor: &key.actor,
        request_id: caller.request_id(),
        key: &app.key,
        clock: &app.clock,
    };
    let consent = Consent::from_checkbox(body.confirm_withdraw);
    let written = write::owner_check(
        &app.pool,
        &author,
        &item,
        version,
        idempotency,
        &command,
        consent,
    )
    .await;
    if let Ok(Written::Applied(_)) = written {
        // Our own write: drop the cached state now rather than when the notification arrives.
        app.cache.invalidate(&slug);
        tracing::info!(item = %item, action = action.as_str(), key = %key.name, "item written through the API");
    }
    let (answer, replayed) = settle(&app, &slug, &call, idempotency.key, written).await?;
    Ok(json_answer(answer, replayed))
}

/// Refuses a key that may not take `action` on `item`: a read key, or an attest key on a check
/// its service account does not own.
fn authorize(caller: &Caller, item: &str, action: CheckAction) -> Result<(), ApiError> {
    let key = caller.key();
    let def = caller
        .view
        .evaluation
        .item(item)
        .ok_or_else(|| ApiError::not_found("api-detail-item-not-found"))?;
    let owned = def.owner.as_deref() == Some(key.actor.as_str());
    if key
        .scope
        .permits(action.permission(), Target::item(Some(def.kind), owned))
    {
        return Ok(());
    }
    Err(ApiError::forbidden(match key.scope {
        crate::readiness::api_key::Scope::Read => "api-detail-read-scope",
        crate::readiness::api_key::Scope::Attest => "api-detail-not-owner",
    }))
}

/// The request as sent: without `If-Match`, a retry names no version either (the item's
/// version has moved since the first try).
fn request_digest(
    action: CheckAction,
    item: &str,
    asked_version: Option<i32>,
    body: &WriteBody,
) -> String {
    sha256_hex(&format!(
        "{}\0{item}\0{asked_version:?}\0{}",
        action.as_str(),
        serde_json::to_string(body).unwrap_or_default()
    ))
}

/// The answer to a write that appended the audit event `seq`.
fn answer(caller: &Caller, item: &str, action: CheckAction, version: i32, seq: i64) -> String {
    serde_json::to_string(&Envelope {
        data: WriteResult {
            item: item.to_owned(),
            action: action.as_str().to_owned(),
            audit_seq: seq,
            version: version + 1,
        },
        meta: Meta {
            tenant: caller.slug().to_owned(),
            lang: caller.lang.code().to_owned(),
            ..Meta::default()
        },
    })
    .unwrap_or_default()
}

/// The answer to send for what the write did, and whether it is a replay.
async fn settle(
    app: &AppState,
    slug: &str,
    call: &ApiCall<'_>,
    key: Uuid,
    written: Result<Written, WriteError>,
) -> Result<(String, bool), ApiError> {
    match written {
        Ok(Written::Applied(seq)) => Ok(((call.answer)(seq), false)),
        Ok(Written::Replayed(seq)) => {
            let stored = write::remembered_answer(&app.pool, slug, key)
                .await
                .map_err(refusal)?;
            Ok((
                stored
                    .and_then(|(_, a)| a)
                    .unwrap_or_else(|| (call.answer)(seq)),
                true,
            ))
        }
        // The same request sent twice at once: the second waited for the first's row lock,
        // then found the item moved. If the first remembered this very request, the second is
        // its replay.
        Err(
            error @ (WriteError::Stale | WriteError::AlreadyAccepted | WriteError::NotAccepted),
        ) => match write::remembered_answer(&app.pool, slug, key)
            .await
            .map_err(refusal)?
        {
            Some((Some(sent), Some(stored))) if sent == call.request_sha256 => Ok((stored, true)),
            Some(_) => Err(refusal(WriteError::KeyReused)),
            None => Err(refusal(error)),
        },
        Err(error) => Err(refusal(error)),
    }
}

/// A JSON answer, marked as a replay when it is one.
fn json_answer(answer: String, replayed: bool) -> Response {
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        answer,
    )
        .into_response();
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}
