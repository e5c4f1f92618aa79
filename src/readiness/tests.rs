//! Unit tests of the evaluation: every rule, the demo figures, the ladder, and that a change
//! moves exactly the figures that depend on it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use time::macros::datetime;

use super::catalogue::{self, Catalogue, DecisionCode as D, Dependency, ItemDef, ItemKind};
use super::demo;
use super::evaluate::{Count, Evaluation, NextAction, Status, evaluate};
use super::programme;
use super::signature::{self, Signature, WithdrawingAction};
use super::state::{
    Acceptance, AuditHead, ProbeResult, ReadinessState, Signoff, Snapshot, Withdrawal,
};

pub(super) const AT: time::OffsetDateTime = datetime!(2026-11-01 09:00 UTC);

fn demo_eval() -> Evaluation {
    evaluate(&programme::demo().catalogue, &demo::state(AT))
}

/// The demo state changed by `change`, evaluated.
fn demo_with(change: impl FnOnce(&mut ReadinessState)) -> Evaluation {
    let mut state = demo::state(AT);
    change(&mut state);
    evaluate(&programme::demo().catalogue, &state)
}

/// An item's figure as the page writes it (`0/4 + 0/5`), empty for an item that is not there.
fn progress(ev: &Evaluation, key: &str) -> String {
    let counts = ev.item(key).map(|i| i.progress.clone()).unwrap_or_default();
    counts
        .iter()
        .map(Count::to_string)
        .collect::<Vec<_>>()
        .join(" + ")
}

/// An item's status, if the evaluation has the item.
fn status(ev: &Evaluation, key: &str) -> Option<Status> {
    ev.item(key).map(|i| i.status)
}

fn count(ready: u32, total: u32) -> Count {
    Count { ready, total }
}

pub(super) fn accept(state: &mut ReadinessState, key: &str) {
    state.acceptances.insert(
        key.to_owned(),
        Acceptance {
            actor: catalogue::actors::ANNA.to_owned(),
            at: AT,
            value: Some("accepted value".to_owned()),
        },
    );
}

fn pass(state: &mut ReadinessState, key: &str, found: Option<u32>) {
    state.probes.insert(
        key.to_owned(),
        ProbeResult {
            passed: true,
            found,
            at: AT,
        },
    );
}

fn freeze_snapshot(state: &mut ReadinessState) {
    state.snapshot = Some(Snapshot {
        version: 1,
        rows: 300,
        checksum: "bfg-0011aabb".to_owned(),
        batch_rows: HashMap::from([
            ("operations".to_owned(), 180),
            ("finance".to_owned(), 80),
            ("audit".to_owned(), 40),
        ]),
    });
}

/// Records what `item` asks for: its acceptance, or its probe passed with the count it expects
/// (a derived item asks for nothing).
pub(super) fn record(state: &mut ReadinessState, item: &ItemDef) {
    match item.kind {
        ItemKind::OwnerCheck | ItemKind::Decision => accept(state, &item.key),
        ItemKind::Probe => pass(state, &item.key, item.expected),
        ItemKind::Derived => {}
    }
}

/// Every owner check and decision accepted, every probe passed, a snapshot frozen: all that
/// stands between this state and GO is the signature.
pub(super) fn all_green() -> ReadinessState {
    let cat = programme::demo().catalogue.clone();
    let mut state = demo::state(AT);
    for item in cat.items() {
        record(&mut state, item);
    }
    freeze_snapshot(&mut state);
    state
}

/// Anna's GO: given on some state, not withdrawn.
pub(super) fn signed() -> Signoff {
    Signoff {
        actor: catalogue::actors::ANNA.to_owned(),
        at: AT,
        go: true,
        reason: None,
        state_digest: Some("0".repeat(64)),
        state_seq: Some(29),
        withdrawal: None,
    }
}

/// The all-green state without these records (acceptances or probe results), evaluated.
fn green_without(records: &[&str]) -> Evaluation {
    let mut state = all_green();
    for key in records {
        state.acceptances.remove(*key);
        state.probes.remove(*key);
    }
    evaluate(&programme::demo().catalogue, &state)
}

fn figures(ev: &Evaluation) -> BTreeMap<String, (Count, Option<D>)> {
    ev.sections
        .iter()
        .map(|s| (s.key.clone(), (s.count, s.decision)))
        .collect()
}

#[test]
fn the_demo_state_shows_the_seed_page_figures() {
    let ev = demo_eval();
    let expected = [
        ("gates", count(2, 9)),
        ("provider_acceptance", count(0, 4)),
        ("infrastructure", count(0, 4)),
        ("wiring", count(0, 7)),
        ("passage", count(0, 6)),
        ("decision_board", count(1, 7)),
        ("runbook", count(1, 6)),
        ("cutover", count(0, 5)),
        ("connection", count(0, 4)),
        ("dry_run", count(0, 5)),
        ("preflight", count(1, 5)),
        ("release", count(3, 5)),
        ("rollback", count(0, 4)),
    ];
    for (section, figure) in expected {
        assert_eq!(ev.count(section), figure, "{section}");
    }
    assert_eq!(ev.decision, D::BlockedPendingDryRun);
    assert_eq!(ev.decision.as_str(), "BLOCKED_PENDING_DRY_RUN");
    assert_eq!(ev.batches(), count(1, 4));
}

#[test]
fn the_demo_local_decisions_match_the_seed_page() {
    let ev = demo_eval();
    assert_eq!(
        ev.local_decision("runbook"),
        Some(D::BlockedPendingPreflight)
    );
    assert_eq!(ev.local_decision("release"), Some(D::BlockedPendingDryRun));
    assert_eq!(ev.local_decision("rollback"), Some(D::BlockedPendingDryRun));
    assert_eq!(
        ev.local_decision("cutover"),
        Some(D::BlockedPendingDataCutover)
    );
    assert_eq!(
        ev.local_decision("wiring"),
        Some(D::BlockedPendingInfrastructureOrCredentials)
    );
    assert_eq!(ev.local_decision("passage"), None);
}

#[test]
fn the_demo_recommends_recording_adapter_connection_evidence() {
    let ev = demo_eval();
    assert_eq!(
        ev.next_action,
        Some(NextAction::Item {
            key: "connection.endpoint_reachability".to_owned(),
            section: "connection".to_owned(),
            owner: None,
        })
    );
}

#[test]
fn the_percentage_is_ready_items_over_all_items_outside_the_gates() {
    // 6 of the 62 items outside the gate checklist are ready in the demo: 9 % rounded down.
    assert_eq!(demo_eval().percent, 9);
    assert_eq!(demo_eval().checklist, count(6, 62));
    let mut state = all_green();
    state.signoff = Some(signed());
    assert_eq!(evaluate(&programme::demo().catalogue, &state).percent, 100);
}

#[test]
fn the_evaluation_counts_the_scenario_actors_and_the_mapped_providers() {
    let ev = demo_eval();
    // The reviewer is not a scenario actor.
    assert_eq!(ev.actors, 5);
    assert_eq!(ev.providers, count(6, 6));
    let unmapped = demo_with(|state| state.providers[0].target_mode.clear());
    assert_eq!(unmapped.providers, count(5, 6));
}

#[test]
fn the_gate_items_report_ready_or_waiting_with_their_section_counts() {
    let ev = demo_eval();
    let gate = |key: &str| status(&ev, &format!("gates.{key}"));
    assert_eq!(gate("provider_contracts"), Some(Status::Ready));
    assert_eq!(gate("session_adapter"), Some(Status::Ready));
    assert_eq!(gate("connection"), Some(Status::Waiting));
    assert_eq!(progress(&ev, "gates.preflight"), "1/5");
    assert_eq!(progress(&ev, "runbook.adapter_replay"), "0/4 + 0/5");
    assert_eq!(progress(&ev, "decision_board.rollback_window"), "0/2");
}

// ---- the ladder, rung by rung -------------------------------------------------------------

#[test]
fn all_gates_green_without_a_signature_waits_for_signoff() {
    let ev = evaluate(&programme::demo().catalogue, &all_green());
    assert_eq!(ev.count("gates"), count(9, 9));
    assert_eq!(ev.decision, D::BlockedPendingSignoff);
    assert_eq!(ev.next_action, Some(NextAction::SignOff));
    assert_eq!(ev.local_decision("runbook"), Some(D::Ready));
    assert_eq!(ev.local_decision("release"), Some(D::Ready));
}

#[test]
fn a_signature_on_an_all_green_state_is_go_and_opens_live_wiring() {
    let mut state = all_green();
    state.signoff = Some(signed());
    let ev = evaluate(&programme::demo().catalogue, &state);
    assert_eq!(ev.decision, D::Go);
    assert!(ev.decision.is_go());
    assert_eq!(ev.next_action, None);
    assert_eq!(
        status(&ev, "provider_acceptance.live_wiring"),
        Some(Status::Ready)
    );
}

/// A record missing from an otherwise green state, and the rung the decision stops on; the
/// tests below say what else each one moves.
#[test]
fn one_missing_record_blocks_on_its_rung() {
    for (missing, rung) in [
        ("connection.write_probe", D::BlockedPendingDryRun),
        ("dry_run.rollback_checkpoint", D::BlockedPendingDryRun),
        ("passage.db_schema", D::BlockedPendingPreflight),
        (
            "infrastructure.region",
            D::BlockedPendingInfrastructureOrCredentials,
        ),
        (
            "wiring.live_credentials",
            D::BlockedPendingInfrastructureOrCredentials,
        ),
    ] {
        assert_eq!(
            green_without(&[missing]).decision,
            rung,
            "without {missing}"
        );
    }
}

#[test]
fn connection_incomplete_blocks_on_dry_run() {
    let ev = green_without(&["connection.write_probe"]);
    assert_eq!(ev.count("connection"), count(3, 4));
}

#[test]
fn a_missing_owner_check_behind_the_decision_board_blocks_on_preflight() {
    let ev = green_without(&["passage.db_schema"]);
    // It reaches preflight twice: through the decision board (schema map) and through the
    // release's owner evidence → the rollback freeze window → rollback evidence.
    assert_eq!(ev.count("preflight"), count(3, 5));
    for key in ["preflight.schema_map", "preflight.rollback_evidence"] {
        assert_eq!(status(&ev, key), Some(Status::Waiting), "{key}");
    }
}

#[test]
fn an_unpopulated_batch_group_blocks_on_data_cutover() {
    let mut state = all_green();
    if let Some(snapshot) = state.snapshot.as_mut() {
        snapshot.batch_rows.remove("finance");
    }
    let ev = evaluate(&programme::demo().catalogue, &state);
    assert_eq!(ev.decision, D::BlockedPendingDataCutover);
    assert_eq!(ev.batches(), count(3, 4));
}

#[test]
fn an_open_infrastructure_decision_blocks_on_infrastructure_or_credentials() {
    let ev = green_without(&["infrastructure.region"]);
    assert_eq!(ev.count("gates"), count(8, 9));
    assert_eq!(
        ev.next_action,
        Some(NextAction::Item {
            key: "infrastructure.region".to_owned(),
            section: "infrastructure".to_owned(),
            owner: Some(catalogue::actors::ANNA.to_owned()),
        })
    );
}

#[test]
fn revoking_a_signed_prerequisite_takes_go_back() {
    let mut state = all_green();
    state.signoff = Some(signed());
    state.acceptances.remove("passage.role_headers");
    assert_ne!(
        evaluate(&programme::demo().catalogue, &state).decision,
        D::Go
    );
}

#[test]
fn signoff_or_go_is_only_ever_reached_with_all_nine_gates_green() {
    // The all-green state as it is, then without each of its records in turn, unsigned and
    // signed: whatever the decision becomes, it is never sign-off or GO while a gate is red.
    let green = all_green();
    let mut records: Vec<Option<String>> = vec![None];
    records.extend(green.acceptances.keys().cloned().map(Some));
    records.extend(green.probes.keys().cloned().map(Some));
    // Both sides of the rule are met, or it was checked against nothing: states that reach
    // sign-off or GO, and states with a gate red.
    let (mut reached, mut red) = (0, 0);
    for key in &records {
        for signoff in [None, Some(signed())] {
            let mut state = green.clone();
            if let Some(key) = key {
                state.acceptances.remove(key);
                state.probes.remove(key);
            }
            state.signoff = signoff;
            let ev = evaluate(&programme::demo().catalogue, &state);
            red += usize::from(!ev.count("gates").complete());
            if matches!(ev.decision, D::BlockedPendingSignoff | D::Go) {
                reached += 1;
                assert!(
                    ev.count("gates").complete(),
                    "{key:?} left a gate red at {}",
                    ev.decision
                );
            }
        }
    }
    assert!(reached > 0, "no state reached sign-off or GO");
    assert!(red > 0, "no state had a gate red");
}

// ---- local decisions ----------------------------------------------------------------------

#[test]
fn the_runbook_waits_on_its_own_checks_once_preflight_is_done() {
    let mut state = all_green();
    state.probes.remove("runbook.schema_rls");
    pass(&mut state, "runbook.schema_rls", Some(5));
    let ev = evaluate(&programme::demo().catalogue, &state);
    assert_eq!(ev.count("runbook"), count(5, 6));
    assert_eq!(ev.local_decision("runbook"), Some(D::BlockedPendingRunbook));
    assert_eq!(
        ev.item("runbook.schema_rls").and_then(|i| i.measure),
        Some(count(5, 6))
    );
}

#[test]
fn the_release_waits_on_owner_evidence_once_the_dry_run_is_done() {
    let ev = green_without(&["passage.secrets_auth"]);
    assert_eq!(ev.local_decision("release"), Some(D::BlockedPendingRelease));
    assert_eq!(
        ev.local_decision("rollback"),
        Some(D::BlockedPendingRollback)
    );
}

// ---- one change moves exactly its dependents ----------------------------------------------

/// Section keys whose counts can change when `key` changes: its own section and every section
/// holding an item that depends on it, transitively (through items or whole sections).
fn dependents(cat: &Catalogue, key: &str) -> BTreeSet<String> {
    let owner_section = |k: &str| k.split('.').next().unwrap_or(k).to_owned();
    let mut changed_items = BTreeSet::from([key.to_owned()]);
    let mut changed_sections = BTreeSet::from([owner_section(key)]);
    loop {
        let before = changed_items.len() + changed_sections.len();
        for item in cat.items() {
            let hit = item.depends_on.iter().any(|d| match d {
                Dependency::Item(k) => changed_items.contains(k),
                Dependency::Section(s) => changed_sections.contains(s),
            });
            if hit {
                changed_items.insert(item.key.clone());
                changed_sections.insert(owner_section(&item.key));
            }
        }
        if changed_items.len() + changed_sections.len() == before {
            return changed_sections;
        }
    }
}

#[test]
fn each_record_changes_only_figures_that_depend_on_it() {
    let cat = programme::demo().catalogue.clone();
    let base = demo::state(AT);
    let base_ev = evaluate(&cat, &base);
    let before = figures(&base_ev);
    // The records that moved a figure: every record not ready before moves at least its own
    // section's count, so the rule below is checked against what moved, never against nothing.
    let mut moved_by = 0;
    for item in cat.items() {
        let mut state = base.clone();
        match item.kind {
            ItemKind::OwnerCheck | ItemKind::Decision => accept(&mut state, &item.key),
            ItemKind::Probe => pass(&mut state, &item.key, item.expected),
            ItemKind::Derived => continue,
        }
        let after = figures(&evaluate(&cat, &state));
        let moved: BTreeSet<&String> = after
            .iter()
            .filter(|(section, figure)| before.get(*section) != Some(figure))
            .map(|(section, _)| section)
            .collect();
        let allowed = dependents(&cat, &item.key);
        for section in &moved {
            assert!(
                allowed.contains(*section),
                "{} moved {section}, which does not depend on it",
                item.key
            );
        }
        if !base_ev.item(&item.key).is_some_and(|i| i.is_ready()) {
            let own = item.key.split('.').next().unwrap_or_default();
            assert!(
                moved.iter().any(|section| section.as_str() == own),
                "{} moved not even its own section",
                item.key
            );
            moved_by += 1;
        }
    }
    assert!(moved_by > 0, "no record moved a figure");
}

#[test]
fn accepting_role_headers_moves_only_the_passage_count() {
    let cat = programme::demo().catalogue.clone();
    let before = figures(&demo_eval());
    let mut state = demo::state(AT);
    accept(&mut state, "passage.role_headers");
    let after_ev = evaluate(&cat, &state);
    let after = figures(&after_ev);
    let moved: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(moved, ["passage"]);
    assert_eq!(after_ev.count("passage"), count(1, 6));
    // The board's secrets/RBAC decision now shows 1/2 evidence, still not ready.
    assert_eq!(
        after_ev
            .item("decision_board.secrets_rbac_owner")
            .map(|i| (i.status, i.progress.clone())),
        Some((Status::Waiting, vec![count(1, 2)]))
    );
}

#[test]
fn revoking_an_acceptance_lowers_the_passage_count() {
    let cat = programme::demo().catalogue.clone();
    let mut state = demo::state(AT);
    accept(&mut state, "passage.db_schema");
    let accepted = evaluate(&cat, &state);
    assert_eq!(accepted.count("passage"), count(1, 6));
    assert_eq!(accepted.count("decision_board"), count(2, 7));
    state.acceptances.remove("passage.db_schema");
    let revoked = evaluate(&cat, &state);
    assert_eq!(revoked.count("passage"), count(0, 6));
    assert_eq!(revoked.count("decision_board"), count(1, 7));
}

#[test]
fn a_failed_probe_does_not_count() {
    let cat = programme::demo().catalogue.clone();
    let mut state = demo::state(AT);
    state.probes.insert(
        "connection.endpoint_reachability".to_owned(),
        ProbeResult {
            passed: false,
            found: None,
            at: AT,
        },
    );
    assert_eq!(evaluate(&cat, &state).count("connection"), count(0, 4));
    pass(&mut state, "connection.endpoint_reachability", None);
    let ev = evaluate(&cat, &state);
    assert_eq!(ev.count("connection"), count(1, 4));
    // The next probes are now open, and remain the recommended action.
    assert_eq!(
        status(&ev, "connection.tls_fingerprint"),
        Some(Status::Open)
    );
}

#[test]
fn a_decision_without_a_value_is_not_accepted() {
    let ev = demo_with(|state| {
        accept(state, "infrastructure.region");
        if let Some(acceptance) = state.acceptances.get_mut("infrastructure.region") {
            acceptance.value = None;
        }
    });
    assert_eq!(ev.count("infrastructure"), count(0, 4));
}

#[test]
fn the_next_action_walks_to_a_missing_prerequisite() {
    // With the connection done, the dry-run needs the frozen snapshot first.
    let cat = programme::demo().catalogue.clone();
    let mut state = demo::state(AT);
    for key in [
        "connection.endpoint_reachability",
        "connection.tls_fingerprint",
        "connection.rbac_session",
        "connection.write_probe",
    ] {
        pass(&mut state, key, None);
    }
    let ev = evaluate(&cat, &state);
    assert_eq!(ev.decision, D::BlockedPendingDryRun);
    assert_eq!(
        ev.next_action,
        Some(NextAction::Item {
            key: "runbook.freeze_snapshot".to_owned(),
            section: "runbook".to_owned(),
            owner: None,
        })
    );
    freeze_snapshot(&mut state);
    let ev = evaluate(&cat, &state);
    assert!(matches!(
        ev.next_action,
        Some(NextAction::Item { ref key, .. }) if key == "dry_run.export_snapshot"
    ));
}

// ---- facts --------------------------------------------------------------------------------

#[test]
fn a_provider_without_a_target_mode_turns_the_first_gate_red() {
    let ev = demo_with(|state| {
        if let Some(p) = state.providers.first_mut() {
            p.target_mode.clear();
        }
    });
    assert_eq!(ev.count("gates"), count(1, 9));
    assert_eq!(status(&ev, "gates.provider_contracts"), Some(Status::Open));
}

#[test]
fn an_actor_without_permissions_unsettles_actor_claims() {
    let ev = demo_with(|state| {
        if let Some(a) = state.actors.get_mut(3) {
            a.permissions.clear();
        }
    });
    assert_eq!(ev.count("runbook"), count(0, 6));
    assert_eq!(ev.count("preflight"), count(0, 5));
}

#[test]
fn an_empty_storage_adapter_removes_the_rollback_fallback() {
    let ev = demo_with(|state| state.profile.storage_adapter.clear());
    // Both the fallback and the env block (which names the storage adapter) turn red.
    assert_eq!(ev.count("release"), count(1, 5));
    assert_eq!(ev.count("gates"), count(2, 9));
}

// ---- misconfigured catalogues -------------------------------------------------------------

#[test]
fn an_unknown_dependency_marks_the_item_misconfigured_and_not_ready() {
    let mut cat = programme::demo().catalogue.clone();
    if let Some(item) = cat
        .sections
        .iter_mut()
        .flat_map(|s| &mut s.items)
        .find(|i| i.key == "release.adapter_target")
    {
        item.depends_on = vec![Dependency::parse("nowhere.item")];
    }
    let ev = evaluate(&cat, &demo::state(AT));
    assert_eq!(
        status(&ev, "release.adapter_target"),
        Some(Status::Misconfigured)
    );
    assert!(ev.section("release").is_some_and(|s| s.misconfigured));
    assert_eq!(ev.count("release"), count(2, 5));
    assert!(ev.section("passage").is_some_and(|s| !s.misconfigured));
}

#[test]
fn a_dependency_cycle_is_reported_not_followed_forever() {
    let mut cat = programme::demo().catalogue.clone();
    for item in cat.sections.iter_mut().flat_map(|s| &mut s.items) {
        if item.key == "connection.endpoint_reachability" {
            item.depends_on = vec![Dependency::parse("connection.write_probe")];
        }
    }
    let ev = evaluate(&cat, &demo::state(AT));
    assert!(ev.section("connection").is_some_and(|s| s.misconfigured));
    assert_eq!(ev.decision, D::BlockedPendingDryRun);
}

#[test]
fn an_owner_missing_from_the_actors_is_misconfigured() {
    let ev = demo_with(|state| state.actors.retain(|a| a.id != catalogue::actors::OLENA));
    assert_eq!(
        status(&ev, "passage.db_schema"),
        Some(Status::Misconfigured)
    );
}

#[test]
fn a_section_whose_decision_rule_could_not_be_read_shows_no_local_decision() {
    let mut cat = programme::demo().catalogue.clone();
    if let Some(section) = cat.sections.iter_mut().find(|s| s.key == "release") {
        // What the loader makes of a gate code it does not know.
        section.decision = None;
        section.misconfigured = Some("unknown_gate".to_owned());
    }
    let before = demo_eval();
    let ev = evaluate(&cat, &demo::state(AT));
    let release = ev.section("release").expect("the release section");
    assert!(release.misconfigured);
    assert_eq!(release.problem.as_deref(), Some("unknown_gate"));
    assert_eq!(release.decision, None);
    // The rule only ever decided the section's own code: its items, its count and the ladder
    // stand as they did.
    assert_eq!(
        Some(release.count),
        before.section("release").map(|s| s.count)
    );
    assert_eq!(ev.decision, before.decision);
    assert!(
        ev.section("rollback")
            .is_some_and(|s| !s.misconfigured && s.problem.is_none())
    );
}

#[test]
fn an_item_the_loader_flagged_keeps_its_problem_though_its_owner_is_missing_too() {
    let mut cat = programme::demo().catalogue.clone();
    let mut state = demo::state(AT);
    // What the loader makes of an owner whose stored role it cannot read: left out of the
    // actors, their items flagged.
    state.actors.retain(|a| a.id != catalogue::actors::OLENA);
    for item in cat.sections.iter_mut().flat_map(|s| &mut s.items) {
        if item.owner.as_deref() == Some(catalogue::actors::OLENA) {
            item.misconfigured = Some("unknown_role".to_owned());
        }
    }
    let ev = evaluate(&cat, &state);
    let db_schema = ev.item("passage.db_schema");
    assert_eq!(db_schema.map(|i| i.status), Some(Status::Misconfigured));
    assert_eq!(
        db_schema.and_then(|i| i.problem.as_deref()),
        Some("unknown_role")
    );
}

#[test]
fn exactly_the_facts_that_say_they_read_roles_change_with_the_roles() {
    use super::catalogue::{Fact, ItemDef, SectionDef};
    use super::state::Role;
    // One derived item per fact, depending on nothing: its status is its fact's.
    let cat = Catalogue {
        sections: vec![SectionDef {
            key: "facts".to_owned(),
            contract: None,
            decision: None,
            misconfigured: None,
            items: Fact::ALL
                .into_iter()
                .map(|fact| ItemDef {
                    key: format!("facts.{}", fact.as_str()),
                    code: None,
                    kind: ItemKind::Derived,
                    owner: None,
                    owner_role: None,
                    depends_on: Vec::new(),
                    fact: Some(fact),
                    proposal: None,
                    expected: None,
                    misconfigured: None,
                })
                .collect(),
        }],
        ladder: programme::demo().catalogue.ladder.clone(),
    };
    let statuses = |state: &ReadinessState| -> Vec<Status> {
        let ev = evaluate(&cat, state);
        Fact::ALL
            .into_iter()
            .map(|fact| {
                ev.item(&format!("facts.{}", fact.as_str()))
                    .map_or(Status::Misconfigured, |i| i.status)
            })
            .collect()
    };
    let demo = demo::state(AT);
    let as_seeded = statuses(&demo);
    let mut changed = BTreeSet::new();
    for role in Role::ALL {
        let mut state = demo.clone();
        for actor in &mut state.actors {
            actor.role = role;
        }
        for (fact, (seeded, now)) in Fact::ALL
            .into_iter()
            .zip(as_seeded.iter().zip(statuses(&state)))
        {
            if *seeded != now {
                changed.insert(fact.as_str());
            }
        }
    }
    let said: BTreeSet<&str> = Fact::ALL
        .into_iter()
        .filter(|fact| fact.reads_roles())
        .map(Fact::as_str)
        .collect();
    assert_eq!(changed, said);
}

#[test]
fn codes_parse_back_from_their_stored_form() {
    for kind in ItemKind::ALL {
        assert_eq!(ItemKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(ItemKind::parse("wish"), None);
    assert_eq!(
        D::parse("BLOCKED_PENDING_SIGNOFF"),
        Some(D::BlockedPendingSignoff)
    );
    assert_eq!(
        D::BlockedPendingDataCutover.slug(),
        "blocked-pending-data-cutover"
    );
    let cat = programme::demo().catalogue.clone();
    for item in cat.items() {
        if let Some(fact) = item.fact {
            assert_eq!(catalogue::Fact::parse(fact.as_str()), Some(fact));
        }
    }
    for action in WithdrawingAction::ALL {
        assert_eq!(WithdrawingAction::parse(action.as_str()), Some(action));
    }
}

/// The codes are what the database holds (and its check constraints allow), what URLs, forms
/// and JSON carry and what Fluent ids are made of: renaming one is a migration, not a refactor.
#[test]
fn codes_are_the_strings_stored_and_sent() {
    use super::packets::PacketKey;
    use super::{AuditAction, AuditTarget, CheckAction, Environment, RehearsalKind, RunState};
    use super::{SignoffDecision, signature::WithdrawingAction as W};
    assert_eq!(
        AuditAction::CODES,
        [
            "accept",
            "decide",
            "revoke",
            "sign_go",
            "record_no_go",
            "import_snapshot",
            "freeze_snapshot",
            "set_target",
            "probe_passed",
            "probe_failed",
            "set_profile",
            "sign_in",
            "sign_out",
            "sign_in_failed",
            "change_password",
            "end_sessions",
            "invite_person",
            "accept_invitation",
            "change_role",
            "disable_account",
            "enable_account",
            "issue_password_reset",
            "reset_password",
            "assign_owner",
            "unpin_owner",
            "set_role_owner",
            "clear_role_owner",
            "link_identity",
            "sign_up",
            "create_api_key",
            "revoke_api_key",
            "add_webhook",
            "remove_webhook",
            "retry_delivery",
        ]
    );
    assert_eq!(
        AuditTarget::CODES,
        ["production", "scenario", "connection", "profile"]
    );
    assert_eq!(CheckAction::CODES, ["accept", "decide", "revoke"]);
    assert_eq!(
        W::ALL.map(W::as_str),
        [
            "accept",
            "decide",
            "revoke",
            "probe_passed",
            "probe_failed",
            "freeze_snapshot"
        ]
    );
    assert_eq!(SignoffDecision::CODES, ["GO", "NO_GO"]);
    assert_eq!(
        SignoffDecision::ALL.map(|d| d.audit_action().as_str()),
        ["sign_go", "record_no_go"]
    );
    assert_eq!(RehearsalKind::CODES, ["connection", "gap", "dry_run"]);
    assert_eq!(
        RunState::CODES,
        ["running", "passed", "failed", "refused", "timed_out"]
    );
    assert_eq!(Environment::CODES, ["local", "staging", "production"]);
    assert_eq!(
        PacketKey::CODES,
        [
            "runbook-sql",
            "cutover-plan",
            "connection",
            "dry-run",
            "preflight",
            "release-env",
            "rollback",
        ]
    );
}

#[test]
fn a_run_is_judged_on_the_items_of_its_own_section() {
    let cat = programme::demo().catalogue.clone();
    for kind in super::RehearsalKind::ALL {
        assert!(cat.section(kind.section()).is_some(), "{kind}");
    }
    assert_eq!(super::RunState::finished(true), super::RunState::Passed);
    assert_eq!(super::RunState::finished(false), super::RunState::Failed);
}

// ---- derived links: each figure is the items it names --------------------------------------

/// Each derived figure the console shows, the record that moves it, and its figure before and
/// after: (item, record accepted or passed, progress before, progress after).
#[test]
fn each_derived_link_counts_the_items_it_names() {
    let cat = programme::demo().catalogue.clone();
    // (item, record accepted or passed, its figure before, after), as the page writes them.
    let links = [
        // The decision board's evidence is the passage checks behind each decision.
        (
            "decision_board.environment_readiness",
            "passage.contracts_frozen",
            "0/2",
            "1/2",
        ),
        (
            "decision_board.release_approvals",
            "passage.db_schema",
            "0/6",
            "1/6",
        ),
        // Adapter replay 0/4 + 0/5 is connection and dry-run.
        (
            "runbook.adapter_replay",
            "connection.endpoint_reachability",
            "0/4 + 0/5",
            "1/4 + 0/5",
        ),
        (
            "cutover.batch_replay",
            "connection.endpoint_reachability",
            "0/4 + 0/5",
            "1/4 + 0/5",
        ),
        // The preflight's schema map is the decision board.
        ("preflight.schema_map", "passage.db_schema", "1/7", "2/7"),
        // The release's owner evidence is the passage checklist.
        (
            "release.owner_evidence",
            "passage.secrets_auth",
            "0/6",
            "1/6",
        ),
        // The cutover's seed tenant/RLS is the runbook's schema and RLS probe.
        (
            "cutover.seed_tenant_rls",
            "runbook.schema_rls",
            "0/1",
            "1/1",
        ),
        // The preflight's adapter replay is the dry-run.
        (
            "preflight.adapter_replay",
            "dry_run.export_snapshot",
            "0/5",
            "1/5",
        ),
    ];
    for (item, record, before, after) in links {
        let base = demo::state(AT);
        let progress = |state: &ReadinessState| progress(&evaluate(&cat, state), item);
        assert_eq!(progress(&base), before, "{item} before");
        let mut changed = base.clone();
        match cat.item(record).map(|i| i.kind) {
            Some(ItemKind::Probe) => pass(
                &mut changed,
                record,
                cat.item(record).and_then(|i| i.expected),
            ),
            _ => accept(&mut changed, record),
        }
        assert_eq!(progress(&changed), after, "{item} after {record}");
    }
}

#[test]
fn checksum_verification_is_the_preflight_and_the_seals_are_the_rollback() {
    let ev = demo_eval();
    let depends = |key: &str| {
        ev.item(key)
            .map(|i| i.depends_on.clone())
            .unwrap_or_default()
    };
    assert_eq!(depends("runbook.checksum_verification"), ["preflight"]);
    assert_eq!(depends("runbook.rollback_seal"), ["rollback"]);
    assert_eq!(depends("cutover.rollback_seal"), ["rollback"]);
    assert_eq!(depends("rollback.freeze_window"), ["release"]);
    assert_eq!(depends("preflight.rollback_evidence"), ["rollback"]);
    assert_eq!(progress(&ev, "runbook.checksum_verification"), "1/5");
}

#[test]
fn a_recorded_no_go_does_not_count_as_a_signature() {
    let mut state = all_green();
    state.signoff = Some(Signoff {
        actor: catalogue::actors::ANNA.to_owned(),
        at: AT,
        go: false,
        reason: Some("Backup restore not rehearsed".to_owned()),
        ..signed()
    });
    assert_eq!(
        evaluate(&programme::demo().catalogue, &state).decision,
        D::BlockedPendingSignoff
    );
}

// ---- the signature counts for the state it signed -----------------------------------------

/// Olena's revocation of "DB schema" at event #31, as recorded against Anna's GO.
fn withdrawn_by_olena() -> Withdrawal {
    Withdrawal {
        seq: 31,
        actor: catalogue::actors::OLENA.to_owned(),
        action: Some(WithdrawingAction::Revoke),
        item: "passage.db_schema".to_owned(),
        at: AT,
    }
}

#[test]
fn a_go_holds_only_while_nothing_has_withdrawn_it() {
    let withdrawn = || Signoff {
        withdrawal: Some(withdrawn_by_olena()),
        ..signed()
    };
    let no_go = Signoff {
        go: false,
        reason: Some("Backup restore not rehearsed".to_owned()),
        state_digest: None,
        state_seq: None,
        ..signed()
    };
    // (case, the latest sign-offs oldest first, DB schema still revoked, decision, signature)
    let cases: Vec<(&str, Vec<Signoff>, bool, D, Signature)> = vec![
        (
            "unsigned",
            vec![],
            false,
            D::BlockedPendingSignoff,
            Signature::Unsigned,
        ),
        (
            "standing",
            vec![signed()],
            false,
            D::Go,
            Signature::Standing,
        ),
        (
            "withdrawn, the item still revoked",
            vec![withdrawn()],
            true,
            D::BlockedPendingPreflight,
            Signature::Withdrawn,
        ),
        (
            "withdrawn, then re-accepted",
            vec![withdrawn()],
            false,
            D::BlockedPendingSignoff,
            Signature::Withdrawn,
        ),
        (
            "withdrawn, re-accepted, then signed again",
            vec![withdrawn(), signed()],
            false,
            D::Go,
            Signature::Standing,
        ),
        (
            "a NO-GO after the GO",
            vec![signed(), no_go.clone()],
            false,
            D::BlockedPendingSignoff,
            Signature::NoGo,
        ),
        (
            "revoked behind the console's back, nothing recorded",
            vec![signed()],
            true,
            D::BlockedPendingPreflight,
            Signature::Lapsed,
        ),
    ];
    for (case, signoffs, revoked, decision, sig) in cases {
        let mut state = all_green();
        if revoked {
            state.acceptances.remove("passage.db_schema");
        }
        // The state carries the latest sign-off only.
        state.signoff = signoffs.last().cloned();
        let ev = evaluate(&programme::demo().catalogue, &state);
        assert_eq!(ev.decision, decision, "{case}");
        assert_eq!(ev.signature, sig, "{case}");
        assert_eq!(
            signature::holds(&state),
            matches!(sig, Signature::Standing | Signature::Lapsed),
            "{case}"
        );
        if decision == D::BlockedPendingSignoff {
            assert_eq!(
                ev.next_action,
                Some(NextAction::SignOff),
                "{case}: sign again"
            );
        }
        assert_eq!(
            ev.item("provider_acceptance.live_wiring")
                .map(|i| i.is_ready()),
            Some(decision == D::Go),
            "{case}: live wiring follows GO"
        );
    }
}

#[test]
fn the_item_a_write_changed_is_named_first_then_any_other_in_page_order() {
    let cat = programme::demo().catalogue.clone();
    let mut signed_state = all_green();
    signed_state.signoff = Some(signed());
    let before = evaluate(&cat, &signed_state);
    let mut revoked = signed_state.clone();
    revoked.acceptances.remove("passage.db_schema");
    let after = evaluate(&cat, &revoked);
    let mut renamed = signed_state.clone();
    renamed.audit_head = Some(AuditHead {
        seq: 40,
        hash: "ab".repeat(32),
    });
    // (case, after, the items the write named, the item it withdrew by)
    let cases: Vec<(&str, &Evaluation, &[&str], Option<&str>)> = vec![
        (
            "a revocation",
            &after,
            &["passage.db_schema"],
            Some("passage.db_schema"),
        ),
        (
            "the named item unchanged, others moved: the first in page order",
            &after,
            &["passage.contracts_frozen"],
            Some("gates.preflight"),
        ),
        ("nothing changed", &before, &["passage.db_schema"], None),
    ];
    for (case, after, written, expected) in cases {
        assert_eq!(
            signature::changed_item(&before, after, written).as_deref(),
            expected,
            "{case}"
        );
    }
    // A write that moves only the audit head changes no status.
    assert_eq!(
        signature::changed_item(&before, &evaluate(&cat, &renamed), &[]),
        None
    );
}

#[test]
fn the_state_digest_covers_the_decision_every_status_and_the_audit_head_only() {
    let cat = programme::demo().catalogue.clone();
    let head = AuditHead {
        seq: 29,
        hash: "cd".repeat(32),
    };
    let green = all_green();
    let digest = |state: &ReadinessState, head: Option<&AuditHead>| {
        signature::state_digest(&evaluate(&cat, state), head)
    };
    let base = digest(&green, Some(&head));
    assert_eq!(base.len(), 64);
    assert!(
        base.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    assert_eq!(signature::short(&base), format!("bfg-{}", &base[..8]));

    let mut later = green.clone();
    for acceptance in later.acceptances.values_mut() {
        acceptance.at += time::Duration::hours(1);
    }
    let mut revoked = green.clone();
    revoked.acceptances.remove("passage.db_schema");
    let mut signed_state = green.clone();
    signed_state.signoff = Some(signed());
    let moved = AuditHead {
        seq: 30,
        hash: head.hash.clone(),
    };
    // (case, digest, equal to the base?)
    let cases = [
        ("the same state again", digest(&green, Some(&head)), true),
        ("acceptance times differ", digest(&later, Some(&head)), true),
        ("an item revoked", digest(&revoked, Some(&head)), false),
        (
            "the decision moved to GO",
            digest(&signed_state, Some(&head)),
            false,
        ),
        ("another audit head", digest(&green, Some(&moved)), false),
        ("an empty chain", digest(&green, None), false),
    ];
    for (case, other, same) in cases {
        assert_eq!(other == base, same, "{case}");
    }
}

// ---- a programme may require GO from several distinct managing directors -------------------

/// A second managing director of the tests.
const BRUNO: &str = "user_md_bruno";
/// A third.
const CARLA: &str = "user_md_carla";

/// `actor`'s standing GO on the state `digest` (one hex digit repeated).
fn go_by(actor: &str, digest: char) -> Signoff {
    Signoff {
        actor: actor.to_owned(),
        state_digest: Some(digest.to_string().repeat(64)),
        ..signed()
    }
}

/// The all-green state of a programme requiring `required` signatures, with `earlier` standing
/// before the `latest` sign-off.
fn green_signed(required: i64, earlier: Vec<Signoff>, latest: Option<Signoff>) -> ReadinessState {
    let mut state = all_green();
    state.signatures_required = signature::SignaturesRequired::new(required).expect("1 to 5");
    state.cosignatures = earlier;
    state.signoff = latest;
    state
}

#[test]
fn go_is_reached_only_when_the_nth_distinct_managing_director_signs_the_same_state() {
    let anna = catalogue::actors::ANNA;
    let withdrawn = |s: Signoff| Signoff {
        withdrawal: Some(withdrawn_by_olena()),
        ..s
    };
    let no_go = Signoff {
        go: false,
        reason: Some("Backup restore not rehearsed".to_owned()),
        state_digest: None,
        state_seq: None,
        ..signed()
    };
    // (case, required, earlier standing signatures, latest, decision, signature, signed)
    type Case = (
        &'static str,
        i64,
        Vec<Signoff>,
        Option<Signoff>,
        D,
        Signature,
        u32,
    );
    #[rustfmt::skip]
    let cases: Vec<Case> = vec![
        ("one required, unsigned", 1, vec![], None,
         D::BlockedPendingSignoff, Signature::Unsigned, 0),
        ("one required, Anna signs: GO as always", 1, vec![], Some(go_by(anna, 'a')),
         D::Go, Signature::Standing, 1),
        ("two required, unsigned", 2, vec![], None,
         D::BlockedPendingSignoff, Signature::Unsigned, 0),
        ("two required, Anna signs: a standing partial signature", 2, vec![],
         Some(go_by(anna, 'a')), D::BlockedPendingSignoff, Signature::Partial, 1),
        ("two required, Anna then Bruno on the same state: GO", 2, vec![go_by(anna, 'a')],
         Some(go_by(BRUNO, 'a')), D::Go, Signature::Standing, 2),
        ("two required, Anna twice: she counts once", 2, vec![go_by(anna, 'a')],
         Some(go_by(anna, 'a')), D::BlockedPendingSignoff, Signature::Partial, 1),
        ("two required, Bruno on another state: Anna's is not his round", 2,
         vec![go_by(anna, 'a')], Some(go_by(BRUNO, 'b')),
         D::BlockedPendingSignoff, Signature::Partial, 1),
        ("two required, Anna's withdrawn before Bruno signed", 2,
         vec![withdrawn(go_by(anna, 'a'))], Some(go_by(BRUNO, 'a')),
         D::BlockedPendingSignoff, Signature::Partial, 1),
        ("two required, the round withdrawn by a write", 2, vec![],
         Some(withdrawn(go_by(BRUNO, 'a'))), D::BlockedPendingSignoff, Signature::Withdrawn, 0),
        ("two required, Anna signs, Bruno records NO-GO: the round ends", 2, vec![],
         Some(no_go), D::BlockedPendingSignoff, Signature::NoGo, 0),
        ("three required, two of them", 3, vec![go_by(anna, 'a')], Some(go_by(BRUNO, 'a')),
         D::BlockedPendingSignoff, Signature::Partial, 2),
        ("three required, all three", 3, vec![go_by(anna, 'a'), go_by(BRUNO, 'a')],
         Some(go_by(CARLA, 'a')), D::Go, Signature::Standing, 3),
    ];
    for (case, required, earlier, latest, decision, sig, signed) in cases {
        let state = green_signed(required, earlier, latest);
        let ev = evaluate(&programme::demo().catalogue, &state);
        assert_eq!(ev.decision, decision, "{case}");
        assert_eq!(ev.signature, sig, "{case}");
        let total = u32::try_from(required).expect("small");
        assert_eq!(
            ev.signatures,
            Count {
                ready: signed,
                total
            },
            "{case}"
        );
        assert_eq!(signature::holds(&state), decision == D::Go, "{case}");
        if decision == D::BlockedPendingSignoff {
            assert_eq!(ev.next_action, Some(NextAction::SignOff), "{case}");
        }
        // A partial signature withdraws like a whole one: a write now must be confirmed.
        assert_eq!(
            signature::withdrawable(&state).is_some(),
            matches!(sig, Signature::Standing | Signature::Partial),
            "{case}"
        );
    }
}

#[test]
fn with_one_signature_required_the_round_is_the_latest_go_alone() {
    // The demo's N = 1: whatever else the rows hold, only the latest GO counts, as before.
    let anna = catalogue::actors::ANNA;
    let state = green_signed(1, vec![go_by(BRUNO, 'a')], Some(go_by(anna, 'a')));
    assert_eq!(
        evaluate(&programme::demo().catalogue, &state).decision,
        D::Go
    );
    let mut plain = all_green();
    plain.signoff = Some(signed());
    let ev = evaluate(&programme::demo().catalogue, &plain);
    assert_eq!(ev.signatures, Count { ready: 1, total: 1 });
    assert_eq!(
        signature::signing_digest(&ev, &plain),
        "0".repeat(64),
        "the round's digest"
    );
    let unsigned = all_green();
    let ev = evaluate(&programme::demo().catalogue, &unsigned);
    assert_eq!(
        signature::signing_digest(&ev, &unsigned),
        signature::state_digest(&ev, unsigned.audit_head.as_ref()),
        "a fresh round signs the state as it stands"
    );
    assert_eq!(
        signature::basis(&unsigned, anna),
        Ok(signature::Basis::Fresh)
    );
}

#[test]
fn a_later_signer_joins_the_round_and_a_signer_of_it_is_refused() {
    let anna = catalogue::actors::ANNA;
    let state = green_signed(2, vec![], Some(go_by(anna, 'a')));
    let ev = evaluate(&programme::demo().catalogue, &state);
    // Bruno signs what Anna signed: her digest and her head.
    assert_eq!(
        signature::basis(&state, BRUNO),
        Ok(signature::Basis::Join(&go_by(anna, 'a')))
    );
    assert_eq!(signature::signing_digest(&ev, &state), "a".repeat(64));
    assert_eq!(
        signature::basis(&state, anna),
        Err(signature::CosignRefused::AlreadySigned)
    );
    // After a NO-GO the next GO opens a round of its own.
    let mut ended = state.clone();
    ended.signoff = Some(Signoff {
        go: false,
        reason: Some("Backup restore not rehearsed".to_owned()),
        ..signed()
    });
    assert_eq!(signature::basis(&ended, anna), Ok(signature::Basis::Fresh));
}

#[test]
fn a_programme_requires_one_to_five_signatures() {
    for (n, valid) in [
        (-1, false),
        (0, false),
        (1, true),
        (2, true),
        (5, true),
        (6, false),
    ] {
        assert_eq!(
            signature::SignaturesRequired::new(n).map(|r| i64::from(r.get())),
            valid.then_some(n),
            "{n}"
        );
    }
    assert_eq!(
        signature::SignaturesRequired::default(),
        signature::SignaturesRequired::ONE
    );
}

#[test]
fn the_blockers_are_the_blocking_rungs_items_that_are_not_ready() {
    let ev = demo_eval();
    let blockers = ev.blockers();
    let rung = ev
        .ladder
        .iter()
        .find(|r| r.code == ev.decision)
        .expect("the blocking rung");
    assert!(!blockers.is_empty());
    for (section, item) in &blockers {
        assert!(rung.requires.contains(&section.key), "{}", item.key);
        assert_ne!(item.status, Status::Ready, "{}", item.key);
    }
    // The next action is among them: the first that someone can act on.
    let Some(NextAction::Item { key, .. }) = &ev.next_action else {
        panic!("an item to act on");
    };
    assert!(blockers.iter().any(|(_, i)| &i.key == key));
    // Waiting for the signature, or at GO, nothing blocks.
    assert!(
        evaluate(&programme::demo().catalogue, &all_green())
            .blockers()
            .is_empty()
    );
}
