//! The message ids the code builds at run time, derived from the codes' `ALL` lists so that a
//! new code shows up in the locale parity test without anyone remembering.

use super::keys::item_label_id;
use super::{SectionKey, listed_sections, signature};
use crate::readiness::catalogue::DecisionCode;
use crate::readiness::narrative;
use crate::readiness::programme;
use crate::readiness::state::Role;
use crate::readiness::{ItemKind, Status, demo};

/// Every message id the code builds at run time (the templates' literal ids are found by
/// reading them). The locale parity test checks both sets against `locales/`.
pub fn dynamic_message_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for notice in crate::web::notice::NoticeCode::ALL {
        ids.push(format!("notice-{}", notice.as_str()));
    }
    catalogue_ids(&mut ids);
    state_ids(&mut ids);
    page_ids(&mut ids);
    audit_ids(&mut ids);
    rehearsal_ids(&mut ids);
    signature_ids(&mut ids);
    ids.extend(crate::web::invite::message_ids());
    ids.extend(super::account::message_ids());
    ids.extend(super::inbox::message_ids());
    ids.extend(super::people::message_ids());
    ids.extend(super::api_keys::message_ids());
    ids.extend(super::webhooks::message_ids());
    ids.extend(crate::web::platform::message_ids());
    ids.extend(crate::web::sso::message_ids());
    ids.extend(crate::mail::message_ids());
    ids.extend(crate::web::api::problem::message_ids());
    ids.sort();
    ids.dedup();
    ids
}

/// The sections and items of the standard catalogue: names, actions, details, intros.
fn catalogue_ids(ids: &mut Vec<String>) {
    let cat = &programme::demo().catalogue;
    for section in &cat.sections {
        ids.push(format!("section-name-{}", section.key));
        ids.push(format!("action-title-{}", section.key));
        ids.push(format!("action-detail-{}", section.key));
        for item in &section.items {
            ids.push(item_label_id(&item.key));
            if let Some(fact) = item.fact {
                ids.push(format!("action-title-fact-{}", fact.as_str()));
                ids.push(format!("action-detail-fact-{}", fact.as_str()));
            }
        }
    }
    for key in SectionKey::ALL {
        ids.push(key.title_id());
        if let SectionKey::Items(section) = key {
            ids.push(format!("intro-{section}"));
        }
    }
    for section in &cat.sections {
        let listed = listed_sections().any(|s| s == section.key);
        if listed {
            for item in &section.items {
                ids.push(format!("{}-detail", item_label_id(&item.key)));
            }
        }
    }
    for key in crate::readiness::packets::PacketKey::ALL {
        ids.push(format!("packet-{key}-intro"));
    }
}

/// The codes of the loaded state: kinds, statuses, roles, batches, evidence refusals,
/// providers, environments, units.
fn state_ids(ids: &mut Vec<String>) {
    for kind in ItemKind::ALL {
        ids.push(format!("kind-{}", kind.as_str()));
    }
    for status in Status::ALL {
        ids.push(format!("status-{}", status.as_str()));
    }
    for role in Role::ALL {
        ids.push(format!("role-{}", role.as_str()));
    }
    let state = demo::state(time::OffsetDateTime::UNIX_EPOCH);
    for group in crate::readiness::evaluate::batch_groups(&state) {
        ids.push(format!("batch-{}", group.key));
    }
    for error in crate::readiness::evidence::EvidenceError::ALL {
        ids.push(format!("evidence-{}", error.as_str()));
    }
    for provider in &state.providers {
        ids.push(format!("provider-{}", provider.key));
        ids.push(format!("provider-detail-{}", provider.key));
    }
    for env in crate::readiness::Environment::ALL {
        ids.push(format!("environment-{env}"));
        ids.push(format!("environment-{env}-detail"));
    }
    for actor in &state.actors {
        ids.push(format!("unit-{}", actor.unit));
    }
}

/// The console page's own labels: key figures, copilot cards, the ladder, months, errors.
fn page_ids(ids: &mut Vec<String>) {
    for id in ["preflight", "cutover", "connection"] {
        ids.push(format!("kpi-{id}-label"));
    }
    for id in [
        "providers",
        "session",
        "preflight",
        "runbook",
        "release",
        "rollback",
    ] {
        ids.push(format!("copilot-card-{id}-title"));
    }
    ids.extend(narrative::message_ids());
    for problem in programme::Problem::ALL {
        ids.push(problem.message_id());
    }
    // The next action in a section of another programme.
    ids.push("action-title-section".to_owned());
    ids.push("action-detail-section".to_owned());
    for rung in DecisionCode::RUNGS.into_iter().chain([DecisionCode::Go]) {
        ids.push(format!("ladder-{}", rung.slug()));
    }
    for rung_state in super::view::RungState::ALL {
        ids.push(format!("ladder-state-{}", rung_state.as_str()));
    }
    for month in 1..=12 {
        ids.push(format!("month-{month}"));
    }
    for kind in crate::web::error::ErrorKind::ALL {
        ids.push(format!("error-title-{}", kind.id()));
        ids.push(format!("error-body-{}", kind.id()));
    }
}

/// The audit trail: actions, faults, the records it accounts for, scenario problems, kinds.
fn audit_ids(ids: &mut Vec<String>) {
    for action in crate::readiness::AuditAction::ALL {
        ids.push(format!("audit-action-{action}"));
    }
    // The settings page: its fields, the providers' modes, why a value is refused.
    for field in crate::readiness::profile::ProfileField::ALL {
        ids.push(format!("settings-field-{field}"));
    }
    for mode in crate::readiness::profile::ProviderMode::ALL {
        ids.push(format!("settings-provider-{mode}"));
    }
    for error in crate::readiness::profile::ModeError::ALL {
        ids.push(format!("settings-error-{error}"));
    }
    for fault in crate::chain::Fault::ALL {
        ids.push(format!("audit-fault-{}", fault.as_str()));
    }
    for record in crate::chain::Record::ALL {
        ids.push(format!("coverage-record-{}", record.as_str()));
    }
    for code in crate::readiness::scenario::Problem::CODES {
        ids.push(format!("scenario-error-{code}"));
    }
    for kind in crate::readiness::scenario::RecordKind::ALL {
        ids.push(format!("scenario-kind-{}", kind.as_str()));
    }
}

/// The rehearsals: kinds, run states, reasons, refusals, reference errors, gap kinds.
fn rehearsal_ids(ids: &mut Vec<String>) {
    for kind in crate::readiness::RehearsalKind::ALL {
        for id in ["rehearsal-kind-", "rehearsal-run-"] {
            ids.push(format!("{id}{kind}"));
        }
        ids.push(format!("rehearsal-kind-{kind}-help"));
    }
    for state in crate::readiness::RunState::ALL {
        ids.push(format!("rehearsal-state-{state}"));
    }
    for reason in crate::rehearsal::Reason::ALL {
        ids.push(format!("rehearsal-reason-{reason}"));
    }
    // A run's own reason: a refusal's code, or the time limit's.
    for reason in crate::rehearsal::RunReason::all() {
        ids.push(format!("rehearsal-reason-{reason}"));
    }
    for refusal in crate::rehearsal::Refusal::ALL {
        ids.push(format!("rehearsal-refused-{}", refusal.as_str()));
    }
    for error in crate::rehearsal::RefError::ALL {
        ids.push(format!("rehearsal-ref-{}", error.as_str()));
    }
    for kind in crate::rehearsal::probes::GapKind::ALL {
        ids.push(format!("rehearsal-gap-kind-{kind}"));
    }
}

/// The signature: its sentences, what withdrew it, the audit targets.
fn signature_ids(ids: &mut Vec<String>) {
    ids.extend(signature::SENTENCE_IDS.map(str::to_owned));
    for action in crate::readiness::signature::WithdrawingAction::ALL {
        ids.push(signature::withdrawn_id(Some(action)));
    }
    ids.push(signature::withdrawn_id(None));
    for target in crate::readiness::AuditTarget::ALL {
        ids.push(format!("audit-target-{target}"));
    }
}
