//! The view of one tenant in one language: everything the console's templates read, with the
//! evaluation's codes and figures turned into words.

use super::keys::{SectionKey, item_label_id};
use super::viewer::Viewer;
use crate::i18n::{Arg, Tr};
use crate::readiness::catalogue::DecisionCode;
use crate::readiness::narrative::{Figure, Narrative, Sentence};
use crate::readiness::permissions::{self, Action, Target};
use crate::readiness::state::Role;
use crate::readiness::{Count, Evaluation, ItemKind, NextAction, Status};
use crate::web::TenantView;

/// A figure tile of the header.
pub struct Tile {
    pub(super) label: String,
    pub(super) value: String,
    /// Where the figure is explained: the proof path's section.
    pub(super) href: Option<String>,
    /// The value is a name rather than a figure.
    pub(super) text: bool,
    pub(super) detail: Prose,
    pub(super) state: &'static str,
}

/// A summary card of the copilot.
pub struct Card {
    pub(super) title: String,
    pub(super) text: Prose,
    pub(super) state: &'static str,
}

/// A sentence of the narrative in words, with the message id it was chosen by: the element
/// carries the id, so the page says which wording each state took.
pub struct Prose {
    pub(super) id: String,
    pub(super) text: String,
}

/// The sentences of the decision section.
pub struct DecisionProse {
    pub(super) prompt: Prose,
    pub(super) needed_heading: Prose,
    pub(super) needed_title: Prose,
    pub(super) needed_detail: Prose,
    pub(super) target: Prose,
    pub(super) auth: Prose,
    pub(super) decision: Prose,
}

/// The recommended next action, in words.
pub struct ActionView {
    pub(super) title: String,
    pub(super) detail: String,
    pub(super) step: Option<String>,
    pub(super) who: Option<String>,
}

/// One gate of the blocker checklist.
pub struct GateView {
    pub(super) label: String,
    /// The gate's page on the proof path.
    pub(super) href: String,
    pub(super) status: String,
    pub(super) state: &'static str,
    pub(super) count: Option<String>,
    pub(super) waiting: Option<String>,
}

/// One rung of the decision ladder.
pub struct RungView {
    pub(super) code: &'static str,
    pub(super) label: String,
    pub(super) state: &'static str,
    pub(super) state_word: String,
}

/// Where a rung of the decision ladder stands against the decision: its CSS state and, with
/// `ladder-state-`, its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RungState {
    /// Below the current decision: passed.
    Passed,
    /// The current decision.
    Current,
    /// Above it: still ahead.
    Ahead,
    /// GO, when it is the current decision.
    Reached,
}

impl RungState {
    /// Every state, for the message ids.
    pub(super) const ALL: [Self; 4] = [Self::Passed, Self::Current, Self::Ahead, Self::Reached];

    /// The code in CSS classes and message ids.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Passed => "passed",
            Self::Current => "current",
            Self::Ahead => "ahead",
            Self::Reached => "reached",
        }
    }
}

/// Ready or not, as a CSS state.
pub(super) fn state_of(ready: bool) -> &'static str {
    if ready { "ready" } else { "open" }
}

/// Whether `viewer`, when someone is signed in, may do `action` to `target` in `view`'s tenant.
pub(super) fn viewer_may(
    view: &TenantView,
    viewer: Option<&Viewer>,
    action: Action,
    target: Target,
) -> bool {
    viewer
        .and_then(|v| view.console.state.actor(&v.actor))
        .is_some_and(|actor| permissions::allows(actor.role, action, target))
}

/// Everything the console's templates read, for one tenant in one language.
pub struct ConsoleView<'a> {
    pub(super) tr: Tr,
    pub(super) slug: &'a str,
    pub(super) view: &'a TenantView,
    pub(super) viewer: Option<Viewer>,
}

impl<'a> ConsoleView<'a> {
    pub(super) fn new(tr: Tr, slug: &'a str, view: &'a TenantView, viewer: Option<Viewer>) -> Self {
        Self {
            tr,
            slug,
            view,
            viewer,
        }
    }

    /// Whether the signed-in viewer may do `action` to `target`, as the core's permission
    /// table says (the database asks the same table again when the form is sent).
    pub(super) fn may(&self, action: Action, target: Target) -> bool {
        viewer_may(self.view, self.viewer.as_ref(), action, target)
    }

    pub(super) fn ev(&self) -> &Evaluation {
        &self.view.evaluation
    }

    pub(super) fn tenant_name(&self) -> &str {
        &self.view.console.state.profile.name
    }

    pub(super) fn target(&self) -> &str {
        &self.view.console.state.profile.adapter_target
    }

    pub(super) fn count(&self, section: &str) -> Count {
        self.ev().count(section)
    }

    pub(super) fn sections(&self) -> &[SectionKey] {
        &self.view.layout
    }

    pub(super) fn section_url(&self, key: &SectionKey) -> String {
        format!(
            "/t/{}/sections/{}?lang={}",
            self.slug,
            key.id(),
            self.tr.lang().code()
        )
    }

    pub(super) fn section_title(&self, key: &SectionKey) -> String {
        self.tr.t(&key.title_id())
    }

    pub(super) fn decision_code(&self) -> &'static str {
        self.ev().decision.as_str()
    }

    pub(super) fn is_go(&self) -> bool {
        self.ev().decision.is_go()
    }

    pub(super) fn actor_line(&self, id: &str) -> String {
        match self.view.console.state.actor(id) {
            Some(actor) => format!("{} · {}", actor.name, self.tr.or_raw("unit", &actor.unit)),
            None => id.to_owned(),
        }
    }

    pub(super) fn kpis(&self) -> Vec<Tile> {
        let tr = self.tr;
        let state = &self.view.console.state;
        let actors = state.scenario_actors().count();
        let n = self.narrative();
        let count_tile = |id: &str, section: &str, detail: &Sentence| {
            let count = self.count(section);
            Tile {
                label: tr.t(&format!("kpi-{id}-label")),
                value: count.to_string(),
                href: Some(self.proof_href(section)),
                text: false,
                detail: self.say(detail),
                state: state_of(count.complete()),
            }
        };
        vec![
            Tile {
                label: tr.t("kpi-contract-label"),
                value: state.profile.scenario_contract.clone(),
                href: None,
                text: true,
                detail: self.say(&n.kpi_contract),
                state: "neutral",
            },
            Tile {
                label: tr.t("kpi-actors-label"),
                value: tr.num(actors as u64),
                href: None,
                text: false,
                detail: self.say(&n.kpi_actors),
                state: "neutral",
            },
            Tile {
                label: tr.t("kpi-providers-label"),
                value: tr.num(state.providers.len() as u64),
                href: None,
                text: false,
                detail: self.say(&n.kpi_providers),
                state: "neutral",
            },
            count_tile("preflight", "preflight", &n.kpi_preflight),
            count_tile("cutover", "passage", &n.kpi_cutover),
            count_tile("connection", "connection", &n.kpi_connection),
        ]
    }

    pub(super) fn narrative(&self) -> &Narrative {
        &self.view.narrative
    }

    /// A sentence of the narrative in this language: its figures, and the names it may speak
    /// of (the target, the scenario contract, the auth mode, the snapshot checksum).
    pub(super) fn say(&self, sentence: &Sentence) -> Prose {
        let state = &self.view.console.state;
        let checksum = state.snapshot.as_ref().map_or("", |s| s.checksum.as_str());
        let mut args: Vec<(String, Arg)> = sentence
            .figures()
            .into_iter()
            .map(|(name, figure)| {
                let arg = match figure {
                    Figure::Number(n) => Arg::from(n),
                    Figure::Code(code) => Arg::from(code.as_str()),
                };
                (name, arg)
            })
            .collect();
        for (name, text) in [
            ("target", self.target()),
            ("contract", state.profile.scenario_contract.as_str()),
            ("auth", state.profile.auth_mode.as_str()),
            ("checksum", checksum),
        ] {
            args.push((name.to_owned(), Arg::from(text)));
        }
        let args: Vec<(&str, Arg)> = args.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
        let id = sentence.message_id();
        Prose {
            text: self.tr.t_args(&id, &args),
            id,
        }
    }

    pub(super) fn gates_summary(&self) -> Prose {
        self.say(&self.narrative().gates)
    }

    pub(super) fn percent(&self) -> u32 {
        self.ev().percent
    }

    pub(super) fn percent_text(&self) -> String {
        self.tr.t1("copilot-percent", "percent", self.percent())
    }

    pub(super) fn percent_help(&self) -> Prose {
        self.say(&self.narrative().percent)
    }

    pub(super) fn next_action(&self) -> Option<ActionView> {
        Some(match self.ev().next_action.as_ref()? {
            NextAction::SignOff => self.sign_off_action(),
            NextAction::Item {
                key,
                section,
                owner,
            } => self.item_action(key, section, owner.as_deref()),
        })
    }

    /// Every gate is green: the managing director signs.
    fn sign_off_action(&self) -> ActionView {
        let tr = self.tr;
        let gates = self.count("gates");
        let detail = tr.t_args(
            "action-detail-signoff",
            &[
                ("ready", gates.ready.into()),
                ("total", gates.total.into()),
                ("target", self.target().into()),
            ],
        );
        let state = &self.view.console.state;
        let director = state
            .actors
            .iter()
            .find(|a| a.role == Role::ManagingDirector);
        ActionView {
            title: tr.t("action-title-signoff"),
            detail,
            step: None,
            who: director.map(|a| tr.t1("action-owner", "owner", self.actor_line(&a.id))),
        }
    }

    /// The next item to make ready: what to do (by its fact, or by its section's figures),
    /// and who does it.
    fn item_action(&self, key: &str, section: &str, owner: Option<&str>) -> ActionView {
        let tr = self.tr;
        let fact = self.view.console.catalogue.item(key).and_then(|d| d.fact);
        let (title, detail) = match fact {
            Some(fact) => (
                tr.t(&format!("action-title-fact-{}", fact.as_str())),
                tr.t(&format!("action-detail-fact-{}", fact.as_str())),
            ),
            None => {
                let count = self.count(section);
                let title = format!("action-title-{section}");
                // A section the console has no words of its own for (one of another
                // programme's) is named by its programme's label.
                match tr.t1_opt(&title, "section", "") {
                    Some(title) => {
                        let detail = format!("action-detail-{section}");
                        let detail = tr.t2(&detail, "ready", count.ready, "total", count.total);
                        (title, detail)
                    }
                    None => {
                        let name = tr.t(&format!("section-name-{section}"));
                        (
                            tr.t1("action-title-section", "section", name.as_str()),
                            tr.t_args(
                                "action-detail-section",
                                &[
                                    ("section", name.as_str().into()),
                                    ("ready", count.ready.into()),
                                    ("total", count.total.into()),
                                ],
                            ),
                        )
                    }
                }
            }
        };
        let who = match (owner, self.ev().item(key).map(|i| i.kind)) {
            (Some(owner), _) => Some(tr.t1("action-owner", "owner", self.actor_line(owner))),
            (None, Some(ItemKind::Probe)) => Some(tr.t("action-who-probe")),
            _ => None,
        };
        ActionView {
            title,
            detail,
            step: Some(tr.t1("action-step", "item", self.item_label(key))),
            who,
        }
    }

    pub(super) fn cards(&self) -> Vec<Card> {
        let tr = self.tr;
        let ev = self.ev();
        let n = self.narrative();
        let ready = |key: &str| ev.item(key).is_some_and(|i| i.is_ready());
        let card = |id: &str, text: &Sentence, ready: bool| Card {
            title: tr.t(&format!("copilot-card-{id}-title")),
            text: self.say(text),
            state: state_of(ready),
        };
        let mut cards = vec![
            card(
                "providers",
                &n.card_providers,
                ready("gates.provider_contracts"),
            ),
            card("session", &n.card_session, ready("gates.session_adapter")),
            card(
                "preflight",
                &n.card_preflight,
                self.count("preflight").complete(),
            ),
        ];
        // The cards of the sections that decide locally, for the sections the programme has:
        // another programme's page names none it lacks.
        let local = [
            ("runbook", &n.card_runbook),
            ("release", &n.card_release),
            ("rollback", &n.card_rollback),
        ];
        for (section, sentence) in local {
            if ev.section(section).is_some() {
                cards.push(card(section, sentence, self.count(section).complete()));
            }
        }
        cards
    }

    /// An item's label; labels may name the release environment.
    pub(super) fn item_label(&self, key: &str) -> String {
        let environment = &self.view.console.state.profile.environment;
        self.tr.t1(&item_label_id(key), "environment", environment)
    }

    /// An item's permalink on the proof path.
    pub(super) fn item_href(&self, key: &str) -> String {
        format!(
            "/t/{}/items/{key}?lang={}",
            self.slug,
            self.tr.lang().code()
        )
    }

    /// A section's place on the proof path.
    pub(super) fn proof_href(&self, section: &str) -> String {
        format!(
            "/t/{}/proof?lang={}#s-{section}",
            self.slug,
            self.tr.lang().code()
        )
    }

    pub(super) fn gates(&self) -> Vec<GateView> {
        let tr = self.tr;
        self.ev()
            .section("gates")
            .map(|gates| {
                gates
                    .items
                    .iter()
                    .map(|item| GateView {
                        label: self.item_label(&item.key),
                        href: self.item_href(&item.key),
                        status: tr.t(if item.is_ready() {
                            "gate-status-ready"
                        } else if item.status == Status::Misconfigured {
                            "status-misconfigured"
                        } else {
                            "gate-status-review"
                        }),
                        state: if item.status == Status::Misconfigured {
                            "misconfigured"
                        } else {
                            state_of(item.is_ready())
                        },
                        count: item.progress.first().map(ToString::to_string),
                        waiting: (!item.is_ready() && !item.waiting_on.is_empty()).then(|| {
                            let names: Vec<String> = item
                                .waiting_on
                                .iter()
                                .map(|s| tr.t(&format!("section-name-{s}")))
                                .collect();
                            tr.t1("gate-waiting-on", "sections", names.join(", "))
                        }),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(super) fn decision_prose(&self) -> DecisionProse {
        let n = self.narrative();
        DecisionProse {
            prompt: self.say(&n.prompt),
            needed_heading: self.say(&n.needed_heading),
            needed_title: self.say(&n.needed_title),
            needed_detail: self.say(&n.needed_detail),
            target: self.say(&n.target),
            auth: self.say(&n.auth),
            decision: self.say(&n.decision),
        }
    }

    /// The infrastructure decision prompt, as the printable summary also shows it.
    pub(super) fn decision_prompt(&self) -> Prose {
        self.say(&self.narrative().prompt)
    }

    pub(super) fn selected_target(&self) -> String {
        self.ev()
            .item("decision_board.adapter_selection")
            .filter(|i| i.is_ready())
            .and_then(|i| i.value.clone())
            .unwrap_or_else(|| self.tr.t("decision-target-none"))
    }

    pub(super) fn auth_target(&self) -> String {
        self.view
            .console
            .state
            .providers
            .iter()
            .find(|p| p.key == "auth_rbac")
            .map(|p| p.target_mode.clone())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| self.tr.t("decision-auth-none"))
    }

    pub(super) fn verdict(&self) -> String {
        self.tr.t(if self.is_go() {
            "decision-verdict-go"
        } else {
            "decision-verdict-nogo"
        })
    }

    pub(super) fn ladder(&self) -> Vec<RungView> {
        let tr = self.tr;
        let current = self.ev().decision;
        let ladder = &self.ev().ladder;
        let position = |code| {
            ladder
                .iter()
                .position(|r| r.code == code)
                .unwrap_or(ladder.len())
        };
        let at = position(current);
        let gates = self.count("gates").total;
        ladder
            .iter()
            .map(|r| r.code)
            .chain([DecisionCode::Go])
            .enumerate()
            .map(|(i, code)| {
                let state = match i.cmp(&at) {
                    std::cmp::Ordering::Less => RungState::Passed,
                    std::cmp::Ordering::Equal => RungState::Current,
                    std::cmp::Ordering::Greater => RungState::Ahead,
                };
                // Standing at GO is having reached it.
                let word = if code == DecisionCode::Go && state == RungState::Current {
                    RungState::Reached
                } else {
                    state
                };
                RungView {
                    code: code.as_str(),
                    label: tr.t1(&format!("ladder-{}", code.slug()), "gates", gates),
                    state: state.as_str(),
                    state_word: tr.t(&format!("ladder-state-{}", word.as_str())),
                }
            })
            .collect()
    }
}
