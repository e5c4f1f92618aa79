//! `GET /v1/tenants/{slug}/items` and `…/items/{key}`: each item's status, owner and
//! dependencies; one item's evidence history too, with its version as the `ETag` a write's
//! `If-Match` names.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::caller::Caller;
use super::problem::{ApiError, TenantRefusals};
use super::readiness::{Envelope, ItemSummary, Meta, Owner, owner, summary};
use crate::web::{AppState, TenantView};

/// An item.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Its status, owner and what it waits on.
    #[serde(flatten)]
    pub summary: ItemSummary,
    /// Its dependencies, as the programme writes them.
    pub depends_on: Vec<String>,
    /// Its version: a write names it in `If-Match`.
    pub version: i32,
    /// For a decision: the accepted value, or else the proposal.
    pub value: Option<String>,
    /// The standing acceptance, if any.
    pub accepted: Option<Accepted>,
}

/// A standing acceptance.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Accepted {
    /// Who accepted.
    pub by: Owner,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: OffsetDateTime,
}

/// An item and its evidence history.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemDetail {
    /// The item.
    #[serde(flatten)]
    pub item: Item,
    /// Every acceptance and decision given, newest first, revoked ones too.
    pub evidence: Vec<EvidenceEntry>,
}

/// One acceptance or decision, and its revocation if any.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceEntry {
    /// Who gave it.
    pub by: Owner,
    /// The decided value, for a decision.
    pub value: Option<String>,
    /// The evidence note.
    pub note: String,
    /// The evidence link.
    pub url: Option<String>,
    /// The evidence checksum.
    pub checksum: Option<String>,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub accepted_at: OffsetDateTime,
    /// When it was revoked, if it was.
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<OffsetDateTime>,
    /// Who revoked it.
    pub revoked_by: Option<Owner>,
    /// Why.
    pub revoke_reason: Option<String>,
}

/// Every item of the view, or the one with `key`.
fn items(view: &TenantView, lang: crate::i18n::Lang, key: Option<&str>) -> Vec<Item> {
    let tr = view.tr(lang);
    let state = &view.console.state;
    view.evaluation
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(move |i| (s, i)))
        .filter(|(_, i)| key.is_none_or(|k| i.key == k))
        .map(|(s, i)| Item {
            summary: summary(view, &tr, &s.key, i),
            depends_on: i.depends_on.clone(),
            version: state.version_of(&i.key),
            value: i.value.clone(),
            accepted: state.acceptances.get(&i.key).map(|a| Accepted {
                by: owner(view, &a.actor),
                at: a.at,
            }),
        })
        .collect()
}

fn meta(caller: &Caller) -> Meta {
    Meta {
        tenant: caller.slug().to_owned(),
        lang: caller.lang.code().to_owned(),
        ..Meta::default()
    }
}

pub(super) fn json<T: Serialize>(
    body: &T,
    etag: Option<String>,
    lang: crate::i18n::Lang,
) -> Response {
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(lang.code()),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
        ],
        serde_json::to_vec(body).unwrap_or_default(),
    )
        .into_response();
    if let Some(tag) = etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response
}

/// The entity tag of an item at `version`: what `If-Match` names.
pub(super) fn version_tag(version: i32) -> String {
    format!("\"{version}\"")
}

/// Every item of the tenant.
#[utoipa::path(
    get,
    path = "/v1/tenants/{slug}/items",
    tag = "items",
    params(("slug" = String, Path, description = "The tenant's slug")),
    responses(
        (status = 200, description = "Every item, in page order", body = Envelope<Vec<Item>>),
        TenantRefusals
    )
)]
pub(super) async fn list(caller: Caller) -> Result<Response, ApiError> {
    let body = Envelope {
        data: items(&caller.view, caller.lang, None),
        meta: meta(&caller),
    };
    Ok(json(&body, None, caller.lang))
}

/// One item, with its evidence history.
#[utoipa::path(
    get,
    path = "/v1/tenants/{slug}/items/{key}",
    tag = "items",
    params(
        ("slug" = String, Path, description = "The tenant's slug"),
        ("key" = String, Path, description = "The item's key (`section.item`)")
    ),
    responses(
        (status = 200, description = "The item and its evidence", body = Envelope<ItemDetail>,
         headers(("ETag" = String, description = "The item's version, for `If-Match`"))),
        TenantRefusals
    )
)]
pub(super) async fn one(
    State(app): State<AppState>,
    caller: Caller,
    Path(path): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (_, key) = path;
    let item = items(&caller.view, caller.lang, Some(&key))
        .pop()
        .ok_or_else(|| ApiError::not_found("api-detail-item-not-found"))?;
    let history = crate::db::proof::item_history(&app.pool, caller.slug(), &key).await?;
    let view = &caller.view;
    let evidence = history
        .acceptances
        .into_iter()
        .map(|a| EvidenceEntry {
            by: owner(view, &a.actor_id),
            value: a.value,
            note: a.evidence_note,
            url: a.evidence_url,
            checksum: a.evidence_checksum,
            accepted_at: a.accepted_at,
            revoked_at: a.revoked_at,
            revoked_by: a.revoked_by.as_deref().map(|id| owner(view, id)),
            revoke_reason: a.revoke_reason,
        })
        .collect();
    let etag = version_tag(item.version);
    let body = Envelope {
        data: ItemDetail { item, evidence },
        meta: meta(&caller),
    };
    Ok(json(&body, Some(etag), caller.lang))
}
