//! `GET /v1/tenants/{slug}/audit-events`: the audit trail, newest first, in keyset pages. The
//! cursor names the last event given and the filter it was given under, signed by the console:
//! a cursor of another filter, or one it did not give, is refused.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::caller::Caller;
use super::items::json;
use super::problem::{ApiError, ErrorCode, Problem, TenantRefusals};
use super::readiness::{Envelope, Meta, Owner, owner};
use crate::db::audit::PageQuery;
use crate::readiness::AuditAction;
use crate::web::AppState;

/// The most events a page holds.
const MAX_LIMIT: i32 = 200;

/// The filter and the page asked for.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TrailQuery {
    /// The `nextCursor` of the page before.
    pub cursor: Option<String>,
    /// Events per page, 1 to 200 (50 by default).
    pub limit: Option<i32>,
    /// Only this actor's events (an actor id).
    pub actor: Option<String>,
    /// Only this action's events (e.g. `accept`).
    pub action: Option<String>,
    /// From this instant on (RFC 3339).
    pub from: Option<String>,
    /// Before this instant (RFC 3339).
    pub to: Option<String>,
}

/// One audit event.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    /// Its place in the chain.
    pub seq: i64,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: OffsetDateTime,
    /// Who: a person, or an API key's service account (`actorType` `service`).
    pub actor: Option<Owner>,
    /// What (e.g. `accept`).
    pub action: String,
    /// On what: an item key, or what the event is about.
    pub target: String,
    /// The SHA-256 of the evidence, if any.
    pub evidence_digest: Option<String>,
    /// The request that wrote it.
    pub request_id: Option<String>,
    /// Its hash.
    pub hash: String,
    /// The previous event's hash.
    pub prev_hash: String,
}

type Signer = Hmac<Sha256>;

/// A filter's fingerprint: which events a cursor may go on through.
fn fingerprint(filter: &PageQuery) -> String {
    let text = format!(
        "{:?}\0{:?}\0{:?}\0{:?}",
        filter.actor,
        filter.action.map(AuditAction::as_str),
        filter.from.map(|t| t.unix_timestamp_nanos()),
        filter.to.map(|t| t.unix_timestamp_nanos()),
    );
    crate::readiness::api_key::sha256_hex(&text)[..16].to_owned()
}

/// The signature of a cursor's text.
fn signature(secret: &[u8], text: &str) -> String {
    // HMAC takes a key of any length: the error is never seen, and an empty signature would
    // match no cursor.
    let Ok(mut mac) = Signer::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(text.as_bytes());
    crate::checkpoint::hex(&mac.finalize().into_bytes()[..16])
}

/// The cursor after event `seq` under `filter`: `seq.fingerprint.signature`.
fn cursor(secret: &[u8], seq: i64, filter: &PageQuery) -> String {
    let text = format!("{seq}.{}", fingerprint(filter));
    let signed = signature(secret, &text);
    format!("{text}.{signed}")
}

/// The event a cursor continues after, if the console gave it under this same filter.
fn read_cursor(secret: &[u8], given: &str, filter: &PageQuery) -> Option<i64> {
    let (text, signed) = given.rsplit_once('.')?;
    let (seq, print) = text.split_once('.')?;
    let genuine = signature(secret, text);
    let same = genuine.len() == signed.len()
        && genuine
            .bytes()
            .zip(signed.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    (same && print == fingerprint(filter)).then(|| seq.parse().ok())?
}

fn invalid_query(detail: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::ValidationError, detail)
}

fn instant(text: Option<&str>) -> Result<Option<OffsetDateTime>, ApiError> {
    text.map(|t| {
        OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
            .map_err(|_| invalid_query("api-detail-query"))
    })
    .transpose()
}

/// The audit trail.
#[utoipa::path(
    get,
    path = "/v1/tenants/{slug}/audit-events",
    tag = "audit",
    params(("slug" = String, Path, description = "The tenant's slug"), TrailQuery),
    responses(
        (status = 200, description = "A page of events, newest first", body = Envelope<Vec<AuditEvent>>),
        (status = 400, description = "A bad filter, limit or cursor", body = Problem, content_type = "application/problem+json"),
        TenantRefusals
    )
)]
pub(super) async fn events(
    State(app): State<AppState>,
    caller: Caller,
    query: Result<Query<TrailQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|_| invalid_query("api-detail-query"))?;
    let limit = query.limit.unwrap_or(50);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(invalid_query("api-detail-query"));
    }
    let action = match query.action.as_deref() {
        Some(code) => {
            Some(AuditAction::parse(code).ok_or_else(|| invalid_query("api-detail-query"))?)
        }
        None => None,
    };
    let mut filter = PageQuery {
        actor: query.actor.clone(),
        action,
        from: instant(query.from.as_deref())?,
        to: instant(query.to.as_deref())?,
        ..PageQuery::default()
    };
    let secret = app.key.derive("api-cursor");
    if let Some(given) = &query.cursor {
        let seq = read_cursor(&secret, given, &filter)
            .ok_or_else(|| invalid_query("api-detail-cursor"))?;
        filter.before = Some(seq);
    }
    let page = crate::db::audit::page_of(&app.pool, caller.slug(), &filter, limit)
        .await?
        .ok_or_else(|| ApiError::from(crate::web::AppError::NotFound))?;
    let view = &caller.view;
    let next_cursor = page
        .older
        .then(|| page.events.last().map(|e| cursor(&secret, e.seq, &filter)))
        .flatten();
    let events: Vec<AuditEvent> = page
        .events
        .into_iter()
        .map(|e| AuditEvent {
            seq: e.seq,
            at: e.at,
            actor: e.actor_id.as_deref().map(|id| owner(view, id)),
            action: e.action,
            target: e.target,
            evidence_digest: e.evidence_digest,
            request_id: e.request_id,
            hash: e.hash,
            prev_hash: e.prev_hash,
        })
        .collect();
    let body = Envelope {
        data: events,
        meta: Meta {
            tenant: caller.slug().to_owned(),
            lang: caller.lang.code().to_owned(),
            has_more: Some(page.older),
            next_cursor,
        },
    };
    Ok(json(&body, None, caller.lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_goes_on_only_under_its_own_filter_and_only_if_ours() {
        let secret = b"secret";
        let all = PageQuery::default();
        let accepts = PageQuery {
            action: Some(AuditAction::Accept),
            ..PageQuery::default()
        };
        let given = cursor(secret, 42, &all);
        assert_eq!(read_cursor(secret, &given, &all), Some(42));
        assert_eq!(read_cursor(secret, &given, &accepts), None);
        assert_eq!(read_cursor(b"another console", &given, &all), None);
        let forged = given.replacen("42", "41", 1);
        assert_eq!(read_cursor(secret, &forged, &all), None);
        for junk in ["", "42", "42.x", "..", "x.y.z"] {
            assert_eq!(read_cursor(secret, junk, &all), None, "{junk:?}");
        }
    }
}
