//! `GET /v1/tenants/{slug}/readiness`: the decision, every rung of the ladder, the gates, the
//! sections with their counts, what blocks the decision and who owns it, the next action, the
//! signatures, the audit head and the snapshot. Rendered once per state and language, and
//! answered `304` to a client that holds it (`If-None-Match`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::caller::Caller;
use super::problem::{ApiError, TenantRefusals};
use crate::i18n::Tr;
use crate::readiness::{Count, DecisionCode, ItemEval, NextAction};
use crate::web::TenantView;

/// `{ "data": …, "meta": … }`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Envelope<T: ToSchema> {
    /// The resource.
    pub data: T,
    /// About the answer.
    pub meta: Meta,
}

/// About an answer.
#[derive(Debug, Default, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    /// The tenant.
    pub tenant: String,
    /// The language of titles.
    pub lang: String,
    /// For a page of a list: the cursor of the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// For a page of a list: whether more follow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_more: Option<bool>,
}

/// The decision and what it rests on.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    /// The decision: the first unsatisfied rung's code, or `GO`.
    #[schema(example = "BLOCKED_PENDING_DRY_RUN")]
    pub decision: String,
    /// Whether production may go.
    pub go: bool,
    /// Every rung, in order.
    pub ladder: Vec<RungView>,
    /// The gate checklist (the `gates` section's items), when the programme has one.
    pub gates: Vec<ItemSummary>,
    /// Every section with its counts.
    pub sections: Vec<SectionView>,
    /// What holds the decision: the blocking rung's items that are not ready.
    pub blockers: Vec<ItemSummary>,
    /// What to do next; absent at GO.
    pub next_action: Option<NextActionView>,
    /// The sign-off.
    pub signatures: Signatures,
    /// Ready items outside the gate checklist, in whole percent rounded down.
    pub percent: u32,
    /// The audit chain's head.
    pub audit_head: Option<Head>,
    /// The latest frozen scenario snapshot.
    pub snapshot: Option<SnapshotView>,
}

/// A rung of the ladder.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RungView {
    /// Its code.
    pub code: String,
    /// Where it stands against the decision.
    pub state: RungState,
    /// The sections it needs complete (none for the sign-off rung).
    pub requires: Vec<String>,
}

/// Where a rung stands against the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RungState {
    /// Below the decision (or every rung, at GO): passed.
    Passed,
    /// The decision stands here: this rung blocks.
    Blocking,
    /// Above the decision: still ahead.
    Ahead,
}

impl RungState {
    /// Where rung `i` stands when the decision is rung `blocking` (`None`: above them all).
    fn of(i: usize, blocking: Option<usize>) -> Self {
        match blocking {
            Some(b) if i < b => Self::Passed,
            Some(b) if i == b => Self::Blocking,
            Some(_) => Self::Ahead,
            None => Self::Passed,
        }
    }
}

/// Ready of total.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct CountView {
    /// How many are ready.
    pub ready: u32,
    /// How many there are.
    pub total: u32,
}

impl From<Count> for CountView {
    fn from(count: Count) -> Self {
        Self {
            ready: count.ready,
            total: count.total,
        }
    }
}

/// A section and its counts.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SectionView {
    /// Its key.
    pub key: String,
    /// Its contract, if any.
    pub contract: Option<String>,
    /// Ready of total.
    pub count: CountView,
    /// Its local decision, for a section that has one.
    pub decision: Option<String>,
    /// Whether its catalogue rows cannot be evaluated.
    pub misconfigured: bool,
}

/// Who owns an item.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Owner {
    /// The actor id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// `person` or `service` (an API key's account).
    #[schema(example = "person")]
    pub actor_type: &'static str,
}

/// An item, in brief.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemSummary {
    /// Its key (`section.item`).
    pub key: String,
    /// Its section.
    pub section: String,
    /// Its title, in the negotiated language.
    pub title: String,
    /// `owner_check`, `decision`, `probe` or `derived`.
    pub kind: &'static str,
    /// `ready`, `open` (someone can act now), `waiting` (on another item) or `misconfigured`.
    pub status: &'static str,
    /// Who can act, when it has an owner.
    pub owner: Option<Owner>,
    /// Who can make it ready now: its owner, or for a probe whoever may run the rehearsals.
    pub can_act: Vec<Owner>,
    /// The items it waits on.
    pub waiting_on: Vec<String>,
}

/// What to do next.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NextActionView {
    /// `item` (make it ready) or `sign_off`.
    pub kind: &'static str,
    /// The item, for `item`.
    pub item: Option<String>,
    /// Its owner, for `item`, when it has one.
    pub owner: Option<Owner>,
}

/// The sign-off.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Signatures {
    /// Where the latest sign-off stands: `unsigned`, `no_go`, `standing`, `partial`,
    /// `withdrawn` or `lapsed`.
    pub state: &'static str,
    /// GO signatures of distinct managing directors that stand.
    pub count: u32,
    /// How many the programme requires.
    pub required: u32,
    /// Who signed the standing ones.
    pub signers: Vec<Owner>,
}

/// The audit chain's head.
#[derive(Debug, Serialize, ToSchema)]
pub struct Head {
    /// Its sequence number.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
}

/// A frozen scenario snapshot.
#[derive(Debug, Serialize, ToSchema)]
pub struct SnapshotView {
    /// Its version.
    pub version: i32,
    /// Its rows.
    pub rows: u64,
    /// Its checksum.
    pub checksum: String,
}

/// An actor of the view, as an owner.
pub(super) fn owner(view: &TenantView, id: &str) -> Owner {
    let actor = view.console.state.actor(id);
    Owner {
        id: id.to_owned(),
        name: actor.map_or_else(|| id.to_owned(), |a| a.name.clone()),
        actor_type: match actor.map(|a| a.role) {
            Some(crate::readiness::state::Role::Service) => "service",
            _ => "person",
        },
    }
}

/// An item's title in `tr`'s language.
pub(super) fn title(view: &TenantView, tr: &Tr, key: &str) -> String {
    let environment = &view.console.state.profile.environment;
    tr.t1(
        &crate::web::console::item_label_id(key),
        "environment",
        environment,
    )
}

/// An item in brief.
pub(super) fn summary(view: &TenantView, tr: &Tr, section: &str, item: &ItemEval) -> ItemSummary {
    ItemSummary {
        key: item.key.clone(),
        section: section.to_owned(),
        title: title(view, tr, &item.key),
        kind: item.kind.as_str(),
        status: item.status.as_str(),
        owner: item.owner.as_deref().map(|id| owner(view, id)),
        can_act: crate::readiness::permissions::who_may_act(
            &view.console.state.actors,
            item.kind,
            item.owner.as_deref(),
        )
        .into_iter()
        .map(|a| owner(view, &a.id))
        .collect(),
        waiting_on: item.waiting_on.clone(),
    }
}

/// The readiness of a view, in `tr`'s language.
fn readiness_of(view: &TenantView, tr: &Tr) -> Readiness {
    let ev = &view.evaluation;
    let blocking = ev.ladder.iter().position(|r| r.code == ev.decision);
    let ladder = ev
        .ladder
        .iter()
        .enumerate()
        .map(|(i, rung)| RungView {
            code: rung.code.as_str().to_owned(),
            state: RungState::of(i, blocking),
            requires: rung.requires.clone(),
        })
        .collect();
    let gates = ev
        .section("gates")
        .map(|s| {
            s.items
                .iter()
                .map(|i| summary(view, tr, &s.key, i))
                .collect()
        })
        .unwrap_or_default();
    let state = &view.console.state;
    let signers = state
        .signoff
        .iter()
        .chain(&state.cosignatures)
        .filter(|s| s.go && s.withdrawal.is_none())
        .map(|s| owner(view, &s.actor))
        .collect();
    Readiness {
        decision: ev.decision.as_str().to_owned(),
        go: ev.decision == DecisionCode::Go,
        ladder,
        gates,
        sections: ev
            .sections
            .iter()
            .map(|s| SectionView {
                key: s.key.clone(),
                contract: s.contract.clone(),
                count: s.count.into(),
                decision: s.decision.map(|d| d.as_str().to_owned()),
                misconfigured: s.misconfigured,
            })
            .collect(),
        blockers: ev
            .blockers()
            .into_iter()
            .map(|(s, i)| summary(view, tr, &s.key, i))
            .collect(),
        next_action: ev.next_action.as_ref().map(|next| match next {
            NextAction::Item { key, owner: o, .. } => NextActionView {
                kind: "item",
                item: Some(key.clone()),
                owner: o.as_deref().map(|id| owner(view, id)),
            },
            NextAction::SignOff => NextActionView {
                kind: "sign_off",
                item: None,
                owner: None,
            },
        }),
        signatures: Signatures {
            state: ev.signature.as_str(),
            count: ev.signatures.ready,
            required: ev.signatures.total,
            signers,
        },
        percent: ev.percent,
        audit_head: state.audit_head.as_ref().map(|h| Head {
            seq: h.seq,
            hash: h.hash.clone(),
        }),
        snapshot: state.snapshot.as_ref().map(|s| SnapshotView {
            version: s.version,
            rows: s.rows,
            checksum: s.checksum.clone(),
        }),
    }
}

/// The answer's body and its entity tag, once per view and language.
pub(super) fn rendered(
    view: &TenantView,
    lang: crate::i18n::Lang,
) -> &(axum::body::Bytes, HeaderValue) {
    view.api_readiness(lang, || {
        let tr = view.tr(lang);
        let body = serde_json::to_vec(&Envelope {
            data: readiness_of(view, &tr),
            meta: Meta {
                tenant: view.console.slug.clone(),
                lang: lang.code().to_owned(),
                ..Meta::default()
            },
        })
        .unwrap_or_default();
        let digest = crate::bundle::sha256(&body);
        let tag = HeaderValue::from_str(&format!("\"{}\"", &digest[..32]))
            .unwrap_or(HeaderValue::from_static("\"\""));
        (body.into(), tag)
    })
}

/// Whether an `If-None-Match` names `etag` (or is `*`).
pub(super) fn not_modified(if_none_match: Option<&HeaderValue>, etag: &HeaderValue) -> bool {
    let Some(value) = if_none_match else {
        return false;
    };
    if value == etag {
        return true;
    }
    let Ok(etag) = etag.to_str() else {
        return false;
    };
    value
        .to_str()
        .unwrap_or_default()
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// A JSON answer with its entity tag and language; `304` with the tag alone when the client
/// holds it.
pub(super) fn json_answer(
    if_none_match: Option<&HeaderValue>,
    (body, etag): &(axum::body::Bytes, HeaderValue),
    lang: crate::i18n::Lang,
) -> Response {
    if not_modified(if_none_match, etag) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag.clone())]).into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, etag.clone()),
            (
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(lang.code()),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
        ],
        body.clone(),
    )
        .into_response()
}

/// The tenant's readiness.
#[utoipa::path(
    get,
    path = "/v1/tenants/{slug}/readiness",
    tag = "readiness",
    params(
        ("slug" = String, Path, description = "The tenant's slug"),
        ("If-None-Match" = Option<String>, Header, description = "An ETag of an earlier answer")
    ),
    responses(
        (status = 200, description = "The decision and what it rests on", body = Envelope<Readiness>,
         headers(("ETag" = String, description = "Changes whenever the answer does"))),
        (status = 304, description = "Unchanged since the ETag given"),
        TenantRefusals
    )
)]
pub(super) async fn readiness(caller: Caller) -> Result<Response, ApiError> {
    Ok(json_answer(
        caller.if_none_match.as_ref(),
        rendered(&caller.view, caller.lang),
        caller.lang,
    ))
}
