//! The sections after the decision: the catalogue's item sections (one partial for all), the
//! data sections (providers, live session, RBAC map, environments, proof path) and the packets.

use crate::readiness::catalogue::{DecisionCode, Fact};
use crate::readiness::packets;
use crate::readiness::packets::PacketKey;
use crate::readiness::permissions::Target;
use crate::readiness::state::Environment;
use crate::readiness::{CheckAction, Count, ItemEval, ItemKind, Status};

use super::keys::{item_anchor, item_form_id};
use super::view::state_of;
use super::{ConsoleView, SectionKey, item_label_id};

/// The head of an item section: its contract, intro, count and local decision.
pub struct SectionHead {
    pub(super) contract: Option<String>,
    pub(super) intro: String,
    pub(super) count: Option<String>,
    pub(super) decision: Option<&'static str>,
    pub(super) misconfigured: Option<String>,
}

/// One item, in words.
pub struct ItemRow {
    /// The item's permalink on the proof path.
    pub(super) href: String,
    pub(super) anchor: String,
    pub(super) label: String,
    pub(super) detail: String,
    pub(super) status: String,
    pub(super) state: &'static str,
    pub(super) code: Option<String>,
    pub(super) figure: Option<String>,
    pub(super) owner: Option<String>,
    pub(super) depends: Option<String>,
    pub(super) waiting: Option<String>,
    /// The signed-in viewer owns it and it is open.
    pub(super) mine: bool,
    /// "Waiting on <owner>", for an open item someone else owns.
    pub(super) waiting_owner: Option<String>,
    /// The accept or revoke form, for the viewer's own owner checks.
    pub(super) form: Option<ItemForm>,
}

/// The form that accepts (with evidence) or revokes (with a reason) an owner check.
pub struct ItemForm {
    pub(super) id: String,
    pub(super) action: String,
    pub(super) target: String,
    pub(super) accept: bool,
    /// For decisions: the value field, prefilled with the proposal.
    pub(super) value: Option<String>,
    pub(super) csrf: String,
    pub(super) version: i32,
    pub(super) idempotency_key: String,
    pub(super) note: String,
    pub(super) url: String,
    pub(super) checksum: String,
    pub(super) error: Option<String>,
    /// While a GO stands: the warning and the checkbox confirming its withdrawal.
    pub(super) withdraw: Option<super::signature::WithdrawConfirm>,
}

/// A packet as shown: its block, checksum and how to check it.
pub struct PacketView {
    pub(super) id: String,
    pub(super) href: String,
    pub(super) contract: &'static str,
    pub(super) intro: String,
    pub(super) body: String,
    pub(super) checksum: String,
    pub(super) sha256: String,
}

/// A labelled value.
pub struct Field {
    pub(super) label: String,
    pub(super) value: String,
    pub(super) code: bool,
}

/// A provider contract.
pub struct ProviderRow {
    pub(super) name: String,
    pub(super) detail: String,
    pub(super) current: String,
    pub(super) target: String,
}

/// An actor of the RBAC map.
pub struct ActorRow {
    pub(super) name: String,
    pub(super) id: String,
    pub(super) role: String,
    pub(super) unit: String,
    pub(super) permissions: String,
}

/// A batch group of the data cutover.
pub struct BatchRow {
    pub(super) name: String,
    pub(super) rows: String,
    pub(super) state: &'static str,
}

/// An environment of the rollout plan.
pub struct EnvironmentRow {
    pub(super) name: String,
    pub(super) adapter: String,
    pub(super) detail: String,
    pub(super) state: String,
    pub(super) active: bool,
}

/// A link of the reviewer proof path: a blocker and where its evidence is.
pub struct ProofLink {
    pub(super) blocker: String,
    pub(super) href: String,
    pub(super) section: String,
    pub(super) count: String,
}

impl ConsoleView<'_> {
    fn catalogue_section_present(&self, section: &str) -> bool {
        self.ev().section(section).is_some()
    }

    pub(super) fn section_head(&self, section: &str) -> SectionHead {
        let tr = self.tr;
        let Some(eval) = self.ev().section(section) else {
            return SectionHead {
                contract: None,
                intro: tr.t(&format!("intro-{section}")),
                count: None,
                decision: None,
                misconfigured: Some(tr.t("section-misconfigured")),
            };
        };
        SectionHead {
            contract: eval.contract.clone(),
            // A section its programme gives no description has no introduction.
            intro: tr
                .t1_opt(&format!("intro-{section}"), "target", self.target())
                .unwrap_or_default(),
            count: Some(tr.t2(
                "section-count",
                "ready",
                eval.count.ready,
                "total",
                eval.count.total,
            )),
            decision: eval.decision.map(DecisionCode::as_str),
            misconfigured: eval.misconfigured.then(|| tr.t("section-misconfigured")),
        }
    }

    pub(super) fn item_rows(&self, section: &str) -> Vec<ItemRow> {
        let Some(eval) = self.ev().section(section) else {
            return Vec::new();
        };
        eval.items
            .iter()
            .map(|item| self.item_row(section, item))
            .collect()
    }

    fn item_form(&self, section: &str, item: &ItemEval) -> Option<ItemForm> {
        let viewer = self.viewer.as_ref()?;
        let decision = item.kind == ItemKind::Decision;
        let accept = !item.is_ready();
        let verb = CheckAction::offered(!accept, decision);
        let owned = item.owner.as_deref() == Some(viewer.actor.as_str());
        if !self.may(verb.permission(), Target::item(Some(item.kind), owned)) {
            return None;
        }
        let draft = viewer.draft.as_ref().filter(|d| d.item == item.key);
        let id = item_form_id(&item.key);
        Some(ItemForm {
            withdraw: self.withdraw_confirm(&id),
            id,
            action: format!(
                "/t/{}/items/{}/{}?lang={}",
                self.slug,
                item.key,
                verb,
                self.tr.lang().code()
            ),
            target: format!("#{section}"),
            accept,
            value: (decision && accept).then(|| {
                draft
                    .map(|d| d.value.clone())
                    .or_else(|| item.value.clone())
                    .unwrap_or_default()
            }),
            csrf: viewer.csrf.clone(),
            version: self.view.console.state.version_of(&item.key),
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            note: draft.map(|d| d.note.clone()).unwrap_or_default(),
            url: draft.map(|d| d.url.clone()).unwrap_or_default(),
            checksum: draft.map(|d| d.checksum.clone()).unwrap_or_default(),
            error: draft.map(|d| self.tr.t(&d.error)),
        })
    }

    fn item_row(&self, section: &str, item: &ItemEval) -> ItemRow {
        let tr = self.tr;
        let label_of = |key: &str| {
            if key.contains('.') {
                self.item_label(key)
            } else {
                tr.t(&format!("section-name-{key}"))
            }
        };
        let join = |keys: &[String]| {
            keys.iter()
                .map(|k| label_of(k))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mine = self
            .viewer
            .as_ref()
            .is_some_and(|v| item.owner.as_deref() == Some(v.actor.as_str()));
        let owner = match (&item.owner, item.kind) {
            (Some(owner), _) => Some(tr.t1("item-owner", "owner", self.actor_line(owner))),
            (None, ItemKind::Probe) => Some(tr.t("item-run-by-console")),
            _ => None,
        };
        ItemRow {
            href: self.item_href(&item.key),
            anchor: item_anchor(&item.key),
            label: self.item_label(&item.key),
            // An item its programme gives no description has none.
            detail: tr
                .t1_opt(
                    &format!("{}-detail", item_label_id(&item.key)),
                    "target",
                    self.target(),
                )
                .unwrap_or_default(),
            status: tr.t(&format!("status-{}", item.status.as_str())),
            state: match item.status {
                Status::Ready => "ready",
                Status::Misconfigured => "misconfigured",
                Status::Open | Status::Waiting => "open",
            },
            code: item.code.as_ref().map(|c| format!("{}.{c}", self.target())),
            figure: self.figure(item),
            owner,
            depends: (!item.depends_on.is_empty())
                .then(|| tr.t1("item-depends-on", "items", join(&item.depends_on))),
            // When everything it depends on is open, "depends on" says it all.
            waiting: (item.status == Status::Waiting
                && item.waiting_on.len() < item.depends_on.len())
            .then(|| tr.t1("gate-waiting-on", "sections", join(&item.waiting_on))),
            mine: !item.is_ready() && mine,
            waiting_owner: (self.viewer.is_some() && !item.is_ready() && !mine)
                .then_some(item.owner.as_ref())
                .flatten()
                .map(|owner| tr.t1("item-waiting-owner", "owner", self.actor_line(owner))),
            form: self.item_form(section, item),
        }
    }

    /// The figure an item carries: a decision's value, a probe's measure, a fact's number,
    /// a derived item's evidence `x/y`, or the decision of the one section it rests on.
    fn figure(&self, item: &ItemEval) -> Option<String> {
        let tr = self.tr;
        let state = &self.view.console.state;
        match item.kind {
            ItemKind::Decision => item.value.as_ref().map(|v| {
                if item.is_ready() {
                    v.clone()
                } else {
                    tr.t1("item-proposed", "value", v.as_str())
                }
            }),
            ItemKind::Probe => item.measure.map(|m| m.to_string()),
            ItemKind::OwnerCheck => state.acceptances.get(&item.key).map(|a| {
                tr.t2(
                    "item-accepted-by",
                    "owner",
                    self.actor_line(&a.actor),
                    "date",
                    tr.datetime(&a.at),
                )
            }),
            ItemKind::Derived => {
                let fact = self
                    .view
                    .console
                    .catalogue
                    .item(&item.key)
                    .and_then(|d| d.fact);
                if let Some(fact) = fact {
                    return Some(self.fact_figure(fact));
                }
                if let [single] = item.depends_on.as_slice()
                    && let Some(code) = self.ev().local_decision(single)
                {
                    return Some(code.as_str().to_owned());
                }
                (!item.progress.is_empty()).then(|| {
                    item.progress
                        .iter()
                        .map(Count::to_string)
                        .collect::<Vec<_>>()
                        .join(" + ")
                })
            }
        }
    }

    fn fact_figure(&self, fact: Fact) -> String {
        let tr = self.tr;
        let state = &self.view.console.state;
        match fact {
            Fact::ProvidersMapped => tr.num(state.providers.len() as u64),
            Fact::SessionAdapterPresent => state.profile.scenario_contract.clone(),
            Fact::ActorsClaimed => tr.num(state.scenario_actors().count() as u64),
            Fact::SnapshotFrozen => match &state.snapshot {
                Some(s) => tr.t2("fact-snapshot", "rows", s.rows, "checksum", &s.checksum),
                None => tr.t("fact-snapshot-none"),
            },
            Fact::BatchGroupsPopulated => self.ev().batches().to_string(),
            Fact::ReleaseEnvComplete => tr.num(9u64),
            Fact::RollbackFallbackAvailable => state.profile.storage_adapter.clone(),
            Fact::OverallGo => self.ev().decision.as_str().to_owned(),
        }
    }

    pub(super) fn packets_of(&self, section: &str) -> Vec<PacketView> {
        let tr = self.tr;
        let shows_any = PacketKey::ALL.iter().any(|k| k.section() == section);
        if !shows_any || !self.catalogue_section_present(section) {
            return Vec::new();
        }
        self.view
            .packets()
            .iter()
            .filter(|(p, _)| p.key.section() == section)
            .map(|(p, sha256)| {
                let checksum = packets::checksum_of(sha256);
                PacketView {
                    id: format!("packet-{}", p.key),
                    href: format!("/t/{}/packets/{}", self.slug, p.key),
                    contract: p.contract,
                    intro: tr.t2(
                        &format!("packet-{}-intro", p.key),
                        "target",
                        self.target(),
                        "checksum",
                        &checksum,
                    ),
                    checksum,
                    sha256: sha256.clone(),
                    body: p.body.clone(),
                }
            })
            .collect()
    }

    pub(super) fn wiring_fields(&self) -> Vec<Field> {
        let tr = self.tr;
        let traffic = if self.ev().decision.is_go() && self.ev().count("wiring").complete() {
            "production_traffic_enabled"
        } else {
            "production_traffic_disabled"
        };
        vec![Field {
            label: tr.t("wiring-traffic"),
            value: traffic.to_owned(),
            code: true,
        }]
    }

    pub(super) fn connection_fields(&self) -> Vec<Field> {
        let tr = self.tr;
        vec![
            Field {
                label: tr.t("connection-target"),
                value: self.target().to_owned(),
                code: true,
            },
            Field {
                label: tr.t("connection-endpoint"),
                value: tr.t("not-recorded"),
                code: false,
            },
            Field {
                label: tr.t("connection-fingerprint"),
                value: tr.t("not-recorded"),
                code: false,
            },
        ]
    }

    pub(super) fn batch_rows(&self) -> Vec<BatchRow> {
        let tr = self.tr;
        self.ev()
            .batch_groups
            .iter()
            .map(|g| BatchRow {
                name: tr.t(&format!("batch-{}", g.key)),
                rows: tr.t1("batch-rows", "rows", g.rows),
                state: state_of(g.rows > 0),
            })
            .collect()
    }

    pub(super) fn provider_rows(&self) -> Vec<ProviderRow> {
        let tr = self.tr;
        self.view
            .console
            .state
            .providers
            .iter()
            .map(|p| ProviderRow {
                name: tr.or_raw("provider", &p.key),
                detail: tr.or_raw("provider-detail", &p.key),
                current: p.current_mode.clone(),
                target: if p.target_mode.is_empty() {
                    tr.t("provider-no-target")
                } else {
                    p.target_mode.clone()
                },
            })
            .collect()
    }

    pub(super) fn session_fields(&self) -> Vec<Field> {
        let tr = self.tr;
        let p = &self.view.console.state.profile;
        let last_write = match &self.view.console.state.last_write {
            Some(at) => tr.datetime(at),
            None => tr.t("session-not-written"),
        };
        vec![
            Field {
                label: tr.t("session-storage"),
                value: p.storage_adapter.clone(),
                code: true,
            },
            Field {
                label: tr.t("session-auth"),
                value: p.auth_mode.clone(),
                code: true,
            },
            Field {
                label: tr.t("session-tenant"),
                value: p.tenant_mode.clone(),
                code: true,
            },
            Field {
                label: tr.t("session-last-write"),
                value: last_write,
                code: false,
            },
        ]
    }

    pub(super) fn actor_rows(&self) -> Vec<ActorRow> {
        let tr = self.tr;
        self.view
            .console
            .state
            .scenario_actors()
            .map(|a| ActorRow {
                name: a.name.clone(),
                id: a.id.clone(),
                role: tr.t(&format!("role-{}", a.role.as_str())),
                unit: tr.or_raw("unit", &a.unit),
                permissions: tr.t1("rbac-permission-count", "count", a.permissions.len()),
            })
            .collect()
    }

    pub(super) fn environment_rows(&self) -> Vec<EnvironmentRow> {
        let tr = self.tr;
        let p = &self.view.console.state.profile;
        let go = self.ev().decision.is_go();
        Environment::ALL
            .into_iter()
            .map(|env| match env {
                Environment::Local => (env, p.storage_adapter.as_str(), true),
                Environment::Staging => (env, p.adapter_target.as_str(), false),
                Environment::Production => (env, "tenant-rbac-adapter", go),
            })
            .map(|(key, adapter, active)| EnvironmentRow {
                name: tr.t(&format!("environment-{key}")),
                adapter: adapter.to_owned(),
                detail: tr.t(&format!("environment-{key}-detail")),
                state: tr.t(if active {
                    "environment-active"
                } else {
                    "environment-planned"
                }),
                active,
            })
            .collect()
    }

    /// Every gate under review, with a link to the section holding its evidence.
    pub(super) fn proof_links(&self) -> Vec<ProofLink> {
        let tr = self.tr;
        let Some(gates) = self.ev().section("gates") else {
            return Vec::new();
        };
        gates
            .items
            .iter()
            .filter(|g| !g.is_ready())
            .filter_map(|g| {
                let section = g.depends_on.first()?;
                let key = self
                    .view
                    .layout
                    .iter()
                    .find(|k| matches!(k, SectionKey::Items(s) if s == section))?;
                Some(ProofLink {
                    blocker: self.item_label(&g.key),
                    href: format!("#{}", key.id()),
                    section: tr.t(&format!("section-name-{section}")),
                    count: self.count(section).to_string(),
                })
            })
            .collect()
    }
}
