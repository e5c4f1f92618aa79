//! The console's prose as codes and figures: which wording each sentence of the key figures,
//! the copilot and the decision section takes in the state at hand, and the numbers it states.
//!
//! A place on the page is a [`Slot`]; it has one wording per state it can be in, a [`Code`]. The
//! template turns the pair into the message id `prose-<slot>-<code>` and passes the
//! [`Sentence`]'s figures as Fluent variables, so no sentence is typed for one state and shown
//! in another, and every number in it comes from the [`Evaluation`]. Pure: no locale, no clock.
//!
//! The item keys named here are those of the standard programme
//! (`programmes/db-auth-session-adapter.toml`); an item a catalogue lacks counts as not ready.

use super::catalogue::{DecisionCode, ItemKind};
use super::evaluate::{Count, Evaluation};

/// The live DB/auth provider the managing director accepts.
const LIVE_PROVIDER: &str = "provider_acceptance.live_provider";
/// The adapter target chosen on the decision board.
const ADAPTER_SELECTION: &str = "decision_board.adapter_selection";
/// A frozen snapshot in the preflight.
const PAYLOAD_SNAPSHOT: &str = "preflight.payload_snapshot";
/// The OIDC/RBAC claims, rehearsed and owned, ready for wiring.
const RBAC_CLAIMS: &str = "wiring.oidc_rbac_claims";
/// The owners' confirmations of OIDC, roles and secret handling.
const AUTH_CONFIRMATIONS: [&str; 3] = [
    "provider_acceptance.auth_rbac_owner",
    "passage.role_headers",
    "passage.secrets_auth",
];
/// The sections whose decisions the infrastructure decision prompt counts.
const DECISION_SECTIONS: [&str; 2] = ["provider_acceptance", "infrastructure"];

/// Whether a GO signature stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    /// No GO stands: none was signed, or the latest sign-off is a NO-GO.
    None,
    /// A GO is signed and still stands.
    Standing,
    /// A GO was signed, and a later change (a revocation) took the ladder back below sign-off.
    Withdrawn,
}

impl Signature {
    /// The signature as the evaluation found it ([`super::signature`]): a GO withdrawn by a
    /// write, or one that lapsed, is told as withdrawn; no sign-off or a NO-GO, as none.
    pub fn of(evaluation: &Evaluation) -> Self {
        use super::signature::Signature as Found;
        match evaluation.signature {
            Found::Standing => Self::Standing,
            Found::Withdrawn | Found::Lapsed => Self::Withdrawn,
            // Partial signatures are not yet a GO: the narrative still asks for the sign-off.
            Found::Unsigned | Found::NoGo | Found::Partial => Self::None,
        }
    }
}

/// A place on the page that says one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The scenario contract tile's detail.
    KpiContract,
    /// The role actors tile's detail.
    KpiActors,
    /// The provider modes tile's detail.
    KpiProviders,
    /// The preflight tile's detail.
    KpiPreflight,
    /// The cutover steps (passage checklist) tile's detail.
    KpiCutover,
    /// The connection tile's detail.
    KpiConnection,
    /// The copilot's gate summary.
    Gates,
    /// What the copilot's percentage counts.
    Percent,
    /// The provider contracts card.
    CardProviders,
    /// The session adapter card.
    CardSession,
    /// The migration preflight card.
    CardPreflight,
    /// The migration runbook card.
    CardRunbook,
    /// The release handoff card.
    CardRelease,
    /// The rollback drill card.
    CardRollback,
    /// The infrastructure decision prompt.
    Prompt,
    /// The heading of "what is needed now".
    NeededHeading,
    /// What is needed now.
    NeededTitle,
    /// The release and data cutover figures behind it.
    NeededDetail,
    /// What the selected adapter target is ready for.
    Target,
    /// Where the auth/RBAC owner's confirmations stand.
    Auth,
    /// What the go/no-go decision rests on.
    Decision,
}

impl Slot {
    /// Every slot, in page order.
    pub const ALL: [Self; 21] = [
        Self::KpiContract,
        Self::KpiActors,
        Self::KpiProviders,
        Self::KpiPreflight,
        Self::KpiCutover,
        Self::KpiConnection,
        Self::Gates,
        Self::Percent,
        Self::CardProviders,
        Self::CardSession,
        Self::CardPreflight,
        Self::CardRunbook,
        Self::CardRelease,
        Self::CardRollback,
        Self::Prompt,
        Self::NeededHeading,
        Self::NeededTitle,
        Self::NeededDetail,
        Self::Target,
        Self::Auth,
        Self::Decision,
    ];

    /// The slot's part of the message id.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::KpiContract => "kpi-contract",
            Self::KpiActors => "kpi-actors",
            Self::KpiProviders => "kpi-providers",
            Self::KpiPreflight => "kpi-preflight",
            Self::KpiCutover => "kpi-cutover",
            Self::KpiConnection => "kpi-connection",
            Self::Gates => "gates",
            Self::Percent => "percent",
            Self::CardProviders => "card-providers",
            Self::CardSession => "card-session",
            Self::CardPreflight => "card-preflight",
            Self::CardRunbook => "card-runbook",
            Self::CardRelease => "card-release",
            Self::CardRollback => "card-rollback",
            Self::Prompt => "prompt",
            Self::NeededHeading => "needed-heading",
            Self::NeededTitle => "needed-title",
            Self::NeededDetail => "needed-detail",
            Self::Target => "target",
            Self::Auth => "auth",
            Self::Decision => "decision",
        }
    }

    /// Every wording the slot has: one per state it can be in.
    pub fn codes(self) -> Vec<Code> {
        use Code::*;
        match self {
            Self::KpiContract | Self::CardSession => vec![Demo, Go],
            Self::KpiActors => vec![Mapped, Rehearsed, Go],
            Self::KpiProviders
            | Self::KpiPreflight
            | Self::KpiCutover
            | Self::KpiConnection
            | Self::Gates
            | Self::CardProviders => vec![Open, Complete],
            Self::Percent => vec![Basis],
            Self::CardPreflight => vec![Unfrozen, Open, Complete],
            Self::CardRunbook | Self::CardRelease | Self::CardRollback => {
                vec![Gated, Pending, Ready]
            }
            Self::Prompt => vec![Undecided, Decided, Signoff, SignoffAgain, Go, Withdrawn],
            Self::NeededHeading | Self::NeededTitle => {
                vec![
                    Provider,
                    Decisions,
                    Evidence,
                    Signoff,
                    SignoffAgain,
                    Nothing,
                ]
            }
            Self::NeededDetail => vec![Open, Complete, Signoff, Go],
            Self::Target => vec![Unselected, Unproven, Replayed, Live],
            Self::Auth => vec![Unconfirmed, Confirmed, Wired],
            Self::Decision => DecisionCode::RUNGS
                .into_iter()
                .chain([DecisionCode::Go])
                .map(Rung)
                .collect(),
        }
    }
}

/// The state a sentence speaks of: which of its slot's wordings it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// Some of the figure is still open.
    Open,
    /// The figure is complete.
    Complete,
    /// Production is not signed GO: the local demo speaks.
    Demo,
    /// Production is signed GO.
    Go,
    /// The actors' claims are mapped, not yet rehearsed.
    Mapped,
    /// The actors' claims are rehearsed and owned, production is not GO.
    Rehearsed,
    /// The only wording of its slot.
    Basis,
    /// No scenario snapshot is frozen.
    Unfrozen,
    /// The section's local decision is a rung of the ladder that holds it.
    Gated,
    /// The section's own checks are open.
    Pending,
    /// The section's local decision is `READY`.
    Ready,
    /// Provider and infrastructure decisions are still open.
    Undecided,
    /// Every provider and infrastructure decision is recorded; evidence blocks the ladder.
    Decided,
    /// Every gate is green and no GO stands: the managing director signs.
    Signoff,
    /// Every gate is green again after a GO was withdrawn: the managing director signs anew.
    SignoffAgain,
    /// A GO was signed and a later change took the ladder back below sign-off.
    Withdrawn,
    /// The live DB/auth provider has not been accepted.
    Provider,
    /// The live provider is accepted; other decisions are open.
    Decisions,
    /// No decision is open; the ladder waits for evidence.
    Evidence,
    /// Nothing is needed: production is signed GO.
    Nothing,
    /// No adapter target has been selected.
    Unselected,
    /// Connection or dry-run has not yet proven the replay.
    Unproven,
    /// Connection and dry-run prove the replay; production is not GO.
    Replayed,
    /// Production is signed GO: the target may take live traffic.
    Live,
    /// Not every owner has confirmed OIDC, roles and secret handling.
    Unconfirmed,
    /// Every owner has confirmed; the claims are not yet ready for wiring.
    Confirmed,
    /// Confirmed, and the claims are ready for wiring.
    Wired,
    /// The overall decision stands at this rung (or at GO).
    Rung(DecisionCode),
}

impl Code {
    /// The code's part of the message id (a rung by its kebab-case slug).
    pub fn as_str(self) -> String {
        let word = match self {
            Self::Open => "open",
            Self::Complete => "complete",
            Self::Demo => "demo",
            Self::Go => "go",
            Self::Mapped => "mapped",
            Self::Rehearsed => "rehearsed",
            Self::Basis => "basis",
            Self::Unfrozen => "unfrozen",
            Self::Gated => "gated",
            Self::Pending => "pending",
            Self::Ready => "ready",
            Self::Undecided => "undecided",
            Self::Decided => "decided",
            Self::Signoff => "signoff",
            Self::SignoffAgain => "signoff-again",
            Self::Withdrawn => "withdrawn",
            Self::Provider => "provider",
            Self::Decisions => "decisions",
            Self::Evidence => "evidence",
            Self::Nothing => "nothing",
            Self::Unselected => "unselected",
            Self::Unproven => "unproven",
            Self::Replayed => "replayed",
            Self::Live => "live",
            Self::Unconfirmed => "unconfirmed",
            Self::Confirmed => "confirmed",
            Self::Wired => "wired",
            Self::Rung(code) => return code.slug(),
        };
        word.to_owned()
    }
}

/// A figure a sentence states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// A number.
    Number(u32),
    /// A decision code, shown as written.
    Code(DecisionCode),
}

/// One sentence: its slot, its wording, and the figures it states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Where it stands on the page.
    pub slot: Slot,
    /// Which wording it takes.
    pub code: Code,
    /// The counts it states. The unnamed one (`""`) is `$ready`/`$total`; a named one
    /// `$<name>_ready`/`$<name>_total`.
    pub counts: Vec<(&'static str, Count)>,
    /// Plain numbers, by variable name.
    pub numbers: Vec<(&'static str, u32)>,
    /// The decision code it names, as `$decision`.
    pub decision: Option<DecisionCode>,
}

impl Sentence {
    fn new(slot: Slot, code: Code) -> Self {
        Self {
            slot,
            code,
            counts: Vec::new(),
            numbers: Vec::new(),
            decision: None,
        }
    }

    fn count(mut self, name: &'static str, count: Count) -> Self {
        self.counts.push((name, count));
        self
    }

    fn number(mut self, name: &'static str, n: u32) -> Self {
        self.numbers.push((name, n));
        self
    }

    fn decision(mut self, code: Option<DecisionCode>) -> Self {
        self.decision = code;
        self
    }

    /// The Fluent message id, `prose-<slot>-<code>`.
    pub fn message_id(&self) -> String {
        message_id(self.slot, self.code)
    }

    /// Its figures as Fluent variables: name and value.
    pub fn figures(&self) -> Vec<(String, Figure)> {
        let mut out = Vec::new();
        for (name, count) in &self.counts {
            let prefix = if name.is_empty() {
                String::new()
            } else {
                format!("{name}_")
            };
            out.push((format!("{prefix}ready"), Figure::Number(count.ready)));
            out.push((format!("{prefix}total"), Figure::Number(count.total)));
        }
        for (name, n) in &self.numbers {
            out.push(((*name).to_owned(), Figure::Number(*n)));
        }
        if let Some(code) = self.decision {
            out.push(("decision".to_owned(), Figure::Code(code)));
        }
        out
    }
}

fn message_id(slot: Slot, code: Code) -> String {
    format!("prose-{}-{}", slot.as_str(), code.as_str())
}

/// Every message id a narrative can ask for.
pub fn message_ids() -> Vec<String> {
    Slot::ALL
        .into_iter()
        .flat_map(|slot| {
            slot.codes()
                .into_iter()
                .map(move |code| message_id(slot, code))
        })
        .collect()
}

/// Every sentence of the key figures, the copilot and the decision section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    /// The scenario contract tile's detail.
    pub kpi_contract: Sentence,
    /// The role actors tile's detail.
    pub kpi_actors: Sentence,
    /// The provider modes tile's detail.
    pub kpi_providers: Sentence,
    /// The preflight tile's detail.
    pub kpi_preflight: Sentence,
    /// The cutover steps tile's detail.
    pub kpi_cutover: Sentence,
    /// The connection tile's detail.
    pub kpi_connection: Sentence,
    /// The copilot's gate summary.
    pub gates: Sentence,
    /// What the percentage counts.
    pub percent: Sentence,
    /// The provider contracts card.
    pub card_providers: Sentence,
    /// The session adapter card.
    pub card_session: Sentence,
    /// The migration preflight card.
    pub card_preflight: Sentence,
    /// The migration runbook card.
    pub card_runbook: Sentence,
    /// The release handoff card.
    pub card_release: Sentence,
    /// The rollback drill card.
    pub card_rollback: Sentence,
    /// The infrastructure decision prompt.
    pub prompt: Sentence,
    /// The heading of what is needed now.
    pub needed_heading: Sentence,
    /// What is needed now.
    pub needed_title: Sentence,
    /// The release and data cutover figures behind it.
    pub needed_detail: Sentence,
    /// What the selected adapter target is ready for.
    pub target: Sentence,
    /// Where the auth/RBAC confirmations stand.
    pub auth: Sentence,
    /// What the go/no-go decision rests on.
    pub decision: Sentence,
}

impl Narrative {
    /// Every sentence, in page order.
    pub fn sentences(&self) -> [&Sentence; 21] {
        [
            &self.kpi_contract,
            &self.kpi_actors,
            &self.kpi_providers,
            &self.kpi_preflight,
            &self.kpi_cutover,
            &self.kpi_connection,
            &self.gates,
            &self.percent,
            &self.card_providers,
            &self.card_session,
            &self.card_preflight,
            &self.card_runbook,
            &self.card_release,
            &self.card_rollback,
            &self.prompt,
            &self.needed_heading,
            &self.needed_title,
            &self.needed_detail,
            &self.target,
            &self.auth,
            &self.decision,
        ]
    }
}

/// The sentences for an evaluation, with whether a GO signature stands.
pub fn narrate(ev: &Evaluation, signature: Signature) -> Narrative {
    let go = ev.decision.is_go();
    let signoff = ev.decision == DecisionCode::BlockedPendingSignoff;
    // A GO that stands is the decision GO; "withdrawn" speaks only below GO.
    let withdrawn = signature == Signature::Withdrawn && !go;
    let ready = |key: &str| ev.item(key).is_some_and(|i| i.is_ready());
    let demo_or_go = if go { Code::Go } else { Code::Demo };
    let decisions = decisions(ev);

    let prompt = match ev.decision {
        DecisionCode::Go => Code::Go,
        DecisionCode::BlockedPendingSignoff if withdrawn => Code::SignoffAgain,
        DecisionCode::BlockedPendingSignoff => Code::Signoff,
        _ if withdrawn => Code::Withdrawn,
        _ if decisions.complete() => Code::Decided,
        _ => Code::Undecided,
    };
    let needed = match ev.decision {
        DecisionCode::Go => Code::Nothing,
        DecisionCode::BlockedPendingSignoff if withdrawn => Code::SignoffAgain,
        DecisionCode::BlockedPendingSignoff => Code::Signoff,
        _ if !ready(LIVE_PROVIDER) => Code::Provider,
        _ if !decisions.complete() => Code::Decisions,
        _ => Code::Evidence,
    };
    let (release, cutover) = (ev.count("release"), ev.count("cutover"));
    let needed_detail = if go {
        Code::Go
    } else if !(release.complete() && cutover.complete()) {
        Code::Open
    } else if signoff {
        Code::Signoff
    } else {
        Code::Complete
    };
    let (connection, dry_run) = (ev.count("connection"), ev.count("dry_run"));
    let target = if !ready(ADAPTER_SELECTION) {
        Code::Unselected
    } else if go {
        Code::Live
    } else if connection.complete() && dry_run.complete() {
        Code::Replayed
    } else {
        Code::Unproven
    };
    let confirmations = items(ev, &AUTH_CONFIRMATIONS);
    let auth = if !confirmations.complete() {
        Code::Unconfirmed
    } else if ready(RBAC_CLAIMS) {
        Code::Wired
    } else {
        Code::Confirmed
    };
    let actors = if go {
        Code::Go
    } else if ready(RBAC_CLAIMS) {
        Code::Rehearsed
    } else {
        Code::Mapped
    };
    let preflight = ev.count("preflight");
    let card_preflight = if ready(PAYLOAD_SNAPSHOT) {
        open_or_complete(preflight)
    } else {
        Code::Unfrozen
    };

    Narrative {
        kpi_contract: Sentence::new(Slot::KpiContract, demo_or_go),
        kpi_actors: Sentence::new(Slot::KpiActors, actors).number("count", ev.actors),
        kpi_providers: counted(Slot::KpiProviders, ev.providers),
        kpi_preflight: counted(Slot::KpiPreflight, preflight),
        kpi_cutover: counted(Slot::KpiCutover, ev.count("passage")),
        kpi_connection: counted(Slot::KpiConnection, connection),
        gates: counted(Slot::Gates, ev.count("gates")),
        percent: Sentence::new(Slot::Percent, Code::Basis)
            .count("", ev.checklist)
            .number("gates", ev.count("gates").total),
        card_providers: counted(Slot::CardProviders, ev.providers),
        card_session: Sentence::new(Slot::CardSession, demo_or_go),
        card_preflight: Sentence::new(Slot::CardPreflight, card_preflight).count("", preflight),
        card_runbook: local(ev, Slot::CardRunbook, "runbook"),
        card_release: local(ev, Slot::CardRelease, "release"),
        card_rollback: local(ev, Slot::CardRollback, "rollback"),
        prompt: Sentence::new(Slot::Prompt, prompt)
            .count("", decisions)
            .decision(Some(ev.decision)),
        needed_heading: Sentence::new(Slot::NeededHeading, needed),
        needed_title: needed_title(needed, decisions, ev.decision),
        needed_detail: Sentence::new(Slot::NeededDetail, needed_detail)
            .count("release", release)
            .count("cutover", cutover)
            .decision(Some(ev.decision)),
        target: Sentence::new(Slot::Target, target)
            .count("connection", connection)
            .count("dry_run", dry_run),
        auth: Sentence::new(Slot::Auth, auth).count("", confirmations),
        decision: rung(ev),
    }
}

/// What is needed now; only the decisions and the evidence wordings speak of the decisions.
fn needed_title(needed: Code, decisions: Count, decision: DecisionCode) -> Sentence {
    let sentence = Sentence::new(Slot::NeededTitle, needed);
    match needed {
        Code::Decisions => sentence.count("", decisions),
        Code::Evidence => sentence.count("", decisions).decision(Some(decision)),
        _ => sentence,
    }
}

fn open_or_complete(count: Count) -> Code {
    if count.complete() {
        Code::Complete
    } else {
        Code::Open
    }
}

/// A sentence about one count, open or complete.
fn counted(slot: Slot, count: Count) -> Sentence {
    Sentence::new(slot, open_or_complete(count)).count("", count)
}

/// A card of a section with a local decision: held by a rung, open on its own checks, or ready.
fn local(ev: &Evaluation, slot: Slot, section: &str) -> Sentence {
    let decision = ev.local_decision(section);
    let code = match decision {
        Some(DecisionCode::Ready) => Code::Ready,
        Some(code) if ev.ladder.iter().any(|rung| rung.code == code) => Code::Gated,
        _ => Code::Pending,
    };
    Sentence::new(slot, code)
        .count("", ev.count(section))
        .decision(decision)
}

/// The sections whose counts the rung sentences' messages name (`$connection_ready`…): a
/// rung's section outside them has no variable to fill.
const RUNG_VARIABLES: [&str; 7] = [
    "connection",
    "dry_run",
    "preflight",
    "cutover",
    "infrastructure",
    "wiring",
    "gates",
];

/// The go/no-go decision with the counts of what its rung requires (the gates, from sign-off on).
fn rung(ev: &Evaluation) -> Sentence {
    let sentence = Sentence::new(Slot::Decision, Code::Rung(ev.decision));
    match ev.ladder.iter().find(|rung| rung.code == ev.decision) {
        Some(rung) if !rung.requires.is_empty() => rung
            .requires
            .iter()
            .filter_map(|key| RUNG_VARIABLES.iter().find(|v| **v == key.as_str()))
            .fold(sentence, |s, &key| s.count(key, ev.count(key))),
        _ => sentence.count("gates", ev.count("gates")),
    }
}

/// Recorded provider and infrastructure decisions, of all of them.
fn decisions(ev: &Evaluation) -> Count {
    let decisions: Vec<bool> = DECISION_SECTIONS
        .iter()
        .filter_map(|key| ev.section(key))
        .flat_map(|s| &s.items)
        .filter(|i| i.kind == ItemKind::Decision)
        .map(|i| i.is_ready())
        .collect();
    tally(&decisions)
}

/// Ready of these items (an item the catalogue lacks counts, not ready).
fn items(ev: &Evaluation, keys: &[&str]) -> Count {
    let ready: Vec<bool> = keys
        .iter()
        .map(|key| ev.item(key).is_some_and(|i| i.is_ready()))
        .collect();
    tally(&ready)
}

fn tally(ready: &[bool]) -> Count {
    let n = |k: usize| u32::try_from(k).unwrap_or(u32::MAX);
    Count {
        ready: n(ready.iter().filter(|r| **r).count()),
        total: n(ready.len()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{Code, Narrative, Sentence, Signature, Slot, message_ids, narrate};
    use crate::readiness::catalogue::{self, DecisionCode as D, ItemKind};
    use crate::readiness::evaluate::{Count, Evaluation, evaluate};
    use crate::readiness::state::{ReadinessState, Signoff};
    use crate::readiness::tests::{AT, accept, all_green};
    use crate::readiness::{Status, demo, programme};

    fn count(ready: u32, total: u32) -> Count {
        Count { ready, total }
    }

    fn sign(state: &mut ReadinessState, go: bool) {
        state.signoff = Some(Signoff {
            actor: catalogue::actors::ANNA.to_owned(),
            at: AT,
            go,
            reason: (!go).then(|| "Not before the audit".to_owned()),
            state_digest: None,
            state_seq: None,
            withdrawal: None,
        });
    }

    fn decisions_recorded() -> ReadinessState {
        let mut state = demo::state(AT);
        let cat = programme::demo().catalogue.clone();
        for section in ["provider_acceptance", "infrastructure"] {
            for item in cat
                .section(section)
                .map(|s| s.items.iter())
                .into_iter()
                .flatten()
            {
                if item.kind == ItemKind::Decision {
                    accept(&mut state, &item.key);
                }
            }
        }
        state
    }

    fn provider_accepted() -> ReadinessState {
        let mut state = demo::state(AT);
        accept(&mut state, "provider_acceptance.live_provider");
        state
    }

    fn an_unmapped_provider() -> ReadinessState {
        let mut state = demo::state(AT);
        state.providers[3].target_mode.clear();
        state
    }

    fn signed(go: bool) -> ReadinessState {
        let mut state = all_green();
        sign(&mut state, go);
        state
    }

    fn signed_then_revoked(key: &str) -> ReadinessState {
        let mut state = signed(true);
        state.acceptances.remove(key);
        state
    }

    fn go() -> ReadinessState {
        signed(true)
    }

    fn no_go() -> ReadinessState {
        signed(false)
    }

    fn go_then_passage_revoked() -> ReadinessState {
        signed_then_revoked("passage.role_headers")
    }

    fn go_then_provider_revoked() -> ReadinessState {
        signed_then_revoked("provider_acceptance.live_provider")
    }

    fn demo_state() -> ReadinessState {
        demo::state(AT)
    }

    /// One state of the demo and the wording each slot must take in it. `signature: None`
    /// derives it from the state as the console does today.
    struct Case {
        name: &'static str,
        state: fn() -> ReadinessState,
        signature: Option<Signature>,
        decision: D,
        codes: &'static [(Slot, Code)],
        /// Recorded provider and infrastructure decisions.
        decisions: Count,
        /// Owners' auth confirmations.
        confirmations: Count,
    }

    use Code as C;
    use Slot as S;

    const CASES: &[Case] = &[
        Case {
            name: "the seeded demo",
            state: demo_state,
            signature: None,
            decision: D::BlockedPendingDryRun,
            codes: &[
                (S::KpiContract, C::Demo),
                (S::KpiActors, C::Mapped),
                (S::KpiProviders, C::Complete),
                (S::KpiPreflight, C::Open),
                (S::KpiCutover, C::Open),
                (S::KpiConnection, C::Open),
                (S::Gates, C::Open),
                (S::CardProviders, C::Complete),
                (S::CardSession, C::Demo),
                (S::CardPreflight, C::Unfrozen),
                (S::CardRunbook, C::Gated),
                (S::CardRelease, C::Gated),
                (S::CardRollback, C::Gated),
                (S::Prompt, C::Undecided),
                (S::NeededHeading, C::Provider),
                (S::NeededTitle, C::Provider),
                (S::NeededDetail, C::Open),
                (S::Target, C::Unproven),
                (S::Auth, C::Unconfirmed),
                (S::Decision, C::Rung(D::BlockedPendingDryRun)),
            ],
            decisions: Count { ready: 0, total: 7 },
            confirmations: Count { ready: 0, total: 3 },
        },
        Case {
            name: "a provider without a production target",
            state: an_unmapped_provider,
            signature: None,
            decision: D::BlockedPendingDryRun,
            codes: &[
                (S::KpiProviders, C::Open),
                (S::CardProviders, C::Open),
                (S::Gates, C::Open),
            ],
            decisions: Count { ready: 0, total: 7 },
            confirmations: Count { ready: 0, total: 3 },
        },
        Case {
            name: "the live provider accepted, other decisions open",
            state: provider_accepted,
            signature: None,
            decision: D::BlockedPendingDryRun,
            codes: &[
                (S::Prompt, C::Undecided),
                (S::NeededHeading, C::Decisions),
                (S::NeededTitle, C::Decisions),
            ],
            decisions: Count { ready: 1, total: 7 },
            confirmations: Count { ready: 0, total: 3 },
        },
        Case {
            name: "every provider and infrastructure decision recorded",
            state: decisions_recorded,
            signature: None,
            decision: D::BlockedPendingDryRun,
            codes: &[
                (S::KpiContract, C::Demo),
                (S::Prompt, C::Decided),
                (S::NeededHeading, C::Evidence),
                (S::NeededTitle, C::Evidence),
                (S::NeededDetail, C::Open),
                (S::Target, C::Unproven),
                (S::Auth, C::Unconfirmed),
                (S::Decision, C::Rung(D::BlockedPendingDryRun)),
            ],
            decisions: Count { ready: 7, total: 7 },
            confirmations: Count { ready: 1, total: 3 },
        },
        Case {
            name: "every gate green, not signed",
            state: all_green,
            signature: None,
            decision: D::BlockedPendingSignoff,
            codes: &[
                (S::KpiContract, C::Demo),
                (S::KpiActors, C::Rehearsed),
                (S::KpiPreflight, C::Complete),
                (S::KpiCutover, C::Complete),
                (S::KpiConnection, C::Complete),
                (S::Gates, C::Complete),
                (S::CardSession, C::Demo),
                (S::CardPreflight, C::Complete),
                (S::CardRunbook, C::Ready),
                (S::CardRelease, C::Ready),
                (S::CardRollback, C::Ready),
                (S::Prompt, C::Signoff),
                (S::NeededHeading, C::Signoff),
                (S::NeededTitle, C::Signoff),
                (S::NeededDetail, C::Signoff),
                (S::Target, C::Replayed),
                (S::Auth, C::Wired),
                (S::Decision, C::Rung(D::BlockedPendingSignoff)),
            ],
            decisions: Count { ready: 7, total: 7 },
            confirmations: Count { ready: 3, total: 3 },
        },
        Case {
            name: "a NO-GO recorded on every gate green",
            state: no_go,
            signature: None,
            decision: D::BlockedPendingSignoff,
            codes: &[(S::Prompt, C::Signoff), (S::NeededTitle, C::Signoff)],
            decisions: Count { ready: 7, total: 7 },
            confirmations: Count { ready: 3, total: 3 },
        },
        Case {
            name: "GO signed",
            state: go,
            signature: None,
            decision: D::Go,
            codes: &[
                (S::KpiContract, C::Go),
                (S::KpiActors, C::Go),
                (S::Gates, C::Complete),
                (S::CardSession, C::Go),
                (S::CardRunbook, C::Ready),
                (S::Prompt, C::Go),
                (S::NeededHeading, C::Nothing),
                (S::NeededTitle, C::Nothing),
                (S::NeededDetail, C::Go),
                (S::Target, C::Live),
                (S::Auth, C::Wired),
                (S::Decision, C::Rung(D::Go)),
            ],
            decisions: Count { ready: 7, total: 7 },
            confirmations: Count { ready: 3, total: 3 },
        },
        Case {
            name: "GO withdrawn by a passage revocation, the signature withdrawn",
            state: go_then_passage_revoked,
            signature: Some(Signature::Withdrawn),
            decision: D::BlockedPendingPreflight,
            codes: &[
                (S::Prompt, C::Withdrawn),
                (S::NeededTitle, C::Evidence),
                (S::NeededDetail, C::Open),
                (S::Decision, C::Rung(D::BlockedPendingPreflight)),
            ],
            decisions: Count { ready: 7, total: 7 },
            confirmations: Count { ready: 2, total: 3 },
        },
        Case {
            name: "GO withdrawn by revoking the live provider",
            state: go_then_provider_revoked,
            signature: Some(Signature::Withdrawn),
            decision: D::BlockedPendingInfrastructureOrCredentials,
            codes: &[
                (S::KpiContract, C::Demo),
                (S::Prompt, C::Withdrawn),
                (S::NeededHeading, C::Provider),
                (S::NeededTitle, C::Provider),
                (S::NeededDetail, C::Complete),
                (S::Target, C::Replayed),
                (
                    S::Decision,
                    C::Rung(D::BlockedPendingInfrastructureOrCredentials),
                ),
            ],
            decisions: Count { ready: 6, total: 7 },
            confirmations: Count { ready: 3, total: 3 },
        },
        Case {
            name: "every gate green again after a withdrawn GO",
            state: all_green,
            signature: Some(Signature::Withdrawn),
            decision: D::BlockedPendingSignoff,
            codes: &[
                (S::Prompt, C::SignoffAgain),
                (S::NeededHeading, C::SignoffAgain),
                (S::NeededTitle, C::SignoffAgain),
                (S::NeededDetail, C::Signoff),
                (S::Decision, C::Rung(D::BlockedPendingSignoff)),
            ],
            decisions: Count { ready: 7, total: 7 },
            confirmations: Count { ready: 3, total: 3 },
        },
    ];

    fn run(case: &Case) -> (ReadinessState, Evaluation, Narrative) {
        let state = (case.state)();
        let ev = evaluate(&programme::demo().catalogue, &state);
        let signature = case.signature.unwrap_or_else(|| Signature::of(&ev));
        let narrative = narrate(&ev, signature);
        (state, ev, narrative)
    }

    fn counts(sentence: &Sentence) -> Vec<(&'static str, Count)> {
        sentence.counts.clone()
    }

    /// The counts each slot must state, read from the evaluation (and the case's literal
    /// figures for the two counts the evaluation does not hold as a section).
    fn expected_counts(
        case: &Case,
        ev: &Evaluation,
        slot: Slot,
        code: Code,
    ) -> Vec<(&'static str, Count)> {
        let section = |key: &str| ev.count(key);
        match slot {
            S::KpiContract | S::KpiActors | S::CardSession | S::NeededHeading => vec![],
            S::KpiProviders | S::CardProviders => vec![("", ev.providers)],
            S::KpiPreflight | S::CardPreflight => vec![("", section("preflight"))],
            S::KpiCutover => vec![("", section("passage"))],
            S::KpiConnection => vec![("", section("connection"))],
            S::Gates => vec![("", section("gates"))],
            S::Percent => vec![("", ev.checklist)],
            S::CardRunbook => vec![("", section("runbook"))],
            S::CardRelease => vec![("", section("release"))],
            S::CardRollback => vec![("", section("rollback"))],
            S::Prompt => vec![("", case.decisions)],
            S::NeededTitle => match code {
                C::Decisions | C::Evidence => vec![("", case.decisions)],
                _ => vec![],
            },
            S::NeededDetail => vec![
                ("release", section("release")),
                ("cutover", section("cutover")),
            ],
            S::Target => vec![
                ("connection", section("connection")),
                ("dry_run", section("dry_run")),
            ],
            S::Auth => vec![("", case.confirmations)],
            S::Decision => match ev.decision {
                D::BlockedPendingDryRun => vec![
                    ("connection", section("connection")),
                    ("dry_run", section("dry_run")),
                ],
                D::BlockedPendingPreflight => vec![("preflight", section("preflight"))],
                D::BlockedPendingDataCutover => vec![("cutover", section("cutover"))],
                D::BlockedPendingInfrastructureOrCredentials => vec![
                    ("infrastructure", section("infrastructure")),
                    ("wiring", section("wiring")),
                    ("gates", section("gates")),
                ],
                _ => vec![("gates", section("gates"))],
            },
        }
    }

    #[test]
    fn each_state_takes_its_own_wording_with_the_evaluations_figures() {
        for case in CASES {
            let (state, ev, narrative) = run(case);
            assert_eq!(ev.decision, case.decision, "{}", case.name);
            let sentences = narrative.sentences();
            for (slot, code) in case.codes {
                let sentence = sentences
                    .iter()
                    .find(|s| s.slot == *slot)
                    .expect("every slot speaks");
                assert_eq!(sentence.code, *code, "{}: {slot:?}", case.name);
            }
            for sentence in sentences {
                assert!(
                    sentence.slot.codes().contains(&sentence.code),
                    "{}: {:?} has no wording {:?}",
                    case.name,
                    sentence.slot,
                    sentence.code
                );
                assert_eq!(
                    counts(sentence),
                    expected_counts(case, &ev, sentence.slot, sentence.code),
                    "{}: {:?}",
                    case.name,
                    sentence.slot
                );
            }
            assert_eq!(
                narrative.kpi_actors.numbers,
                [(
                    "count",
                    u32::try_from(state.scenario_actors().count()).unwrap()
                )],
                "{}",
                case.name
            );
            assert_eq!(
                narrative.percent.numbers,
                [("gates", ev.count("gates").total)]
            );
            assert_eq!(
                narrative.prompt.decision,
                Some(ev.decision),
                "{}",
                case.name
            );
            for (sentence, section) in [
                (&narrative.card_runbook, "runbook"),
                (&narrative.card_release, "release"),
                (&narrative.card_rollback, "rollback"),
            ] {
                assert_eq!(
                    sentence.decision,
                    ev.local_decision(section),
                    "{}",
                    case.name
                );
            }
        }
    }

    #[test]
    fn the_slots_in_page_order_are_the_sentences_in_page_order() {
        let (_, _, narrative) = run(&CASES[0]);
        let slots: Vec<Slot> = narrative.sentences().iter().map(|s| s.slot).collect();
        assert_eq!(slots, Slot::ALL);
    }

    #[test]
    fn a_go_speaks_only_once_the_ladder_stands_at_go() {
        // Whatever signature is fed, "signed GO" wording appears only when the decision is GO,
        // and "withdrawn" wording never at GO.
        for case in CASES {
            for signature in [Signature::None, Signature::Standing, Signature::Withdrawn] {
                let state = (case.state)();
                let ev = evaluate(&programme::demo().catalogue, &state);
                let narrative = narrate(&ev, signature);
                let go_words = narrative
                    .sentences()
                    .iter()
                    .filter(|s| matches!(s.code, C::Go | C::Nothing | C::Live))
                    .count();
                if ev.decision.is_go() {
                    assert_eq!(go_words, 8, "{}: {signature:?}", case.name);
                    assert!(
                        narrative.sentences().iter().all(|s| !matches!(
                            s.code,
                            C::Withdrawn | C::SignoffAgain | C::Open | C::Unproven
                        )),
                        "{}",
                        case.name
                    );
                } else {
                    assert_eq!(go_words, 0, "{}: {signature:?}", case.name);
                }
            }
        }
    }

    #[test]
    fn the_seeded_demo_states_the_seed_page_figures() {
        let (_, _, n) = run(&CASES[0]);
        assert_eq!(n.kpi_preflight.counts, [("", count(1, 5))]);
        assert_eq!(n.kpi_cutover.counts, [("", count(0, 6))]);
        assert_eq!(n.kpi_connection.counts, [("", count(0, 4))]);
        assert_eq!(n.gates.counts, [("", count(2, 9))]);
        assert_eq!(n.percent.counts, [("", count(6, 62))]);
        assert_eq!(
            n.needed_detail.counts,
            [("release", count(3, 5)), ("cutover", count(0, 5))]
        );
        assert_eq!(n.card_runbook.counts, [("", count(1, 6))]);
        assert_eq!(n.card_runbook.decision, Some(D::BlockedPendingPreflight));
        assert_eq!(n.card_release.decision, Some(D::BlockedPendingDryRun));
    }

    #[test]
    fn figures_become_fluent_variables_named_after_their_count() {
        let (_, _, n) = run(&CASES[0]);
        let names: Vec<String> = n.needed_detail.figures().into_iter().map(|f| f.0).collect();
        assert_eq!(
            names,
            [
                "release_ready",
                "release_total",
                "cutover_ready",
                "cutover_total",
                "decision"
            ]
        );
        let names: Vec<String> = n.kpi_preflight.figures().into_iter().map(|f| f.0).collect();
        assert_eq!(names, ["ready", "total"]);
        assert_eq!(
            n.decision.message_id(),
            "prose-decision-blocked-pending-dry-run"
        );
    }

    #[test]
    fn every_message_id_is_distinct_and_names_its_slot() {
        let ids = message_ids();
        let distinct: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        let per_slot: usize = Slot::ALL.iter().map(|s| s.codes().len()).sum();
        assert_eq!(ids.len(), per_slot);
        assert!(ids.contains(&"prose-decision-go".to_owned()));
        assert!(ids.contains(&"prose-needed-title-provider".to_owned()));
    }

    #[test]
    fn the_signature_is_told_as_the_evaluation_found_it() {
        for (state, expected) in [
            (demo_state(), Signature::None),
            (all_green(), Signature::None),
            (no_go(), Signature::None),
            (go(), Signature::Standing),
            // A GO whose state changed with no withdrawal recorded has lapsed: told as withdrawn.
            (go_then_passage_revoked(), Signature::Withdrawn),
        ] {
            let ev = evaluate(&programme::demo().catalogue, &state);
            assert_eq!(Signature::of(&ev), expected);
        }
    }

    #[test]
    fn an_item_the_catalogue_lacks_counts_as_not_ready() {
        let mut cat = programme::demo().catalogue.clone();
        cat.sections.retain(|s| s.key != "passage");
        let ev = evaluate(&cat, &all_green());
        let n = narrate(&ev, Signature::None);
        assert_eq!(n.auth.code, C::Unconfirmed);
        assert_eq!(n.auth.counts, [("", count(1, 3))]);
        assert!(ev.item("passage.role_headers").is_none());
        assert!(
            ev.sections
                .iter()
                .flat_map(|s| &s.items)
                .any(|i| i.status == Status::Misconfigured)
        );
    }
}
