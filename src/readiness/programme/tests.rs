//! The programme files: the demo's evaluates exactly like the frozen Rust catalogue on every
//! state the tests build, and each problem is reported with its place and code.

use super::frozen;
use super::{
    DEMO_FILE, Problem, ProgrammeError, check_move, demo, languages, parse, stored_catalogue,
};
use crate::readiness::catalogue::ItemKind;
use crate::readiness::evaluate::evaluate;
use crate::readiness::signature::SignaturesRequired;
use crate::readiness::state::ReadinessState;
use crate::readiness::tests::{AT, all_green, record, signed};
use crate::readiness::{demo as demo_state, signature};

/// Every state the evaluation tests build: the seed, each step from it to GO in page order
/// (unsigned, then signed), and the all-green state without each of its records in turn,
/// unsigned and signed.
fn states() -> Vec<(String, ReadinessState)> {
    let mut out = vec![("seed".to_owned(), demo_state::state(AT))];
    let cat = frozen::standard();
    let mut walking = demo_state::state(AT);
    for item in cat.items() {
        if item.kind == ItemKind::Derived {
            continue;
        }
        record(&mut walking, item);
        out.push((format!("step {}", item.key), walking.clone()));
    }
    let green = all_green();
    let signed = {
        let mut s = green.clone();
        s.signoff = Some(signed());
        s
    };
    out.push(("all green".to_owned(), green.clone()));
    out.push(("signed".to_owned(), signed.clone()));
    let records: Vec<String> = green
        .acceptances
        .keys()
        .chain(green.probes.keys())
        .cloned()
        .collect();
    for key in records {
        for (name, base) in [("unsigned", &green), ("signed", &signed)] {
            let mut state = base.clone();
            state.acceptances.remove(&key);
            state.probes.remove(&key);
            out.push((format!("{name} without {key}"), state));
        }
    }
    let mut empty = demo_state::state(AT);
    empty.snapshot = None;
    empty.acceptances.clear();
    empty.providers.clear();
    out.push(("nothing recorded".to_owned(), empty));
    out
}

#[test]
fn the_demo_file_is_the_frozen_rust_catalogue() {
    assert_eq!(demo().catalogue, frozen::standard());
}

#[test]
fn the_demo_file_evaluates_exactly_like_the_frozen_catalogue_on_every_demo_state() {
    let file = &demo().catalogue;
    let frozen = frozen::standard();
    let states = states();
    assert!(states.len() > 80, "{} states", states.len());
    for (name, state) in &states {
        let ours = evaluate(file, state);
        assert_eq!(ours, evaluate(&frozen, state), "{name}");
        // The states reach every rung of the ladder between them.
        let _ = signature::holds(state);
    }
    let decisions: std::collections::BTreeSet<_> = states
        .iter()
        .map(|(_, s)| evaluate(file, s).decision)
        .collect();
    assert_eq!(decisions.len(), 6, "{decisions:?}");
}

#[test]
fn the_demo_file_is_labelled_in_every_language_and_expects_six_objects() {
    let programme = demo();
    for lang in languages() {
        let labels = &programme.labels[lang];
        assert_eq!(labels.sections.len(), programme.catalogue.sections.len());
        assert_eq!(labels.items.len(), programme.item_count());
    }
    assert_eq!(programme.target.objects(), 6);
    assert_eq!(
        programme
            .catalogue
            .item("runbook.schema_rls")
            .and_then(|i| i.expected),
        Some(programme.target.objects())
    );
}

/// The demo file with `from` replaced by `to` (once), parsed.
fn broken(from: &str, to: &str) -> Vec<ProgrammeError> {
    assert!(DEMO_FILE.contains(from), "{from}");
    let text = DEMO_FILE.replacen(from, to, 1);
    parse(&text, &languages()).expect_err("the change breaks the file")
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn each_problem_is_reported_with_its_code_and_line() {
    let cases: &[(&str, &str, Problem, &str)] = &[
        ("version = 1", "version = ", Problem::Syntax, "version = "),
        (
            "version = 1",
            "version = 1\nvresion = 2",
            Problem::UnknownField,
            "vresion",
        ),
        (
            "version = 1",
            "version = \"one\"",
            Problem::WrongType,
            "version =",
        ),
        (
            "format = \"ReadinessProgramme.v1\"",
            "format = \"ReadinessProgramme.v2\"",
            Problem::WrongFormat,
            "format =",
        ),
        (
            "kind = \"probe\"",
            "kind = \"probr\"",
            Problem::UnknownKind,
            "kind = \"probr\"",
        ),
        (
            "fact = \"snapshot_frozen\"",
            "fact = \"snapshot_thawed\"",
            Problem::UnknownFact,
            "snapshot_thawed",
        ),
        (
            "owner = \"dispatcher\"",
            "owner = \"driver\"",
            Problem::UnknownOwnerRole,
            "owner = \"driver\"",
        ),
        (
            "depends_on = [\"connection.endpoint_reachability\"]",
            "depends_on = [\"connection.endpoint_reachabilty\"]",
            Problem::DanglingDependency,
            "endpoint_reachabilty",
        ),
        (
            "key = \"tls_fingerprint\"",
            "key = \"endpoint_reachability\"",
            Problem::DuplicateItem,
            "key = \"endpoint_reachability\"\nkind = \"probe\"\ndepends_on",
        ),
        (
            "requires = [\"cutover\"]",
            "requires = []",
            Problem::RungWithoutSection,
            "code = \"BLOCKED_PENDING_DATA_CUTOVER\"",
        ),
        (
            "requires = [\"cutover\"]",
            "requires = [\"cut_over\"]",
            Problem::RungUnknownSection,
            "cut_over",
        ),
        (
            "code = \"BLOCKED_PENDING_DATA_CUTOVER\"",
            "code = \"BLOCKED_PENDING_DATA\"",
            Problem::UnknownDecision,
            "BLOCKED_PENDING_DATA\"",
        ),
        (
            "decision = { gated_by = [\"BLOCKED_PENDING_PREFLIGHT\"]",
            "decision = { gated_by = [\"BLOCKED_PENDING_RELEASE\"]",
            Problem::GateNotARung,
            "gated_by = [\"BLOCKED_PENDING_RELEASE\"]",
        ),
    ];
    for (from, to, problem, needle) in cases {
        let text = DEMO_FILE.replacen(from, to, 1);
        let errors = broken(from, to);
        let error = errors.iter().find(|e| e.problem == *problem);
        assert_eq!(
            error.map(|e| e.line),
            Some(line_of(&text, needle)),
            "{to}: {errors:?}"
        );
    }
}

#[test]
fn a_cycle_names_its_items_and_a_duplicate_section_its_key() {
    let errors = broken(
        "key = \"endpoint_reachability\"\nkind = \"probe\"",
        "key = \"endpoint_reachability\"\nkind = \"probe\"\ndepends_on = [\"connection.write_probe\"]",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].problem, Problem::DependencyCycle);
    assert_eq!(
        errors[0].arg("cycle"),
        Some(
            "connection.endpoint_reachability → connection.write_probe → \
             connection.rbac_session → connection.endpoint_reachability"
        )
    );

    let errors = broken("key = \"cutover\"", "key = \"runbook\"");
    assert!(
        errors
            .iter()
            .any(|e| e.problem == Problem::DuplicateSection),
        "{errors:?}"
    );
}

#[test]
fn a_label_missing_in_one_language_is_an_error_not_a_fallback() {
    let errors = broken(
        "\"passage.db_schema\" = { label = \"DB schema\", ",
        "\"passage.db_schem\" = { label = \"DB schema\", ",
    );
    let problems: Vec<_> = errors
        .iter()
        .map(|e| (e.problem, e.arg("language")))
        .collect();
    assert!(
        problems.contains(&(Problem::MissingLabel, Some("en"))),
        "{problems:?}"
    );
    assert!(
        problems.contains(&(Problem::LabelForNothing, Some("en"))),
        "{problems:?}"
    );

    let text = DEMO_FILE.replace("[labels.fr.", "[labels.fr-CA.");
    let errors = parse(&text, &languages()).expect_err("French is missing");
    let problems: Vec<_> = errors.iter().map(|e| e.problem).collect();
    assert!(problems.contains(&Problem::MissingLanguage), "{problems:?}");
    assert!(problems.contains(&Problem::UnknownLanguage), "{problems:?}");
}

#[test]
fn every_problem_has_its_message_id() {
    for problem in Problem::ALL {
        assert!(problem.message_id().starts_with("programme-error-"));
    }
}

#[test]
fn a_fresh_tenant_under_the_tenant_rbac_programme_is_blocked_on_its_own_figures() {
    let text = include_str!("../../../programmes/tenant-rbac-adapter.toml");
    let programme = parse(text, &languages()).expect("tenant-rbac-adapter.toml is valid");
    assert_eq!(programme.name, "tenant-rbac-adapter");
    assert_eq!(programme.target.objects(), 8);
    assert_eq!(
        programme
            .catalogue
            .item("isolation.schema_rls")
            .and_then(|i| i.expected),
        Some(programme.target.objects())
    );
    let mut fresh = demo_state::state(AT);
    fresh.acceptances.clear();
    let ev = evaluate(&programme.catalogue, &fresh);
    assert_eq!(
        ev.decision,
        crate::readiness::DecisionCode::BlockedPendingDryRun
    );
    let figures: Vec<(&str, String)> = ev
        .sections
        .iter()
        .map(|s| (s.key.as_str(), s.count.to_string()))
        .collect();
    assert_eq!(
        figures,
        [
            ("gates", "2/8".to_owned()),
            ("tenant_model", "0/3".to_owned()),
            ("connection", "0/4".to_owned()),
            ("dry_run", "0/4".to_owned()),
            ("isolation", "0/4".to_owned()),
            ("rbac", "1/5".to_owned()),
            ("cutover", "1/4".to_owned()),
        ]
    );
    assert_eq!(
        ev.local_decision("cutover"),
        Some(crate::readiness::DecisionCode::BlockedPendingPreflight)
    );
    assert_eq!(
        ev.next_action,
        Some(crate::readiness::NextAction::Item {
            key: "connection.endpoint_reachability".to_owned(),
            section: "connection".to_owned(),
            owner: None,
        })
    );
    // Nothing is misconfigured: its owners are the demo's actors.
    assert!(ev.sections.iter().all(|s| !s.misconfigured));
    // Recording everything it asks for, and signing, reaches GO.
    let mut green = fresh.clone();
    for item in programme.catalogue.items() {
        record(&mut green, item);
    }
    green.snapshot = all_green().snapshot;
    assert_eq!(
        evaluate(&programme.catalogue, &green).decision,
        crate::readiness::DecisionCode::BlockedPendingSignoff
    );
}

#[test]
fn a_tenant_moves_only_to_a_later_version_of_its_own_programme() {
    let mut next = demo().clone();
    let name = next.name.clone();
    let cases: [(&str, u32, u32, Option<&str>); 4] = [
        (&name, 1, 2, None),
        (
            &name,
            1,
            1,
            Some("version 1: the file's version 1 must be above it"),
        ),
        (
            &name,
            3,
            2,
            Some("version 3: the file's version 2 must be above it"),
        ),
        (
            "tenant-rbac-adapter",
            1,
            2,
            Some("but the tenant runs tenant-rbac-adapter"),
        ),
    ];
    for (runs, current, version, refused) in cases {
        next.version = version;
        let said = check_move(runs, current, &next)
            .err()
            .map(|e| e.to_string());
        match refused {
            None => assert_eq!(said, None, "{runs} {current} → {version}"),
            Some(part) => assert!(
                said.as_deref().is_some_and(|s| s.contains(part)),
                "{runs} {current} → {version}: {said:?}"
            ),
        }
    }
}

/// The demo file with a `[signoff]` table before its ladder.
fn with_signoff(table: &str) -> String {
    DEMO_FILE.replacen(
        "[[ladder]]",
        &format!("[signoff]\n{table}\n\n[[ladder]]"),
        1,
    )
}

#[test]
fn a_programme_may_require_up_to_five_signatures_and_one_when_it_does_not_say() {
    assert_eq!(demo().signatures_required, SignaturesRequired::ONE);
    for n in 1..=5 {
        let text = with_signoff(&format!("required = {n}"));
        let programme = parse(&text, &languages()).expect("valid");
        assert_eq!(programme.signatures_required.get(), n, "required = {n}");
        // The key changes nothing else the evaluation reads.
        assert_eq!(programme.catalogue, demo().catalogue);
    }
}

#[test]
fn a_number_of_signatures_the_console_does_not_allow_is_refused_where_it_is_written() {
    // (the table, the problem, what its message says was found)
    let cases: &[(&str, Problem, Option<&str>)] = &[
        ("required = 0", Problem::SignaturesOutOfRange, Some("0")),
        ("required = 6", Problem::SignaturesOutOfRange, Some("6")),
        ("required = -2", Problem::SignaturesOutOfRange, Some("-2")),
        ("required = \"two\"", Problem::WrongType, None),
        ("requried = 2", Problem::UnknownField, None),
        ("", Problem::MissingField, None),
    ];
    for (table, problem, found) in cases {
        let text = with_signoff(table);
        let errors = parse(&text, &languages()).expect_err(table);
        assert_eq!(errors.len(), 1, "{table}: {errors:?}");
        let error = &errors[0];
        assert_eq!(error.problem, *problem, "{table}: {errors:?}");
        assert_eq!(error.arg("found"), *found, "{table}");
        if *problem == Problem::SignaturesOutOfRange {
            assert_eq!(error.line, line_of(&text, "required ="), "{table}");
            assert_eq!(error.column, "required = ".len() + 1, "{table}");
            assert_eq!(error.arg("max"), Some("5"), "{table}");
        }
    }
}

#[test]
fn the_demo_file_gives_a_new_tenant_exactly_the_demo_tenants_profile_and_providers() {
    let state = demo_state::state(AT);
    let profile = &demo().profile;
    assert_eq!(profile.named(&state.profile.name), state.profile);
    assert_eq!(profile.providers(), state.providers.as_slice());
}

#[test]
fn the_tenant_rbac_programme_starts_its_tenants_on_its_own_move() {
    let text = include_str!("../../../programmes/tenant-rbac-adapter.toml");
    let programme = parse(text, &languages()).expect("tenant-rbac-adapter.toml is valid");
    let profile = programme.profile.named("ACME Logistics");
    assert_eq!(profile.name, "ACME Logistics");
    assert_eq!(profile.adapter_target, "tenant-rbac-adapter");
    assert_eq!(profile.storage_adapter, "db-auth-session-adapter");
    assert_eq!(profile.tenant_mode, "single-tenant-local");
    let providers: Vec<(&str, &str)> = programme
        .profile
        .providers()
        .iter()
        .map(|p| (p.key.as_str(), p.target_mode.as_str()))
        .collect();
    assert_eq!(
        providers,
        [
            ("scenario_store", "Postgres/RLS (shared tenants)"),
            ("auth_rbac", "OIDC/RBAC (IdP groups)"),
        ]
    );
    assert_ne!(programme.profile, demo().profile);
}

/// The demo file without its `[profile]` table and providers (and the comment before the
/// ladder, which goes with them).
fn without_profile() -> String {
    let start = DEMO_FILE.find("[profile]").expect("[profile]");
    let end = DEMO_FILE.find("[[ladder]]").expect("[[ladder]]");
    format!("{}{}", &DEMO_FILE[..start], &DEMO_FILE[end..])
}

/// A broken copy of the demo file: what changes, into what, the problem, the text it is
/// reported at, and its message's arguments.
type ProfileCase<'a> = (&'a str, &'a str, Problem, &'a str, &'a [(&'a str, &'a str)]);

#[test]
fn each_problem_of_the_profile_is_reported_with_its_code_line_and_column() {
    let long = "a".repeat(65);
    let too_long = format!("target_mode = \"{long}\"");
    let cases: &[ProfileCase<'_>] = &[
        (
            "auth_mode = \"mock-auth-header\"",
            "auth_mode = \"  \"",
            Problem::InvalidMode,
            "\"  \"",
            &[("field", "auth_mode"), ("reason", "empty"), ("value", "  ")],
        ),
        (
            "environment = \"local-demo\"",
            "environment = \"local demo <eu>\"",
            Problem::InvalidMode,
            "\"local demo <eu>\"",
            &[("field", "environment"), ("reason", "character")],
        ),
        (
            "target_mode = \"KSeF API\"",
            &too_long,
            Problem::InvalidMode,
            "\"aaaa",
            &[
                ("field", "provider.ksef.target_mode"),
                ("reason", "too_long"),
                ("max", "64"),
            ],
        ),
        (
            "current_mode = \"local-ocr\"",
            "current_mode = \"-ocr\"",
            Problem::InvalidMode,
            "\"-ocr\"",
            &[
                ("field", "provider.document_intelligence.current_mode"),
                ("reason", "character"),
            ],
        ),
        (
            "key = \"maps_eta\"",
            "key = \"ksef\"",
            Problem::DuplicateProvider,
            "\"ksef\"\ncurrent_mode = \"local-eta\"",
            &[("key", "ksef")],
        ),
        (
            "tenant_mode = \"single-tenant-local\"\n",
            "",
            Problem::MissingField,
            "[profile]",
            &[("field", "tenant_mode")],
        ),
        (
            "key = \"ksef\"",
            "key = \"ksef\"\nlabel = \"KSeF\"",
            Problem::UnknownField,
            "label = ",
            &[("field", "label")],
        ),
    ];
    for (from, to, problem, at, args) in cases {
        assert!(DEMO_FILE.contains(from), "{from}");
        let text = DEMO_FILE.replacen(from, to, 1);
        let errors = parse(&text, &languages()).expect_err(to);
        assert_eq!(errors.len(), 1, "{to}: {errors:?}");
        let error = &errors[0];
        assert_eq!(error.problem, *problem, "{to}: {errors:?}");
        // serde reports a missing field at the table, the validator at the value.
        let offset = text.find(at).expect("at");
        let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
        assert_eq!(error.line, line_of(&text, at), "{to}");
        if *problem != Problem::MissingField {
            assert_eq!(error.column, offset - line_start + 1, "{to}");
        }
        for (name, value) in *args {
            assert_eq!(error.arg(name), Some(*value), "{to}: {name}");
        }
    }
}

#[test]
fn a_programme_file_without_a_profile_is_refused_at_its_format_line() {
    let text = without_profile();
    let errors = parse(&text, &languages()).expect_err("no [profile]");
    let found: Vec<_> = errors.iter().map(|e| (e.problem, e.line)).collect();
    assert_eq!(
        found,
        [(Problem::MissingProfile, line_of(&text, "format = "))]
    );
}

#[test]
fn a_stored_programme_older_than_the_profile_still_gives_its_catalogue() {
    let text = without_profile();
    assert_eq!(
        stored_catalogue(&text, &languages()).as_ref(),
        Ok(&demo().catalogue)
    );
    // Every other rule holds.
    let broken = text.replacen("kind = \"probe\"", "kind = \"probr\"", 1);
    let errors = stored_catalogue(&broken, &languages()).expect_err("a bad kind");
    let problems: Vec<_> = errors.iter().map(|e| e.problem).collect();
    assert_eq!(problems, [Problem::UnknownKind]);
}
