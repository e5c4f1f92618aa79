//! The reviewer's proof path: from the decision to each blocker, from a blocker to the items
//! behind it, and from an item to its evidence and audit events.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};

use super::ConsoleView;
use super::viewer::Reader;
use crate::db::proof::{self, ItemHistory};
use crate::readiness::catalogue::Dependency;
use crate::readiness::{ItemEval, Status};
use crate::web::frame::Frame;
use crate::web::{AppError, AppState, Result};
use axum::Router;
use axum::routing::get;

/// The proof path and each item's page.
pub(in crate::web) fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{tenant}/proof", get(proof_page))
        .route("/t/{tenant}/items/{key}", get(item_page))
}

/// A link to an item's page.
pub struct ItemLink {
    pub(super) href: String,
    pub(super) label: String,
    pub(super) status: String,
    pub(super) state: &'static str,
}

/// A rung not yet passed, with the items that keep it from passing.
pub struct BlockerView {
    pub(super) code: &'static str,
    pub(super) label: String,
    pub(super) current: bool,
    pub(super) items: Vec<ItemLink>,
}

/// A section on the proof path: its count and every item, ready or not.
pub struct SectionProof {
    pub(super) key: &'static str,
    pub(super) label: String,
    pub(super) count: String,
    pub(super) state: &'static str,
    pub(super) items: Vec<ItemLink>,
}

#[derive(Template)]
#[template(path = "proof/page.html")]
struct ProofPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    blockers: Vec<BlockerView>,
    sections: Vec<SectionProof>,
}

#[derive(Template)]
#[template(path = "proof/item.html")]
struct ItemPage<'a> {
    frame: Frame,
    v: ConsoleView<'a>,
    item: &'a ItemEval,
    section: String,
    kind: String,
    status: String,
    state: &'static str,
    owner: Option<String>,
    depends_on: Vec<ItemLink>,
    depended_on_by: Vec<ItemLink>,
    history: ItemHistory,
}

impl ConsoleView<'_> {
    fn item_link(&self, key: &str) -> Option<ItemLink> {
        let item = self.ev().item(key)?;
        Some(ItemLink {
            href: format!(
                "/t/{}/items/{key}?lang={}",
                self.slug,
                self.tr.lang().code()
            ),
            label: self.item_label(key),
            status: self.tr.t(&format!("status-{}", item.status.as_str())),
            state: if item.is_ready() { "ready" } else { "open" },
        })
    }

    /// A dependency: an item's page, or a whole section on the console.
    fn dependency_link(&self, key: &str) -> Option<ItemLink> {
        if key.contains('.') {
            return self.item_link(key);
        }
        let count = self.ev().section(key)?.count;
        Some(ItemLink {
            href: format!("/t/{}?lang={}#{key}", self.slug, self.tr.lang().code()),
            label: self.tr.t(&format!("section-name-{key}")),
            status: count.to_string(),
            state: if count.complete() { "ready" } else { "open" },
        })
    }

    /// The rungs from the current one on, each with its items that are not ready.
    fn rungs_ahead(&self) -> Vec<BlockerView> {
        let decision = self.ev().decision;
        let ladder = &self.ev().ladder;
        let Some(at) = ladder.iter().position(|r| r.code == decision) else {
            return Vec::new();
        };
        ladder[at..]
            .iter()
            .map(|rung| BlockerView {
                code: rung.code.as_str(),
                label: self.tr.t(&format!("ladder-{}", rung.code.slug())),
                current: rung.code == decision,
                items: rung
                    .requires
                    .iter()
                    .filter_map(|s| self.ev().section(s))
                    .flat_map(|s| s.items.iter().filter(|i| i.status != Status::Ready))
                    .filter_map(|i| self.item_link(&i.key))
                    .collect(),
            })
            .collect()
    }

    /// Every listed section with its count and items: where the console's figures link to.
    fn sections_proof(&self) -> Vec<SectionProof> {
        super::items_of(&self.view.layout)
            .filter_map(|key| {
                let section = self.ev().section(key)?;
                Some(SectionProof {
                    key,
                    label: self.tr.t(&format!("section-name-{key}")),
                    count: section.count.to_string(),
                    state: if section.count.complete() {
                        "ready"
                    } else {
                        "open"
                    },
                    items: section
                        .items
                        .iter()
                        .filter_map(|i| self.item_link(&i.key))
                        .collect(),
                })
            })
            .collect()
    }

    /// Items naming `key` (or its section) among what they depend on.
    fn dependents(&self, key: &str) -> Vec<ItemLink> {
        let section = key.split('.').next().unwrap_or_default();
        self.view
            .console
            .catalogue
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| {
                i.depends_on.iter().any(|d| match d {
                    Dependency::Item(k) => k == key,
                    Dependency::Section(s) => s == section,
                })
            })
            .filter_map(|i| self.item_link(&i.key))
            .collect()
    }
}

/// `GET /t/{tenant}/proof`.
pub(super) async fn proof_page(read: Reader) -> Result<Response> {
    let (frame, v) = read.parts("/proof");
    let blockers = v.rungs_ahead();
    let sections = v.sections_proof();
    Ok(Html(
        ProofPage {
            frame,
            v,
            blockers,
            sections,
        }
        .render()?,
    )
    .into_response())
}

/// `GET /t/{tenant}/items/{key}`: one item's permalink, in any language.
pub(super) async fn item_page(
    State(app): State<AppState>,
    Path((_, key)): Path<(String, String)>,
    read: Reader,
) -> Result<Response> {
    let item = read.view.evaluation.item(&key).ok_or(AppError::NotFound)?;
    let history = proof::item_history(&app.pool, &read.tenant, &key).await?;
    let (frame, v) = read.parts(&format!("/items/{key}"));
    let tr = read.view.tr(read.lang);
    let page = ItemPage {
        section: tr.t(&format!(
            "section-name-{}",
            key.split('.').next().unwrap_or_default()
        )),
        kind: tr.t(&format!("kind-{}", item.kind.as_str())),
        status: tr.t(&format!("status-{}", item.status.as_str())),
        state: if item.is_ready() { "ready" } else { "open" },
        owner: item.owner.as_ref().map(|o| v.actor_line(o)),
        depends_on: item
            .depends_on
            .iter()
            .filter_map(|d| v.dependency_link(d))
            .collect(),
        depended_on_by: v.dependents(&key),
        item,
        history,
        frame,
        v,
    };
    Ok(Html(page.render()?).into_response())
}
